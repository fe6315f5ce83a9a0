package dev.spyglass.manifest.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One small manifest per validation rule (test resources {@code invalid/*.json}), each parsed as
 * the type in the table, failing with the rule, entry index and message given.
 */
class ManifestValidationTest {
  private static final ManifestFormats FORMATS =
      ManifestFormats.of(List.of(new Schema2Format(), new OciFormat()));

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ManifestValidationTest.class.getResourceAsStream("invalid/" + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }

  private static final String SCHEMA2 = "application/vnd.docker.distribution.manifest.v2+json";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
truncated.json | oci-manifest | malformed-json | -1 | manifest is not valid JSON: unexpected end of JSON input
top-level-array.json | oci-manifest | malformed-json | -1 | manifest is a JSON array, not an object
size-as-string.json | oci-manifest | field-type | 1 | layers[1].size is the string "16724", expected an integer
size-as-fraction.json | oci-manifest | field-type | 0 | layers[0].size is the number 16724.0, expected an integer
layers-as-object.json | oci-manifest | field-type | -1 | layers is an object, expected an array
layer-null.json | oci-manifest | field-type | 1 | layers[1] is null, expected a descriptor object
annotation-null.json | oci-manifest | field-type | -1 | annotations["a"] is null, expected a string
data-not-base64.json | oci-manifest | field-type | -1 | config.data is not valid base64
field-in-other-case.json | oci-manifest | ambiguous-field | -1 | manifest has field "Layers", which differs from "layers" only in letter case; Go-based tools read it as "layers"
digest-twice.json | oci-manifest | ambiguous-field | 1 | layers[1] has field "digest" twice; tools differ on which one counts
index-with-layers.json | oci-index | ambiguous-manifest | -1 | manifest parsed as "application/vnd.oci.image.index.v1+json" has field "layers", which belongs to other manifest formats
schema-version-1.json | oci-manifest | schema-version | -1 | manifest schemaVersion is 1, expected 2
no-schema-version.json | oci-manifest | schema-version | -1 | manifest has no schemaVersion; expected 2
media-type-of-docker.json | oci-manifest | media-type-mismatch | -1 | manifest mediaType "application/vnd.docker.distribution.manifest.v2+json" contradicts "application/vnd.oci.image.manifest.v1+json", the type it is parsed as
docker-without-media-type.json | schema2 | missing-media-type | -1 | manifest has no mediaType field; application/vnd.docker.distribution.manifest.v2+json requires it
layer-without-media-type.json | oci-manifest | missing-media-type | 2 | layers[2].mediaType is missing
layer-media-type-not-type-slash-subtype.json | oci-manifest | invalid-media-type | 0 | layers[0].mediaType "type" is not a media type (type/subtype)
digest-not-hex.json | oci-manifest | invalid-digest | 2 | layers[2].digest: digest "sha256:zz" must have 64 lowercase hex digits after "sha256:"
digest-unknown-algorithm.json | oci-manifest | invalid-digest | -1 | config.digest: digest "md5:d41d8cd98f00b204e9800998ecf8427e" has an algorithm not one of sha256, sha384, sha512
digest-missing.json | oci-manifest | invalid-digest | 0 | layers[0].digest is missing
size-negative.json | oci-manifest | invalid-size | 1 | layers[1].size -1 is negative
size-missing.json | oci-manifest | invalid-size | 0 | layers[0].size is missing
no-config.json | oci-manifest | missing-config | -1 | manifest has no config descriptor; an image manifest requires one
no-layers.json | oci-manifest | missing-layers | -1 | manifest has no layers array; an image manifest requires one
index-without-manifests.json | oci-index | missing-manifests | -1 | manifest list has no manifests array
schema2-zstd-layer.json | schema2 | unsupported-layer-media-type | 1 | layers[1].mediaType "application/vnd.oci.image.layer.v1.tar+zstd" is not a Docker schema2 layer media type; expected one of application/vnd.docker.image.rootfs.diff.tar, application/vnd.docker.image.rootfs.diff.tar.gzip, application/vnd.docker.image.rootfs.foreign.diff.tar, application/vnd.docker.image.rootfs.foreign.diff.tar.gzip
entry-is-a-layer.json | oci-index | entry-not-a-manifest | 1 | manifests[1].mediaType "application/vnd.oci.image.layer.v1.tar+gzip" is not a manifest media type
platform-without-os.json | oci-index | invalid-platform | 0 | manifests[0].platform.os is missing
""")
  void refusesManifestBreakingARule(
      String file, String parsedAs, String rule, int index, String message) throws IOException {
    String mediaType =
        switch (parsedAs) {
          case "schema2" -> SCHEMA2;
          case "oci-manifest" -> MediaType.OCI_MANIFEST;
          case "oci-index" -> MediaType.OCI_INDEX;
          default -> throw new IllegalArgumentException(parsedAs);
        };
    byte[] bytes = resource(file);
    InvalidManifestException e =
        assertThrows(InvalidManifestException.class, () -> FORMATS.parse(bytes, mediaType));
    assertEquals(rule, e.rule());
    assertEquals(index, e.index().orElse(-1));
    assertEquals(message, e.getMessage());
  }

  @Test
  void refusesAMediaTypeTheFormatDoesNotHandle() {
    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () ->
                new OciFormat()
                    .parse(
                        "{}".getBytes(), "application/vnd.docker.distribution.manifest.v2+json"));
    assertEquals("unsupported-media-type", e.rule());
    assertEquals(
        "manifest media type \"application/vnd.docker.distribution.manifest.v2+json\" is not"
            + " handled by this format; it handles application/vnd.oci.image.index.v1+json,"
            + " application/vnd.oci.image.manifest.v1+json",
        e.getMessage());
  }

  @Test
  void acceptsAContentTypeWithParameters() throws Exception {
    byte[] bytes = resource("schema2-zstd-layer.json");
    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () ->
                new Schema2Format()
                    .parse(
                        bytes,
                        "Application/VND.docker.distribution.manifest.v2+json; charset=utf-8"));
    assertEquals("unsupported-layer-media-type", e.rule()); // got past media type dispatch
  }

  @Test
  void refusesAConfigBlobThatIsNotTheManifestsConfig() {
    Schema2Manifest manifest = ConfigManifests.schema2("{}".getBytes());
    InvalidManifestException e =
        assertThrows(InvalidManifestException.class, () -> manifest.decodeConfig("{ }".getBytes()));
    assertEquals("config-digest-mismatch", e.rule());
    assertEquals(
        "config blob of 3 bytes is not the content of config descriptor \""
            + manifest.config().digest()
            + "\" (2 bytes)",
        e.getMessage());
  }

  /** skopeo 1.9.3: "unsupported image-specific operation on artifact with type ..." for both. */
  @Test
  void refusesToDecodeTheConfigOfAnOciManifestWhoseConfigIsNotAnImageConfig() {
    byte[] blob = "{}".getBytes();
    OciManifest artifact =
        new OciManifest(
            dev.spyglass.api.Descriptor.of(
                MediaType.DOCKER_CONFIG, dev.spyglass.api.Digest.sha256(blob), blob.length),
            List.of(),
            null,
            null,
            java.util.Map.of());
    InvalidManifestException e =
        assertThrows(InvalidManifestException.class, () -> artifact.ociConfigJson(blob));
    assertEquals("non-image-artifact", e.rule());
    assertThrows(InvalidManifestException.class, () -> artifact.decodeConfig(blob));
  }
}
