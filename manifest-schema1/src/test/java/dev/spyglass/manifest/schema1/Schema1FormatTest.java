package dev.spyglass.manifest.schema1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestFormat;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.testing.SharedFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Schema1FormatTest {
  private static final Schema1Format FORMAT = new Schema1Format();

  @Test
  void isFoundByServiceLoaderOnTheModulePath() {
    Module module = Schema1Format.class.getModule();

    assertTrue(module.isNamed(), "tests must run on the module path");
    assertTrue(
        module.getDescriptor().provides().stream()
            .anyMatch(
                p ->
                    p.service().equals(ManifestFormat.class.getName())
                        && p.providers().equals(List.of(Schema1Format.class.getName()))));
    assertEquals(
        Optional.of(Schema1Format.class),
        ManifestFormats.installed()
            .forMediaType(MediaType.DOCKER_SCHEMA1_SIGNED)
            .map(Object::getClass));
  }

  @Test
  void isDeclaredInMetaInfServicesForTheClassPath() throws IOException {
    try (InputStream services =
        Schema1Format.class
            .getModule()
            .getResourceAsStream("META-INF/services/" + ManifestFormat.class.getName())) {
      assertEquals(
          Schema1Format.class.getName(),
          new String(services.readAllBytes(), StandardCharsets.UTF_8).strip());
    }
  }

  @Test
  void parsesBothSchema1MediaTypes() {
    assertEquals(
        Set.of(
            "application/vnd.docker.distribution.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v1+prettyjws"),
        FORMAT.mediaTypes());
  }

  @Test
  void guessesSignedOrUnsignedFromTheBytes() {
    byte[] unsigned = TestManifests.bytes(TestManifests.chain());

    assertEquals(Optional.of(MediaType.DOCKER_SCHEMA1), FORMAT.guessMediaType(unsigned));
    assertEquals(
        Optional.of(MediaType.DOCKER_SCHEMA1_SIGNED),
        FORMAT.guessMediaType(Schema1Signer.sign(unsigned)));
  }

  @Test
  void guessesNothingForOtherVersionsTypesOrNonJson() {
    JsonObject version2 = TestManifests.chain();
    version2.addProperty("schemaVersion", 2);
    JsonObject oci = TestManifests.chain();
    oci.addProperty("mediaType", MediaType.OCI_MANIFEST);

    assertEquals(Optional.empty(), FORMAT.guessMediaType(TestManifests.bytes(version2)));
    assertEquals(Optional.empty(), FORMAT.guessMediaType(TestManifests.bytes(oci)));
    assertEquals(
        Optional.empty(),
        FORMAT.guessMediaType(SharedFixtures.read("containers-image/non-json.manifest.json")));
  }

  @Test
  void digestOfSignedBytesIsThePayloadDigestWhateverTheMediaTypeSays() throws Exception {
    byte[] unsigned = TestManifests.bytes(TestManifests.chain());
    byte[] signed = Schema1Signer.sign(unsigned);

    assertEquals(Digest.sha256(unsigned), FORMAT.digest(signed, MediaType.DOCKER_SCHEMA1));
    assertEquals(Digest.sha256(unsigned), FORMAT.digest(unsigned, MediaType.DOCKER_SCHEMA1_SIGNED));
  }

  @Test
  void ignoresMembersAddedAfterTheSignedPayload() throws Exception {
    String signed =
        new String(
            Schema1Signer.sign(TestManifests.bytes(TestManifests.chain())), StandardCharsets.UTF_8);
    String forged =
        signed.substring(0, signed.lastIndexOf('}'))
            + ",\n   \"fsLayers\": [{\"blobSum\": \""
            + TestManifests.blob('f')
            + "\"}]\n}";
    byte[] bytes = forged.getBytes(StandardCharsets.UTF_8);

    Schema1Manifest manifest = FORMAT.parse(bytes, MediaType.DOCKER_SCHEMA1_SIGNED);

    assertTrue(Schema1Signatures.verify(bytes).get(0).valid());
    assertEquals(Digest.parse(TestManifests.blob('1')), manifest.fsLayers().get(0));
  }

  @Test
  void listsLayersBaseFirstAsGzipOfUnknownSize() throws Exception {
    Schema1Manifest manifest =
        FORMAT.parse(TestManifests.bytes(TestManifests.chain()), MediaType.DOCKER_SCHEMA1);

    assertEquals(
        List.of(
            Descriptor.of(MediaType.DOCKER_LAYER_GZIP, Digest.parse(TestManifests.blob('3')), -1),
            Descriptor.of(MediaType.DOCKER_LAYER_GZIP, Digest.parse(TestManifests.blob('2')), -1),
            Descriptor.of(MediaType.DOCKER_LAYER_GZIP, Digest.parse(TestManifests.blob('1')), -1)),
        manifest.layers());
    assertEquals(Optional.empty(), manifest.configDescriptor());
    assertEquals(Optional.of("latest"), manifest.tag());
    assertEquals("library/test", manifest.name());
    assertEquals("amd64", manifest.architecture());
    assertEquals(MediaType.DOCKER_SCHEMA1, manifest.mediaType());
  }

  @Test
  void hasNoTagWhenTheManifestRecordsNone() throws Exception {
    JsonObject untagged = TestManifests.chain();
    untagged.remove("tag");

    assertEquals(
        Optional.empty(),
        FORMAT.parse(TestManifests.bytes(untagged), MediaType.DOCKER_SCHEMA1).tag());
  }

  @Test
  void refusesConfigGoCannotDecodeAsSkopeoDoes() throws Exception {
    String v1 =
        "{\"id\":\""
            + TestManifests.hex('a')
            + "\",\"docker_version\":\"1.8.3\","
            + "\"config\":{\"Cmd\":\"echo hi\"}}";
    byte[] bytes =
        TestManifests.bytes(TestManifests.manifest(List.of(TestManifests.blob('1')), List.of(v1)));
    Schema1Manifest manifest = FORMAT.parse(bytes, MediaType.DOCKER_SCHEMA1);

    InvalidManifestException e =
        assertThrows(InvalidManifestException.class, () -> manifest.ociConfigJson(new byte[0]));

    assertEquals("bad-config", e.rule());
    assertEquals(
        "history[0].v1Compatibility.config field \"Cmd\" is the string \"echo hi\", not an array",
        e.getMessage());
  }

  /**
   * Go accepts RFC 3339 offsets up to ±99:99 (skopeo 1.9 uses Go 1.19's time.Parse); Java's
   * ZoneOffset stops at ±18:00, which refused this manifest.
   */
  @Test
  void acceptsCreatedWithAnOffsetBeyondJavasRangeAndKeepsItAsWritten() throws Exception {
    String v1 =
        "{\"id\":\""
            + TestManifests.hex('a')
            + "\",\"created\":\"2020-01-02T03:04:05.5+19:00\",\"os\":\"linux\"}";
    byte[] bytes =
        TestManifests.bytes(TestManifests.manifest(List.of(TestManifests.blob('1')), List.of(v1)));
    Schema1Manifest manifest = FORMAT.parse(bytes, MediaType.DOCKER_SCHEMA1);

    ImageConfig config = manifest.decodeConfig(new byte[0]);

    assertEquals(OffsetDateTime.parse("2020-01-01T08:04:05.5Z"), config.created());
    assertEquals(19 * 3600, config.createdOffsetSeconds());
    String json = manifest.ociConfigJson(new byte[0]);
    assertTrue(json.contains("\"created\": \"2020-01-02T03:04:05.5+19:00\""), json);
  }

  /**
   * Go's json refuses a byte-order mark, so containers/image's manifest.Digest finds no signed
   * schema1 manifest in such a file (GuessMIMEType fails) and digests the whole file, as skopeo's
   * manifest-digest prints; the digest here used to cover BOM + payload prefix + tail.
   */
  @Test
  void digestsASignedManifestWithAByteOrderMarkWholeAsSkopeoDoes() throws Exception {
    byte[] signed = SharedFixtures.read("moby/good_manifest");
    byte[] withBom = new byte[signed.length + 3];
    withBom[0] = (byte) 0xef;
    withBom[1] = (byte) 0xbb;
    withBom[2] = (byte) 0xbf;
    System.arraycopy(signed, 0, withBom, 3, signed.length);

    assertEquals(Optional.of(MediaType.DOCKER_SCHEMA1_SIGNED), FORMAT.guessMediaType(signed));
    assertEquals(Optional.empty(), FORMAT.guessMediaType(withBom));
    assertEquals(Digest.sha256(withBom), FORMAT.digest(withBom, MediaType.DOCKER_SCHEMA1_SIGNED));
    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> FORMAT.parse(withBom, MediaType.DOCKER_SCHEMA1_SIGNED));
    assertEquals("bad-json", e.rule());
    assertEquals("manifest is malformed at line 1 column 1", e.getMessage());
  }

  /**
   * Go's one rule for repeated members, as skopeo decodes the v1 image: the last member matching a
   * field wins ignoring case, a null leaves a string as it was, and two config objects merge. The
   * schema1 reader used to take the last match even when null, and the last config object alone.
   */
  @Test
  void readsRepeatedMembersWithGosRule() throws Exception {
    String v1 =
        "{\"id\":\""
            + TestManifests.hex('a')
            + "\",\"architecture\":\"amd64\",\"Architecture\":\"arm64\",\"ARCHITECTURE\":null,"
            + "\"config\":{\"Env\":[\"A=1\"]},\"Config\":{\"Labels\":{\"l\":\"v\"}}}";
    byte[] bytes =
        TestManifests.bytes(TestManifests.manifest(List.of(TestManifests.blob('1')), List.of(v1)));

    ImageConfig config = FORMAT.parse(bytes, MediaType.DOCKER_SCHEMA1).decodeConfig(new byte[0]);

    assertEquals("arm64", config.architecture());
    assertEquals(List.of("A=1"), config.env());
    assertEquals(Map.of("l", "v"), config.labels());
  }
}
