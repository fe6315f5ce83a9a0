package dev.spyglass.manifest.schema1;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ConvertedImage;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Compares schema1 conversions with what skopeo 1.9.3 wrote (src/test/skopeo-convert). */
class Schema1ConversionTest {
  private static final Path RECORDED = Path.of("src/test/skopeo-convert").toAbsolutePath();
  private static final Schema1Format FORMAT = new Schema1Format();

  @Test
  void convertsToSchema2AsSkopeoDoes() throws Exception {
    assertSameAsSkopeo(MediaType.DOCKER_SCHEMA2, "v2s2", MediaType.DOCKER_CONFIG);
  }

  @Test
  void convertsToOciAsSkopeoDoes() throws Exception {
    assertSameAsSkopeo(MediaType.OCI_MANIFEST, "oci", MediaType.OCI_CONFIG);
  }

  @Test
  void dropsThrowawayLayersFromManifestButKeepsThemInHistory() throws Exception {
    Schema1Manifest manifest = source();
    ConvertedImage converted = convert(manifest, MediaType.OCI_MANIFEST);

    String config = new String(converted.configBlob(), java.nio.charset.StandardCharsets.UTF_8);
    String written = new String(converted.manifest().bytes(), java.nio.charset.StandardCharsets.UTF_8);
    Digest throwaway = manifest.layers().get(1).digest();
    assertAll(
        () -> assertTrue(!written.contains(throwaway.toString()), written),
        () -> assertTrue(config.contains("\"empty_layer\":true"), config),
        () -> assertTrue(manifest.convertsAfterLayers()));
  }

  @Test
  void rejectsLayerListsOfAnotherLength() throws Exception {
    Schema1Manifest manifest = source();

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> manifest.convertTo(MediaType.OCI_MANIFEST, List.of(), List.of()));

    assertEquals(
        "schema1 image has 3 layers but 0 copied layers and 0 diff ids were given", e.getMessage());
  }

  @Test
  void refusesTargetsOtherThanSchema2AndOci() throws Exception {
    Schema1Manifest manifest = source();

    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> convert(manifest, MediaType.DOCKER_MANIFEST_LIST));

    assertTrue(e.getMessage().contains("\"" + MediaType.DOCKER_MANIFEST_LIST + "\""), e.getMessage());
  }

  private static void assertSameAsSkopeo(String mediaType, String folder, String configType)
      throws Exception {
    byte[] skopeoManifest = Files.readAllBytes(RECORDED.resolve(folder).resolve("manifest.json"));
    byte[] skopeoConfig = Files.readAllBytes(RECORDED.resolve(folder).resolve("config.json"));

    ConvertedImage converted = convert(source(), mediaType);

    assertAll(
        () ->
            assertEquals(
                new String(skopeoConfig, java.nio.charset.StandardCharsets.UTF_8),
                new String(converted.configBlob(), java.nio.charset.StandardCharsets.UTF_8)),
        () ->
            assertEquals(
                new String(skopeoManifest, java.nio.charset.StandardCharsets.UTF_8),
                new String(converted.manifest().bytes(), java.nio.charset.StandardCharsets.UTF_8)),
        () -> assertArrayEquals(skopeoManifest, converted.manifest().bytes()),
        () -> assertEquals(Digest.sha256(skopeoManifest), converted.manifest().digest()),
        () -> assertEquals(mediaType, converted.manifest().mediaType()),
        () ->
            assertEquals(
                Descriptor.of(configType, Digest.sha256(skopeoConfig), skopeoConfig.length),
                converted.config()));
  }

  private static Schema1Manifest source() throws IOException, InvalidManifestException {
    byte[] bytes = Files.readAllBytes(RECORDED.resolve("source/manifest.json"));
    return FORMAT.parse(bytes, FORMAT.guessMediaType(bytes).orElseThrow());
  }

  /** Converts with sizes and diff ids measured from the recorded layer files. */
  private static ConvertedImage convert(Schema1Manifest manifest, String mediaType)
      throws IOException, InvalidManifestException {
    List<Descriptor> copied = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    for (Descriptor layer : manifest.layers()) {
      Path file = RECORDED.resolve("source").resolve(layer.digest().hex());
      copied.add(Descriptor.of(layer.mediaType(), layer.digest(), Files.size(file)));
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        diffIds.add(Digest.sha256(in.readAllBytes()));
      }
    }
    return manifest.convertTo(mediaType, copied, diffIds);
  }
}
