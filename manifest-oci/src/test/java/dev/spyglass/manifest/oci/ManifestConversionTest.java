package dev.spyglass.manifest.oci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ConvertedImage;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conversions compared byte for byte with skopeo 1.9.3; the expected files and the commands that
 * made them are in {@code src/test/resources/dev/spyglass/manifest/oci/conversion}.
 */
class ManifestConversionTest {
  private final OciFormat oci = new OciFormat();
  private final Schema2Format schema2 = new Schema2Format();

  @Test
  void schema2ToOciMatchesSkopeoManifestAndConfig() throws Exception {
    ImageManifest source =
        (ImageManifest) schema2.parse(read("schema2-indented.json"), MediaType.DOCKER_SCHEMA2);

    ConvertedImage converted = source.convertTo(MediaType.OCI_MANIFEST, read("schema2-config.json"));

    assertArrayEquals(read("oci-from-schema2.json"), converted.manifest().bytes(), text(converted));
    assertEquals(MediaType.OCI_MANIFEST, converted.manifest().mediaType());
    assertEquals(
        Digest.parse("sha256:d2986debcc73dac0770d0fa1b8675b4ef5a9a4711413bc0e3bc74dc28e742c0f"),
        converted.manifest().digest());
    assertArrayEquals(read("oci-config-from-schema2.json"), converted.configBlob());
    assertEquals(Digest.sha256(converted.configBlob()), converted.config().digest());
    assertEquals(MediaType.OCI_CONFIG, converted.config().mediaType());
  }

  @Test
  void schema2ToOciRewritesARichConfigAndKeepsLayerUrlsAsSkopeo() throws Exception {
    ImageManifest source =
        (ImageManifest) schema2.parse(read("schema2-rich.json"), MediaType.DOCKER_SCHEMA2);

    ConvertedImage converted =
        source.convertTo(MediaType.OCI_MANIFEST, read("schema2-rich-config.json"));

    assertArrayEquals(read("oci-from-schema2-rich.json"), converted.manifest().bytes(), text(converted));
    assertArrayEquals(
        read("oci-config-from-schema2-rich.json"),
        converted.configBlob(),
        new String(converted.configBlob(), StandardCharsets.UTF_8));
  }

  @Test
  void ociToSchema2MatchesSkopeoAndKeepsConfigBytes() throws Exception {
    byte[] config = read("oci-config-from-schema2.json");
    ImageManifest source =
        (ImageManifest) oci.parse(read("oci-from-schema2.json"), MediaType.OCI_MANIFEST);

    ConvertedImage converted = source.convertTo(MediaType.DOCKER_SCHEMA2, config);

    assertArrayEquals(read("schema2-from-oci.json"), converted.manifest().bytes(), text(converted));
    assertArrayEquals(config, converted.configBlob());
    assertEquals(MediaType.DOCKER_CONFIG, converted.config().mediaType());
  }

  @Test
  void ociToSchema2DropsAnnotationsAndMapsUncompressedLayersAsSkopeo() throws Exception {
    byte[] config = read("oci-config-from-schema2.json");
    ImageManifest source =
        (ImageManifest) oci.parse(read("oci-annotated.json"), MediaType.OCI_MANIFEST);

    ConvertedImage converted = source.convertTo(MediaType.DOCKER_SCHEMA2, config);

    assertArrayEquals(
        read("schema2-from-oci-annotated.json"), converted.manifest().bytes(), text(converted));
  }

  @Test
  void schema2ToOciMapsUncompressedLayersAsSkopeo() throws Exception {
    ImageManifest source =
        (ImageManifest)
            schema2.parse(read("schema2-from-oci-annotated.json"), MediaType.DOCKER_SCHEMA2);

    ConvertedImage converted =
        source.convertTo(MediaType.OCI_MANIFEST, read("oci-config-from-schema2.json"));

    assertArrayEquals(
        read("oci-from-schema2-uncompressed.json"), converted.manifest().bytes(), text(converted));
  }

  @Test
  void ociToSchema2ToOciGivesOriginalBytesBackAsSkopeoDoes() throws Exception {
    byte[] original = read("oci-from-schema2.json");
    byte[] config = read("oci-config-from-schema2.json");
    ImageManifest source = (ImageManifest) oci.parse(original, MediaType.OCI_MANIFEST);

    ConvertedImage there = source.convertTo(MediaType.DOCKER_SCHEMA2, config);
    ImageManifest back =
        (ImageManifest) schema2.parse(there.manifest().bytes(), MediaType.DOCKER_SCHEMA2);
    ConvertedImage again = back.convertTo(MediaType.OCI_MANIFEST, there.configBlob());

    assertArrayEquals(original, again.manifest().bytes());
    assertArrayEquals(config, again.configBlob());
  }

  @Test
  void schema2ToOciToSchema2GivesOriginalBytesWhenConfigIsAlreadyCanonical() throws Exception {
    // skopeo: schema2-from-oci.json --format oci --> oci-from-schema2.json --format v2s2 --> same
    byte[] original = read("schema2-from-oci.json");
    byte[] config = read("oci-config-from-schema2.json");
    ImageManifest source = (ImageManifest) schema2.parse(original, MediaType.DOCKER_SCHEMA2);

    ConvertedImage there = source.convertTo(MediaType.OCI_MANIFEST, config);
    ImageManifest back =
        (ImageManifest) oci.parse(there.manifest().bytes(), MediaType.OCI_MANIFEST);
    ConvertedImage again = back.convertTo(MediaType.DOCKER_SCHEMA2, there.configBlob());

    assertArrayEquals(original, again.manifest().bytes());
  }

