package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.Transport;
import dev.spyglass.it.TestImages.Blob;
import dev.spyglass.it.TestImages.Format;
import dev.spyglass.it.TestImages.ImageFacts;
import dev.spyglass.it.TestImages.PushedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code docker} transport and the manifest formats, found by {@code ServiceLoader} on the
 * class path, against a real plain-HTTP registry holding one image of each format.
 */
class DockerTransportIT {
  private static RegistryProcess registry;
  private static TestImages.Pushed pushed;
  private static ImageOptions options;

  @BeforeAll
  static void pushImages() throws Exception {
    registry = RegistryProcess.plain();
    pushed = TestImages.pushAll(registry.pusher());
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

  /** Every image, by each tag and by the digest of that tag. */
  static Stream<Arguments> references() {
    return pushed.all().stream()
        .flatMap(
            image ->
                image.tags().stream()
                    .flatMap(
                        tag ->
                            Stream.of(
                                Arguments.of(image.format(), tag, false),
                                Arguments.of(image.format(), tag, true))));
  }

  static Stream<Format> formats() {
    return Stream.of(Format.values());
  }

  @Test
  void findsTheDockerTransportAndEveryManifestFormatOnTheClassPath() {
    assertFalse(getClass().getModule().isNamed(), "these tests must run on the class path");
    Transport docker = Sources.TRANSPORTS.get("docker").orElseThrow();
    assertEquals("dev.spyglass.transport.docker.DockerTransport", docker.getClass().getName());
    assertTrue(
        ManifestFormats.installed()
            .mediaTypes()
            .containsAll(
                List.of(
                    MediaType.DOCKER_SCHEMA1,
                    MediaType.DOCKER_SCHEMA1_SIGNED,
                    MediaType.DOCKER_SCHEMA2,
                    MediaType.DOCKER_MANIFEST_LIST,
                    MediaType.OCI_MANIFEST,
                    MediaType.OCI_INDEX)),
        () -> "installed manifest formats: " + ManifestFormats.installed().mediaTypes());
  }

  @ParameterizedTest(name = "{0} {1} by digest: {2}")
  @MethodSource("references")
  void manifestIsTheOneTheRegistryServes(Format format, String tag, boolean byDigest)
      throws Exception {
    PushedImage image = image(format);
    RawManifest raw = Sources.manifest(reference(image, tag, byDigest), options);

    assertEquals(image.mediaType(), MediaType.normalize(raw.mediaType()));
    assertEquals(image.digest(tag), raw.digest());
    HttpResponse<byte[]> served =
        registry
            .pusher()
            .getManifest(image.repository(), image.digest(tag).toString(), image.mediaType());
    assertEquals(
        served.headers().firstValue("Docker-Content-Digest").orElseThrow(),
        raw.digest().toString());
    if (format == Format.SCHEMA1) {
      // Signed afresh on every GET: the payload digest is what stays.
      assertEquals(image.digest(tag), Schema1Payload.digest(raw.bytes()));
      assertEquals(image.digest(tag), options.formats().digest(raw.bytes(), raw.mediaType()));
    } else {
      assertArrayEquals(image.manifest(tag), raw.bytes());
      assertArrayEquals(served.body(), raw.bytes());
    }
  }

  @ParameterizedTest(name = "{0} {1} by digest: {2}")
  @MethodSource("references")
  void parsedLayersAndConfigAreWhatWasPushed(Format format, String tag, boolean byDigest)
      throws Exception {
    PushedImage image = image(format);
    try (ImageSource source = Sources.open(reference(image, tag, byDigest), options)) {
      ImageManifest manifest =
          assertInstanceOf(ImageManifest.class, options.formats().parse(source.manifest()));

      assertEquals(
          digests(image.layers()), manifest.layers().stream().map(Descriptor::digest).toList());
      byte[] configBlob;
      if (format == Format.SCHEMA1) {
        assertTrue(manifest.configDescriptor().isEmpty(), "schema1 has no config blob");
        assertTrue(
            manifest.layers().stream().allMatch(layer -> layer.size() == -1),
            "schema1 sizes are unknown");
        assertEquals(tag, manifest.tag().orElseThrow());
        configBlob = new byte[0];
      } else {
        assertEquals(
            image.layers().stream().map(Blob::size).toList(),
            manifest.layers().stream().map(Descriptor::size).toList());
        assertEquals(
            image.layers().stream().map(Blob::mediaType).toList(),
            manifest.layers().stream().map(Descriptor::mediaType).toList());
        Blob config = image.config().orElseThrow();
        Descriptor configDescriptor = manifest.configDescriptor().orElseThrow();
        assertEquals(config.descriptor(), configDescriptor);
        configBlob = Sources.readBlob(source, configDescriptor);
        assertArrayEquals(config.bytes(), configBlob);
      }

      ImageConfig config = manifest.decodeConfig(configBlob);
      ImageFacts facts = image.facts();
      assertEquals(
          facts.createdTime().toInstant(),
          config.created() == null ? null : config.created().toInstant());
      assertEquals(facts.labels(), config.labels());
      assertEquals(facts.env(), config.env());
      assertEquals(facts.architecture(), config.architecture());
      assertEquals(facts.variant(), config.variant());
      assertEquals(facts.os(), config.os());
      assertEquals(facts.author(), config.author());
      assertEquals(facts.dockerVersion(), config.dockerVersion());
    }
  }

  @Test
  void ociLayerAnnotationsAreKept() throws Exception {
    PushedImage image = pushed.oci();
    try (ImageSource source =
        Sources.open(image.byTag(registry.hostPort(), image.firstTag()), options)) {
      ImageManifest manifest = (ImageManifest) options.formats().parse(source.manifest());
      assertEquals(Map.of(), manifest.layers().get(0).annotations());
      assertEquals(
          Map.of("org.opencontainers.image.title", "oci-app.tar.gz"),
          manifest.layers().get(1).annotations());
    }
  }

  @ParameterizedTest
  @MethodSource("formats")
  void layerBlobsStreamVerified(Format format) throws Exception {
    PushedImage image = image(format);
    try (ImageSource source =
        Sources.open(image.byTag(registry.hostPort(), image.firstTag()), options)) {
      ImageManifest manifest = (ImageManifest) options.formats().parse(source.manifest());
      for (int i = 0; i < manifest.layers().size(); i++) {
        assertArrayEquals(
            image.layers().get(i).bytes(),
            Sources.readBlob(source, manifest.layers().get(i)),
            "layer " + i);
      }
    }
  }

  @Test
  void blobShorterThanDeclaredFailsVerification() throws Exception {
    PushedImage image = pushed.schema2();
    Blob layer = image.layers().get(0);
    Descriptor lying = Descriptor.of(layer.mediaType(), layer.digest(), layer.size() + 1);
    try (ImageSource source =
        Sources.open(image.byTag(registry.hostPort(), image.firstTag()), options)) {
      ImageException failure =
          assertThrows(ImageException.class, () -> Sources.readBlob(source, lying));
      assertTrue(failure.getMessage().contains(layer.digest().toString()), failure::getMessage);
    }
  }

  @Test
  void missingBlobIsNotFound() throws Exception {
    PushedImage image = pushed.schema2();
    Descriptor missing =
        Descriptor.of(
            MediaType.DOCKER_LAYER_GZIP,
            Digest.sha256("no such layer".getBytes(StandardCharsets.UTF_8)),
            13);
    try (ImageSource source =
        Sources.open(image.byTag(registry.hostPort(), image.firstTag()), options)) {
      assertThrows(NotFoundException.class, () -> Sources.readBlob(source, missing));
    }
  }

  @ParameterizedTest
  @MethodSource("formats")
  void tagsListEveryPushedTag(Format format) throws Exception {
    PushedImage image = image(format);
    try (ImageSource source =
        Sources.open(image.byTag(registry.hostPort(), image.firstTag()), options)) {
      List<String> tags = source.tags();
      assertEquals(Set.copyOf(image.tags()), Set.copyOf(tags));
      assertEquals(image.tags().size(), tags.size());
    }
  }

  @Test
  void manifestByDigestReturnsThatManifest() throws Exception {
    PushedImage oci = pushed.oci();
    PushedImage schema2 = pushed.schema2();
    try (ImageSource source =
        Sources.open(schema2.byTag(registry.hostPort(), schema2.firstTag()), options)) {
      RawManifest raw = source.manifest(schema2.digest(schema2.firstTag()));
      assertArrayEquals(schema2.manifest(schema2.firstTag()), raw.bytes());
      assertEquals(MediaType.DOCKER_SCHEMA2, MediaType.normalize(raw.mediaType()));
      // A digest of another repository is not in this one.
      assertThrows(NotFoundException.class, () -> source.manifest(oci.digest(oci.firstTag())));
    }
  }

  @Test
  void missingTagIsNotFound() {
    String reference =
        "docker://" + registry.hostPort() + "/" + pushed.schema2().repository() + ":no-such-tag";
    assertThrows(NotFoundException.class, () -> Sources.manifest(reference, options));
  }

  @Test
  void missingDigestIsNotFound() {
    String reference =
        "docker://"
            + registry.hostPort()
            + "/"
            + pushed.schema2().repository()
            + "@"
            + Digest.sha256("no such manifest".getBytes(StandardCharsets.UTF_8));
    assertThrows(NotFoundException.class, () -> Sources.manifest(reference, options));
  }

  @Test
  void missingRepositoryIsNotFound() {
    String reference = "docker://" + registry.hostPort() + "/spyglass/no-such-repository:latest";
    assertThrows(NotFoundException.class, () -> Sources.manifest(reference, options));
  }

  @Test
  void tagsOfMissingRepositoryAreNotFound() {
    String reference = "docker://" + registry.hostPort() + "/spyglass/no-such-repository:latest";
    assertThrows(
        NotFoundException.class,
        () -> {
          try (ImageSource source = Sources.open(reference, options)) {
            source.tags();
          }
        });
  }

  private static PushedImage image(Format format) {
    return pushed.image(format);
  }

  private static String reference(PushedImage image, String tag, boolean byDigest) {
    return byDigest
        ? image.byDigest(registry.hostPort(), tag)
        : image.byTag(registry.hostPort(), tag);
  }

  private static List<Digest> digests(List<Blob> blobs) {
    return blobs.stream().map(Blob::digest).toList();
  }
}
