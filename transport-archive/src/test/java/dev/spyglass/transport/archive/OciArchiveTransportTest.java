package dev.spyglass.transport.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciArchiveTransportTest {
  private static final OciArchiveTransport TRANSPORT = new OciArchiveTransport();
  private static final ImageOptions OPTIONS = ImageOptions.defaults();

  @TempDir Path dir;

  /**
   * A tar of an OCI layout holding both images' blobs and manifests, and {@code index} as
   * index.json.
   */
  private Path layout(List<TestImage> images, String index) throws Exception {
    TarBuilder tar = new TarBuilder().directory("blobs/").directory("blobs/sha256/");
    for (TestImage image : images) {
      tar.file("blobs/sha256/" + image.configDigest().hex(), image.config());
      for (int i = 0; i < image.layers().size(); i++) {
        tar.file(
            "blobs/sha256/" + image.gzipDescriptor(i).digest().hex(), image.gzipLayers().get(i));
      }
      RawManifest manifest = image.schema2();
      tar.file("blobs/sha256/" + manifest.digest().hex(), manifest.bytes());
    }
    tar.file("oci-layout", "{\"imageLayoutVersion\": \"1.0.0\"}").file("index.json", index);
    return Files.write(dir.resolve("layout.tar"), tar.build());
  }

  private static String entry(TestImage image, String extra) {
    RawManifest m = image.schema2();
    return "{\"mediaType\":\""
        + m.mediaType()
        + "\",\"digest\":\""
        + m.digest()
        + "\",\"size\":"
        + m.size()
        + extra
        + "}";
  }

  @Test
  void readsEachOfSeveralNamedImages() throws Exception {
    TestImage one = TestImage.of("one", 1);
    TestImage two = TestImage.of("two", 2);
    Path archive =
        layout(
            List.of(one, two),
            "{\"schemaVersion\":2,\"manifests\":["
                + entry(one, ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"v1\"}")
                + ","
                + entry(
                    two,
                    ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"v2\",\"io.containerd.image.name\":\"docker.io/library/two:v2\"}")
                + "]}");
    try (ImageSource source = TRANSPORT.parseReference(archive + ":v1").newImageSource(OPTIONS)) {
      assertEquals(one.schema2(), source.manifest());
    }
    for (String name : List.of(":v2", ":docker.io/library/two:v2")) {
      try (ImageSource source = TRANSPORT.parseReference(archive + name).newImageSource(OPTIONS);
          InputStream in = source.blob(two.gzipDescriptor(1))) {
        assertEquals(two.schema2(), source.manifest());
        assertArrayEquals(two.gzipLayers().get(1), in.readAllBytes());
      }
    }
    ImageException several =
        assertThrows(
            ImageException.class,
            () -> TRANSPORT.parseReference(archive.toString()).newImageSource(OPTIONS));
    assertEquals(
        "archive \""
            + archive
            + "\" holds 2 images; name one, as in \"oci-archive:"
            + archive
            + ":NAME\" (named: \"v1\", \"v2\")",
        several.getMessage());
    assertThrows(
        NotFoundException.class,
        () -> TRANSPORT.parseReference(archive + ":v3").newImageSource(OPTIONS));
  }

  @Test
  void servesAnIndexOfPlatformsAsAList() throws Exception {
    TestImage amd = TestImage.of("amd", 1);
    TestImage arm = TestImage.of("arm", 1);
    String index =
        "{\"schemaVersion\":2,\"manifests\":["
            + entry(amd, ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}")
            + ","
            + entry(arm, ",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}")
            + "]}";
    Path archive = layout(List.of(amd, arm), index);
    try (ImageSource source =
        TRANSPORT.parseReference(archive.toString()).newImageSource(OPTIONS)) {
      RawManifest top = source.manifest();
      assertEquals(MediaType.OCI_INDEX, top.mediaType());
      assertEquals(index, new String(top.bytes(), StandardCharsets.UTF_8));
      RawManifest armManifest = source.manifest(arm.schema2().digest());
      assertArrayEquals(arm.schema2().bytes(), armManifest.bytes());
    }
  }

  @Test
  void writesAnArchiveThatKeepsTheManifestDigest() throws Exception {
    TestImage image = TestImage.of("one", 2);
    Path target = dir.resolve("out.tar");
    try (ImageDestination destination =
        TRANSPORT.parseReference(target + ":v1").newImageDestination(OPTIONS)) {
      assertTrue(destination.supportedManifestMediaTypes().contains(MediaType.DOCKER_SCHEMA2));
      destination.putBlob(image.configDescriptor(), new ByteArrayInputStream(image.config()));
      for (int i = 0; i < 2; i++) {
        destination.putBlob(
            image.gzipDescriptor(i), new ByteArrayInputStream(image.gzipLayers().get(i)));
      }
      assertFalse(Files.exists(target));
      destination.putManifest(image.schema2());
    }
    try (ImageSource source = TRANSPORT.parseReference(target + ":v1").newImageSource(OPTIONS);
        InputStream in = source.blob(image.gzipDescriptor(0))) {
      assertEquals(image.schema2(), source.manifest());
      assertArrayEquals(image.gzipLayers().get(0), in.readAllBytes());
    }
    try (Stream<Path> names = Files.list(dir)) {
      assertEquals(List.of(target), names.toList(), "no temporary file left");
    }
  }

  @Test
  void anInterruptedWriteLeavesNoFileAndKeepsTheOldArchive() throws Exception {
    TestImage image = TestImage.of("one", 1);
    Path old = Files.writeString(dir.resolve("old.tar"), "old");
    try (ImageDestination destination =
        TRANSPORT.parseReference(old.toString()).newImageDestination(OPTIONS)) {
      destination.putBlob(
          image.gzipDescriptor(0), new ByteArrayInputStream(image.gzipLayers().get(0)));
    }
    assertEquals("old", Files.readString(old));
    Files.delete(old);
    Path target = dir.resolve("out.tar");
    try (ImageDestination destination =
        TRANSPORT.parseReference(target.toString()).newImageDestination(OPTIONS)) {
      destination.putBlob(
          image.gzipDescriptor(0), new ByteArrayInputStream(image.gzipLayers().get(0)));
    }
    try (Stream<Path> names = Files.list(dir)) {
      assertEquals(List.of(), names.toList());
    }
  }

  @Test
  void parsesTheOciReferenceSyntax() {
    OciArchiveReference ref = TRANSPORT.parseReference("/tmp/a.tar:v1.0");
    assertEquals(Path.of("/tmp/a.tar"), ref.path());
    assertEquals("v1.0", ref.name().orElseThrow());
    InvalidReferenceException bad =
        assertThrows(
            InvalidReferenceException.class, () -> TRANSPORT.parseReference("/tmp/a.tar:-bad"));
    assertTrue(
        bad.getMessage()
            .startsWith("invalid image reference \"/tmp/a.tar:-bad\": image name \"-bad\""),
        bad.getMessage());
    assertThrows(InvalidReferenceException.class, () -> TRANSPORT.parseReference(":v1"));
  }
}
