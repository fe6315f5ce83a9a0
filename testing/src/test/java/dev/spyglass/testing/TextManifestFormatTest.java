package dev.spyglass.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ConvertedImage;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Platform;
import dev.spyglass.api.RawManifest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextManifestFormatTest {
  private final TextManifestFormat format = new TextManifestFormat();
  private final Digest config = Digest.sha256("{\"architecture\":\"arm64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8));
  private final Digest layer = Digest.sha256(new byte[] {1});

  @Test
  void parsesWhatItWrites() throws Exception {
    RawManifest image = TextManifestFormat.image(MediaType.DOCKER_SCHEMA2, config, layer, layer);
    ImageManifest parsed = (ImageManifest) format.parse(image.bytes(), image.mediaType());
    assertEquals(Optional.of(config), parsed.configDescriptor().map(d -> d.digest()));
    assertEquals(List.of(layer, layer), parsed.layers().stream().map(d -> d.digest()).toList());
    RawManifest list =
        TextManifestFormat.list(
            MediaType.OCI_INDEX, Map.entry(image, Platform.of("linux", "arm64", "v8")));
    ManifestList entries = (ManifestList) format.parse(list.bytes(), list.mediaType());
    IndexEntry entry = entries.entries().get(0);
    assertEquals(image.digest(), entry.descriptor().digest());
    assertEquals(Optional.of(Platform.of("linux", "arm64", "v8")), entry.platform());
  }

  @Test
  void decodesArchitectureAndOsOfAConfig() throws Exception {
    RawManifest image = TextManifestFormat.image(MediaType.OCI_MANIFEST, config, layer);
    ImageManifest parsed = (ImageManifest) format.parse(image.bytes(), image.mediaType());
    assertEquals(
        Platform.of("linux", "arm64", ""),
        parsed.decodeConfig("{\"architecture\":\"arm64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8)).platform());
  }

  @Test
  void convertingToOciRewritesTheConfigAndIsRecorded() throws Exception {
    byte[] configBlob = "{\"architecture\":\"arm64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    RawManifest image = TextManifestFormat.image(MediaType.DOCKER_SCHEMA2, config, layer);
    ImageManifest parsed = (ImageManifest) format.parse(image.bytes(), image.mediaType());
    ConvertedImage converted = parsed.convertTo(MediaType.OCI_MANIFEST, configBlob);
    assertEquals("oci:" + new String(configBlob, StandardCharsets.UTF_8), new String(converted.configBlob(), StandardCharsets.UTF_8));
    assertEquals(
        TextManifestFormat.image(MediaType.OCI_MANIFEST, converted.config().digest(), layer),
        converted.manifest());
    assertEquals(List.of(new TextManifestFormat.Conversion(MediaType.DOCKER_SCHEMA2, MediaType.OCI_MANIFEST, List.of(), List.of())), format.conversions());
    format.refuseConversions("no");
    InvalidManifestException e =
        assertThrows(InvalidManifestException.class, () -> parsed.convertTo(MediaType.OCI_MANIFEST, configBlob));
    assertEquals("unsupported-conversion", e.rule());
  }

  @Test
  void refusesTextOfAnotherShape() {
    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> format.parse("image:x".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST));
    assertTrue(e.getMessage().contains("image:x"), e.getMessage());
  }
}
