package dev.spyglass.transport.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import dev.spyglass.testing.contract.PausingStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerArchiveTransportTest {
  private static final DockerArchiveTransport TRANSPORT = new DockerArchiveTransport();
  private static final ImageOptions OPTIONS = ImageOptions.defaults();

  @TempDir Path dir;

  /** A docker save archive of two images, layers uncompressed and named by diff ID. */
  private Path twoImages(TestImage one, TestImage two) throws IOException {
    TarBuilder tar = new TarBuilder();
    StringBuilder manifest = new StringBuilder("[");
    int n = 0;
    for (TestImage image : List.of(one, two)) {
      String config = image.configDigest().hex() + ".json";
      tar.file(config, image.config());
      StringBuilder layers = new StringBuilder();
      for (int i = 0; i < image.layers().size(); i++) {
        String name = image.diffId(i).hex() + "/layer.tar";
        tar.file(name, image.layers().get(i));
        layers.append(i > 0 ? "," : "").append('"').append(name).append('"');
      }
      manifest
          .append(n++ > 0 ? "," : "")
          .append("{\"Config\":\"")
          .append(config)
          .append("\",\"RepoTags\":[\"")
          .append(n == 1 ? "app:1" : "registry.example:5000/team/other:2")
          .append("\"],\"Layers\":[")
          .append(layers)
          .append("]}");
    }
    tar.file("manifest.json", manifest.append("]").toString());
    return Files.write(dir.resolve("two.tar"), tar.build());
  }

  private static byte[] read(ImageSource source, Descriptor blob) throws IOException {
    try (InputStream in = source.blob(blob)) {
      return in.readAllBytes();
    }
  }

  @Test
  void readsEachImageOfATwoImageArchiveByNameAndByIndex() throws Exception {
    TestImage one = TestImage.of("one", 2);
    TestImage two = TestImage.of("two", 1);
    Path archive = twoImages(one, two);
    for (String ref : List.of(":app:1", ":docker.io/library/app:1", ":@0")) {
      try (ImageSource source = TRANSPORT.parseReference(archive + ref).newImageSource(OPTIONS)) {
        String manifest = new String(source.manifest().bytes(), StandardCharsets.UTF_8);
        assertTrue(manifest.contains(one.configDigest().toString()), ref);
        assertArrayEquals(
            one.layers().get(1),
            read(source, Descriptor.of(MediaType.DOCKER_LAYER_GZIP, one.diffId(1), -1)));
      }
    }
    for (String ref : List.of(":registry.example:5000/team/other:2", ":@1")) {
      try (ImageSource source = TRANSPORT.parseReference(archive + ref).newImageSource(OPTIONS)) {
        assertArrayEquals(two.config(), read(source, two.configDescriptor()));
      }
    }
    ImageException several =
        assertThrows(
            ImageException.class,
            () -> TRANSPORT.parseReference(archive.toString()).newImageSource(OPTIONS));
    assertEquals(
        "archive \""
            + archive
            + "\" holds 2 images; name one, as in \"docker-archive:"
            + archive
            + ":NAME:TAG\" or \"docker-archive:"
            + archive
            + ":@INDEX\"",
        several.getMessage());
    NotFoundException missing =
        assertThrows(
            NotFoundException.class,
            () -> TRANSPORT.parseReference(archive + ":app:2").newImageSource(OPTIONS));
    assertTrue(
        missing
            .getMessage()
            .contains(
                "no image of archive \"" + archive + "\" is tagged \"docker.io/library/app:2\""));
    assertThrows(
        NotFoundException.class,
        () -> TRANSPORT.parseReference(archive + ":@2").newImageSource(OPTIONS));
  }

  @Test
  void buildsTheSchema2ManifestSkopeoBuilds() throws Exception {
    TestImage image = TestImage.of("one", 2);
    Path archive = twoImages(image, TestImage.of("two", 1));
    try (ImageSource source =
        TRANSPORT.parseReference(archive + ":app:1").newImageSource(OPTIONS)) {
      String expected =
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
              + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":"
              + image.config().length
              + ",\"digest\":\""
              + image.configDigest()
              + "\"},\"layers\":["
              + "{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":"
              + image.layers().get(0).length
              + ",\"digest\":\""
              + image.diffId(0)
              + "\"},"
              + "{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":"
              + image.layers().get(1).length
              + ",\"digest\":\""
              + image.diffId(1)
              + "\"}]}";
      RawManifest manifest = source.manifest();
      assertEquals(expected, new String(manifest.bytes(), StandardCharsets.UTF_8));
      assertEquals(Digest.sha256(expected.getBytes(StandardCharsets.UTF_8)), manifest.digest());
      assertEquals(MediaType.DOCKER_SCHEMA2, manifest.mediaType());
      assertEquals(List.of(), source.tags());
      assertEquals("docker.io/library/app", source.reference().dockerName().orElseThrow());
    }
  }

  @Test
  void refusesManifestJsonNamesThatLeaveTheArchive() throws Exception {
    byte[] tar =
        new TarBuilder()
            .file(
                "manifest.json",
                "[{\"Config\":\"../../etc/passwd\",\"RepoTags\":[],\"Layers\":[]}]")
            .build();
    Path archive = Files.write(dir.resolve("evil.tar"), tar);
    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> TRANSPORT.parseReference(archive.toString()).newImageSource(OPTIONS));
    assertEquals(
        "file \"../../etc/passwd\" named by image @0 of manifest.json in archive \""
            + archive
            + "\" contains \"..\", which may leave the archive",
        e.getMessage());
  }

  @Test
  void refusesALayerThatDoesNotMatchItsDiffId() throws Exception {
    TestImage image = TestImage.of("one", 1);
    byte[] tar =
        new TarBuilder()
            .file("c.json", image.config())
            .file("l.tar", new TarBuilder().file("other", "bytes").build())
            .file(
                "manifest.json",
                "[{\"Config\":\"c.json\",\"RepoTags\":null,\"Layers\":[\"l.tar\"]}]")
            .build();
    Path archive = Files.write(dir.resolve("bad.tar"), tar);
    try (ImageSource source = TRANSPORT.parseReference(archive.toString()).newImageSource(OPTIONS);
        InputStream in =
            source.blob(Descriptor.of(MediaType.DOCKER_LAYER_GZIP, image.diffId(0), -1))) {
      assertThrows(DigestMismatchException.class, in::readAllBytes);
    }
  }

  @Test
  void writesAnArchiveThatReadsBackWithTheSameLayerDigests() throws Exception {
    TestImage image = TestImage.of("one", 2);
    Path target = dir.resolve("out.tar");
    ImageOptions options = ImageOptions.builder().additionalTags(List.of("other/x:2")).build();
    try (ImageDestination destination =
        TRANSPORT.parseReference(target + ":app:1").newImageDestination(options)) {
      assertEquals(List.of(MediaType.DOCKER_SCHEMA2), destination.supportedManifestMediaTypes());
      destination.putBlob(image.configDescriptor(), new ByteArrayInputStream(image.config()));
      for (int i = 0; i < 2; i++) {
        destination.putBlob(
            image.gzipDescriptor(i), new ByteArrayInputStream(image.gzipLayers().get(i)));
      }
      assertTrue(destination.hasBlob(image.gzipDescriptor(1)));
      assertFalse(Files.exists(target), "nothing under the final name before the manifest");
      destination.putManifest(image.schema2());
    }
    for (String ref : List.of(":app:1", ":docker.io/other/x:2", "")) {
      try (ImageSource source = TRANSPORT.parseReference(target + ref).newImageSource(OPTIONS)) {
        String manifest = new String(source.manifest().bytes(), StandardCharsets.UTF_8);
        assertTrue(manifest.contains(image.gzipDescriptor(0).digest().toString()), manifest);
        assertTrue(manifest.contains(image.gzipDescriptor(1).digest().toString()), manifest);
        assertArrayEquals(image.gzipLayers().get(1), read(source, image.gzipDescriptor(1)));
      }
    }
    try (var names = Files.list(dir)) {
      assertEquals(List.of(target), names.toList(), "no temporary file left");
    }
  }

  @Test
  void aLayerIsNotThereWhileItsPutRuns() throws Exception {
    TestImage image = TestImage.of("one", 1);
    byte[] layer = image.gzipLayers().get(0);
    CountDownLatch halfRead = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (ImageDestination destination =
        TRANSPORT.parseReference(dir.resolve("out.tar").toString()).newImageDestination(OPTIONS)) {
      CompletableFuture<Void> put =
          CompletableFuture.runAsync(
              () -> {
                try {
                  destination.putBlob(
                      image.gzipDescriptor(0),
                      new PausingStream(layer, layer.length / 2, halfRead, release));
                } catch (ImageException e) {
                  throw new CompletionException(e);
                }
              });
      assertTrue(halfRead.await(10, TimeUnit.SECONDS), "the put read half of the layer");
      try {
        assertFalse(destination.hasBlob(image.gzipDescriptor(0)), "half a layer is not there");
      } finally {
        release.countDown();
      }
      put.get(10, TimeUnit.SECONDS);
      assertTrue(destination.hasBlob(image.gzipDescriptor(0)), "the whole layer is there");
    }
  }

  @Test
  void anInterruptedWriteLeavesNoFile() throws Exception {
    TestImage image = TestImage.of("one", 1);
    Path target = dir.resolve("out.tar");
    try (ImageDestination destination =
        TRANSPORT.parseReference(target.toString()).newImageDestination(OPTIONS)) {
      byte[] tampered = image.gzipLayers().get(0).clone();
      tampered[tampered.length - 1] ^= 1;
      assertThrows(
          DigestMismatchException.class,
          () -> destination.putBlob(image.gzipDescriptor(0), new ByteArrayInputStream(tampered)));
      assertFalse(destination.hasBlob(image.gzipDescriptor(0)), "a blob that failed is not there");
      destination.putBlob(
          image.gzipDescriptor(0), new ByteArrayInputStream(image.gzipLayers().get(0)));
      // closed without a manifest: a copy that failed or was stopped
    }
    try (Stream<Path> names = Files.list(dir)) {
      assertEquals(List.of(), names.toList());
    }
  }

  @Test
  void neverReplacesAnExistingArchiveAsSkopeo() throws Exception {
    Path target = Files.writeString(dir.resolve("out.tar"), "old");
    ImageException e =
        assertThrows(
            ImageException.class,
            () -> TRANSPORT.parseReference(target + ":app:1").newImageDestination(OPTIONS));
    assertEquals(
        "archive \""
            + target
            + "\" already exists; a docker-archive: destination does not modify"
            + " existing archives (remove it, or choose another path)",
        e.getMessage());
    assertEquals("old", Files.readString(target));
    Path folder = Files.createDirectory(dir.resolve("folder"));
    assertThrows(
        ImageException.class,
        () -> TRANSPORT.parseReference(folder.toString()).newImageDestination(OPTIONS));
  }

  @Test
  void refusesListsAndIndexDestinations() throws Exception {
    Path target = dir.resolve("out.tar");
    assertThrows(
        InvalidReferenceException.class,
        () -> TRANSPORT.parseReference(target + ":@0").newImageDestination(OPTIONS));
    try (ImageDestination destination =
        TRANSPORT.parseReference(target.toString()).newImageDestination(OPTIONS)) {
      RawManifest list =
          new RawManifest(
              "{}".getBytes(StandardCharsets.UTF_8),
              MediaType.DOCKER_MANIFEST_LIST,
              Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)));
      assertThrows(ImageException.class, () -> destination.putManifest(list, list.digest()));
    }
  }

  @Test
  void parsesSkopeosReferenceSyntax() {
    DockerArchiveReference named = TRANSPORT.parseReference("/tmp/a.tar:app");
    assertEquals("docker.io/library/app:latest", named.nameAndTag().orElseThrow());
    assertEquals(Path.of("/tmp/a.tar"), named.path());
    assertEquals(3, TRANSPORT.parseReference("/tmp/a.tar:@3").index().getAsInt());
    assertTrue(TRANSPORT.parseReference("/tmp/a.tar").nameAndTag().isEmpty());
    for (String bad :
        List.of(
            "",
            ":app:1",
            "/tmp/a.tar:@x",
            "/tmp/a.tar:@-1",
            "/tmp/a.tar:App:1",
            "/tmp/a.tar:app@sha256:" + "0".repeat(64),
            "/tmp/a.tar:")) {
      assertThrows(InvalidReferenceException.class, () -> TRANSPORT.parseReference(bad), bad);
    }
  }
}
