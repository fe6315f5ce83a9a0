package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import dev.spyglass.it.TestImages.PushedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pushes through the {@code docker} transport's image destination into a real plain-HTTP
 * registry, and reads the result back with skopeo and with the transport's image source.
 */
class DockerPushIT {
  private static RegistryProcess registry;
  private static PushedImage original;
  private static ImageOptions options;

  @BeforeAll
  static void pushOriginal() throws Exception {
    registry = RegistryProcess.plain();
    original = TestImages.pushSchema2(registry.pusher(), "spyglass/origin", List.of("1.0"));
    options =
        ImageOptions.builder()
            .tlsVerify(false)
            .authFile(AuthFiles.empty(registry.newFolder("auth")))
            .build();
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private static ImageReference reference(String repositoryAndTag) {
    return Sources.TRANSPORTS.parse("docker://" + registry.hostPort() + "/" + repositoryAndTag);
  }

  @Test
  void copiesAnImageIntoAnotherRepositoryBlobByBlobKeepingItsDigest() throws Exception {
    ImageReference from = reference(original.repository() + ":1.0");
    ImageReference to = reference("spyglass/copy:1.0");
    int mounted = 0;
    int uploaded = 0;
    RawManifest raw;
    try (ImageSource source = from.newImageSource(options);
        ImageDestination destination = to.newImageDestination(options)) {
      raw = source.manifest();
      ImageManifest manifest =
          assertInstanceOf(ImageManifest.class, options.formats().parse(raw));
      List<Descriptor> blobs = new ArrayList<>(manifest.layers());
      blobs.add(manifest.configDescriptor().orElseThrow());
      for (Descriptor blob : blobs) {
        assertFalse(destination.hasBlob(blob), "new repository has " + blob.digest());
        // The config is uploaded, the layers are mounted from the original repository.
        if (blob.mediaType().equals(MediaType.DOCKER_CONFIG)) {
          try (InputStream in = source.blob(blob)) {
            destination.putBlob(blob, in);
          }
          uploaded++;
        } else {
          assertTrue(destination.mountBlob(blob, from), "mount of " + blob.digest());
          mounted++;
        }
        assertTrue(destination.hasBlob(blob), "after the push, the repository has " + blob.digest());
      }
      destination.putManifest(raw);
    }

    assertEquals(1, uploaded);
    assertEquals(original.layers().size(), mounted);
    String image = "docker://" + registry.hostPort() + "/spyglass/copy:1.0";
    byte[] served = Skopeo.runBytes(List.of("inspect", "--tls-verify=false", "--raw", image));
    assertArrayEquals(raw.bytes(), served);
    JsonObject inspected = JsonParser.parseString(Skopeo.inspect(image)).getAsJsonObject();
    assertEquals(original.digest("1.0").toString(), inspected.get("Digest").getAsString());
    byte[] config =
        Skopeo.runBytes(List.of("inspect", "--tls-verify=false", "--config", "--raw", image));
    assertArrayEquals(original.config().orElseThrow().bytes(), config);
  }

  @Test
  void skipsBlobsTheRepositoryHasAndMountsNothingFromAnotherRegistry() throws Exception {
    Descriptor layer = original.layers().get(0).descriptor();
    ImageReference elsewhere = Sources.TRANSPORTS.parse("docker://other.invalid/spyglass/origin:1.0");
    try (ImageDestination destination =
        reference(original.repository() + ":1.0").newImageDestination(options)) {
      assertTrue(destination.hasBlob(layer));
      assertFalse(destination.mountBlob(layer, elsewhere));
    }
  }

  @Test
  void uploadsA20MiBBlobOfKnownSizeInOneStreamedPatchThatTheRegistryServesWhole() throws Exception {
    byte[] blob = new byte[20 * 1024 * 1024];
    new Random(20).nextBytes(blob);
    Descriptor descriptor =
        Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(blob), blob.length);
    int mark = RegistryAccessLog.read(registry.logFile()).size();

    try (ImageDestination destination = reference("spyglass/big:1").newImageDestination(options)) {
      destination.putBlob(descriptor, new ByteArrayInputStream(blob));
      assertTrue(destination.hasBlob(descriptor));
    }

    List<RegistryAccessLog.Entry> requests =
        RegistryAccessLog.awaitSince(registry.logFile(), mark, 4, Duration.ofSeconds(5));
    List<String> methods = requests.stream().map(RegistryAccessLog.Entry::method).toList();
    assertEquals(List.of("POST", "PATCH", "PUT", "HEAD"), methods, requests::toString);
    MessageDigest hash = MessageDigest.getInstance("SHA-256");
    long size = 0;
    try (ImageSource source = reference("spyglass/big:1").newImageSource(options);
        InputStream in = source.blob(descriptor)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        hash.update(buffer, 0, n);
        size += n;
      }
    }
    assertEquals(blob.length, size);
    assertEquals(descriptor.digest(), Digest.of("sha256", hash.digest()));
  }

  @Test
  void uploadsA20MiBBlobOfUnknownSizeInChunksThatTheRegistryServesWhole() throws Exception {
    byte[] blob = new byte[20 * 1024 * 1024];
    new Random(20).nextBytes(blob);
    Descriptor descriptor =
        Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(blob), -1);
    int mark = RegistryAccessLog.read(registry.logFile()).size();

    try (ImageDestination destination = reference("spyglass/big-unsized:1").newImageDestination(options)) {
      destination.putBlob(descriptor, new ByteArrayInputStream(blob));
      assertTrue(destination.hasBlob(descriptor));
    }

    List<RegistryAccessLog.Entry> requests =
        RegistryAccessLog.awaitSince(registry.logFile(), mark, 6, Duration.ofSeconds(5));
    List<String> methods = requests.stream().map(RegistryAccessLog.Entry::method).toList();
    assertEquals(List.of("POST", "PATCH", "PATCH", "PATCH", "PUT", "HEAD"), methods, requests::toString);
    MessageDigest hash = MessageDigest.getInstance("SHA-256");
    long size = 0;
    try (ImageSource source = reference("spyglass/big-unsized:1").newImageSource(options);
        InputStream in = source.blob(descriptor)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        hash.update(buffer, 0, n);
        size += n;
      }
    }
    assertEquals(blob.length, size);
    assertEquals(descriptor.digest(), Digest.of("sha256", hash.digest()));
  }

}