  @Test
  void ociArtifactIsNotConvertedToSchema2() {
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    OciManifest artifact =
        new OciManifest(
            Descriptor.of("application/vnd.example+json", Digest.sha256(config), config.length),
            List.of(),
            null,
            null,
            Map.of());

    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> artifact.convertTo(MediaType.DOCKER_SCHEMA2, config));
    assertEquals("unsupported-conversion", e.rule());
    assertTrue(e.getMessage().contains("artifact"), e.getMessage());
  }

  @Test
  void zstdLayerIsNotConvertedToSchema2() {
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    OciManifest image =
        new OciManifest(
            Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(config), config.length),
            List.of(
                Descriptor.of(
                    "application/vnd.oci.image.layer.v1.tar+zstd", Digest.sha256(config), 2)),
            null,
            null,
            Map.of());

    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> image.convertTo(MediaType.DOCKER_SCHEMA2, config));
    assertEquals("unsupported-conversion", e.rule());
    assertTrue(e.getMessage().contains("zstd"), e.getMessage());
  }

  @Test
  void conversionToItsOwnOrAnUnrelatedTypeIsRefused() throws Exception {
    ImageManifest source =
        (ImageManifest) schema2.parse(read("schema2-indented.json"), MediaType.DOCKER_SCHEMA2);
    byte[] config = read("schema2-config.json");

    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> source.convertTo(MediaType.DOCKER_SCHEMA1_SIGNED, config));
    assertEquals("unsupported-conversion", e.rule());
  }

  @Test
  void schema2ConversionRejectsAConfigThatIsNotItsOwn() throws Exception {
    ImageManifest source =
        (ImageManifest) schema2.parse(read("schema2-indented.json"), MediaType.DOCKER_SCHEMA2);

    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> source.convertTo(MediaType.OCI_MANIFEST, read("oci-config-from-schema2.json")));
    assertEquals("config-digest-mismatch", e.rule());
  }

  @Test
  void dockerListToOciIndexPointingAtConvertedImagesMatchesSkopeo() throws Exception {
    ManifestList list =
        (ManifestList) schema2.parse(read("list-docker.json"), MediaType.DOCKER_MANIFEST_LIST);
    Map<Digest, Descriptor> converted = new LinkedHashMap<>();
    converted.put(
        list.entries().get(0).descriptor().digest(),
        Descriptor.of(
            MediaType.OCI_MANIFEST,
            Digest.parse("sha256:d2986debcc73dac0770d0fa1b8675b4ef5a9a4711413bc0e3bc74dc28e742c0f"),
            401));
    converted.put(
        list.entries().get(1).descriptor().digest(),
        Descriptor.of(
            MediaType.OCI_MANIFEST,
            Digest.parse("sha256:4fa0944af2a088321df43d4181d21cbdae009193acc3e46a9a73120e4c6d8abc"),
            434));

    RawManifest index = list.convertTo(MediaType.OCI_INDEX, converted);

    assertArrayEquals(read("index-from-list.json"), index.bytes(), new String(index.bytes(), UTF_8));
    assertEquals(MediaType.OCI_INDEX, index.mediaType());
    assertEquals(Digest.sha256(index.bytes()), index.digest());
  }

  @Test
  void ociIndexToDockerListPointingAtConvertedImagesMatchesSkopeo() throws Exception {
    ManifestList index =
        (ManifestList) oci.parse(read("index-from-list.json"), MediaType.OCI_INDEX);
    Map<Digest, Descriptor> converted = new LinkedHashMap<>();
    converted.put(
        index.entries().get(0).descriptor().digest(),
        Descriptor.of(
            MediaType.DOCKER_SCHEMA2,
            Digest.parse("sha256:cc37ed553417b795afd578d43b98843bb897e198b49117bf563a399be0b95d11"),
            423));
    converted.put(
        index.entries().get(1).descriptor().digest(),
        Descriptor.of(
            MediaType.DOCKER_SCHEMA2,
            Digest.parse("sha256:7e9815545acce0196298d0c421301c91c9050ec1e54c23d49b19857bc33463b5"),
            456));

    RawManifest list = index.convertTo(MediaType.DOCKER_MANIFEST_LIST, converted);

    assertArrayEquals(read("list-from-index.json"), list.bytes(), new String(list.bytes(), UTF_8));
  }

  @Test
  void aListIsNotWrittenAsAnImageManifestType() throws Exception {
    ManifestList list =
        (ManifestList) schema2.parse(read("list-docker.json"), MediaType.DOCKER_MANIFEST_LIST);

    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> list.convertTo(MediaType.OCI_MANIFEST, Map.of()));
    assertEquals("unsupported-conversion", e.rule());
  }

  private static String text(ConvertedImage converted) {
    return new String(converted.manifest().bytes(), StandardCharsets.UTF_8);
  }

  private static byte[] read(String name) throws IOException {
    try (InputStream in = ManifestConversionTest.class.getResourceAsStream("conversion/" + name)) {
      if (in == null) {
        throw new IOException("test resource \"conversion/" + name + "\" is missing");
      }
      return in.readAllBytes();
    }
  }
}
