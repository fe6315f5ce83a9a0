package dev.spyglass.manifest.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Manifest;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Platform;
import dev.spyglass.testing.SharedFixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Docker schema2, OCI manifest, Docker list and OCI index fixture of {@code
 * /work/shared/fixtures}, plus the non-JSON and unknown-version files, against what its source
 * project expects (INDEX.tsv {@code source_test_expectation}); schema1 fixtures belong to
 * manifest-schema1. Expected digests and platforms were read from the fixture files themselves.
 *
 * <p>Where Spyglass's policy differs from the source project, the expectation says so:
 *
 * <ul>
 *   <li>Unknown OCI layer media types (ociv1.invalid.mediatype: refused by containers/image in
 *       2019, accepted since 2020) are accepted, kept and reported by {@link
 *       OciManifest#unrecognizedLayers}.
 *   <li>Docker schema2 layer media types are a closed set, as in containers/image
 *       (schema2-invalid-media-type is refused).
 *   <li>Every descriptor needs a valid digest: ociv1.artifact (config digest "") is refused, though
 *       containers/image parses it and fails only later.
 *   <li>A mediaType field that contradicts the type parsed as is refused, even where
 *       containers/image lets it pass ("without mediaType the two are too similar").
 *   <li>Docker manifests and lists require their mediaType (containers/image and distribution too);
 *       v2s2nomime is still guessed as schema2, as GuessMIMEType does, but not parsed.
 *   <li>List entries must point at manifests: go-containerregistry's test_index (which its
 *       validate.Index accepts, treating the entry as a blob) is refused like its GC fixture.
 * </ul>
 */
class FixtureTest {
  private static final String ANY = "any of the four types";
  private static final List<String> TYPES =
      List.of(
          MediaType.DOCKER_SCHEMA2,
          MediaType.DOCKER_MANIFEST_LIST,
          MediaType.OCI_MANIFEST,
          MediaType.OCI_INDEX);
  private static final ManifestFormats FORMATS =
      ManifestFormats.of(List.of(new Schema2Format(), new OciFormat()));
  private static final Map<String, Expect> EXPECTATIONS = new LinkedHashMap<>();

  /**
   * What parsing a fixture as {@code mediaType} must give: {@code summary} (config, then layers as
   * short digests; or entries as "short-digest os/arch/variant", "-" without platform), or a
   * failure with {@code rule}, {@code index} and a message containing {@code message}; and what
   * GuessMIMEType says ({@code guess}, "" for nothing).
   */
  record Expect(
      String mediaType,
      List<String> summary,
      @Nullable String rule,
      int index,
      String message,
      String guess) {

    Expect invalid(String rule, int index, String message) {
      return new Expect(mediaType, summary, rule, index, message, guess);
    }

    Expect guessed(String guess) {
      return new Expect(mediaType, summary, rule, index, message, guess);
    }
  }

  private static Expect image(String mediaType, String config, String... layers) {
    List<String> summary = new ArrayList<>();
    summary.add("config " + config);
    for (String layer : layers) {
      summary.add("layer " + layer);
    }
    return new Expect(mediaType, summary, null, -1, "", mediaType);
  }

  private static Expect list(String mediaType, String... entries) {
    return new Expect(mediaType, List.of(entries), null, -1, "", mediaType);
  }

  private static Expect unreadable(String rule, String message) {
    return new Expect(ANY, List.of(), rule, -1, message, "");
  }

  private static void expect(String path, Expect expect) {
    EXPECTATIONS.put(path, expect);
  }

  private static final String SCHEMA2 = MediaType.DOCKER_SCHEMA2;
  private static final String LIST = MediaType.DOCKER_MANIFEST_LIST;
  private static final String OCI_MANIFEST = MediaType.OCI_MANIFEST;
  private static final String OCI_INDEX = MediaType.OCI_INDEX;
  private static final String B5B2 =
      "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7";

  static {
    // containers/image TestGuessMIMEType: "Not a manifest (nor JSON) at all".
    expect(
        "containers-image/non-json.manifest.json",
        unreadable("malformed-json", "manifest is not valid JSON: invalid character byte 0x"));
    // containers/image: "all known fields non-empty".
    expect("containers-image/oci1.index.everything.json", list(OCI_INDEX, "aaaaaaaaaaaa B/A/E"));
    expect(
        "containers-image/oci1.index.zstd-selection.json",
        list(
            OCI_INDEX,
            "aaaaaaaaaaaa linux/amd64",
            "bbbbbbbbbbbb linux/amd64",
            "cccccccccccc linux/arm64",
            "dddddddddddd linux/arm64",
            "eeeeeeeeeeee linux/s390x",
            "000000000000 linux/amd64"));
    expect(
        "containers-image/ocilist-variants.json",
        list(
            OCI_INDEX,
            "59eec8837a4d linux/amd64",
            "eeeeeeeeeeee linux/arm/v7",
            "dddddddddddd linux/arm/v6",
            "f365626a556e linux/arm/v6",
            "bcf9771c0b50 linux/arm/unrecognized-present",
            "c84b0a3a07b6 linux/arm"));
    // containers/image parses it and fails at Inspect(); Spyglass refuses the empty digest at once.
    expect(
        "containers-image/ociv1.artifact.json",
        image(OCI_MANIFEST, "")
            .invalid(
                "invalid-digest",
                -1,
                "config.digest: digest \"\" is not of the form algorithm:hex"));
    expect(
        "containers-image/ociv1.encrypted.manifest.json",
        image(OCI_MANIFEST, B5B2, "aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc"));
    expect(
        "containers-image/ociv1.everything.json",
        image(
            OCI_MANIFEST,
            "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "bbbbbbbbbbbb"));
    expect(
        "containers-image/ociv1.image.index.json",
        list(OCI_INDEX, "e692418e4cba linux/ppc64le", "5b0bcabd1ed2 linux/amd64"));
    // Expectation changed over time; Spyglass keeps the unknown layer (see unrecognizedLayers
    // test).
    expect(
        "containers-image/ociv1.invalid.mediatype.manifest.json",
        image(OCI_MANIFEST, B5B2, "e692418e4cba", "3c3a4604a545", "ec4b89559586"));
    expect(
        "containers-image/ociv1.manifest.json",
        image(OCI_MANIFEST, B5B2, "e692418e4cba", "3c3a4604a545", "ec4b89559586"));
    expect(
        "containers-image/ociv1.zstd.manifest.json",
        image(OCI_MANIFEST, B5B2, "e692418e4cba", "3c3a4604a545", "ec4b89559586"));
    expect(
        "containers-image/ociv1nomime.image.index.json",
        list(OCI_INDEX, "e692418e4cba linux/ppc64le", "5b0bcabd1ed2 linux/amd64"));
    expect(
        "containers-image/ociv1nomime.manifest.json",
        image(OCI_MANIFEST, B5B2, "e692418e4cba", "3c3a4604a545", "ec4b89559586"));
    // containers/image: unsupported docker v2s2 media type "...rootfs.diff.tar.zstd".
    expect(
        "containers-image/schema2-invalid-media-type.json",
        image(SCHEMA2, "")
            .invalid(
                "unsupported-layer-media-type",
                0,
                "layers[0].mediaType \"application/vnd.docker.image.rootfs.diff.tar.zstd\" is not a"
                    + " Docker schema2 layer media type"));
    expect(
        "containers-image/schema2list-variants.json",
        list(
            LIST,
            "59eec8837a4d linux/amd64",
            "f365626a556e linux/arm/v6",
            "bcf9771c0b50 linux/arm/unrecognized-present",
            "c84b0a3a07b6 linux/arm"));
    // containers/image TestGuessMIMEType: "" for schemaVersion 99999.
    expect(
        "containers-image/unknown-version.manifest.json",
        unreadable("schema-version", "manifest schemaVersion is 99999, expected 2"));
    expect("containers-image/v2list.everything.json", list(LIST, "aaaaaaaaaaaa b/a/e"));
    expect(
        "containers-image/v2list.manifest.json",
        list(
            LIST,
            "7820f9a86d4a linux/ppc64le",
            "ae1b0e06e8ad linux/amd64",
            "e4c0df75810b linux/s390x",
            "07ebe243465e linux/arm/armv7",
            "fb2fc0707b86 linux/arm64/armv8"));
    expect(
        "containers-image/v2s2.everything.json",
        image(
            SCHEMA2,
            "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "bbbbbbbbbbbb"));
    expect(
        "containers-image/v2s2.manifest.json",
        image(SCHEMA2, B5B2, "e692418e4cba", "3c3a4604a545", "ec4b89559586"));
    expect(
        "containers-image/v2s2.nondistributable.manifest.json",
        image(SCHEMA2, B5B2, "e692418e4cba"));
    // Only GuessMIMEType is tested upstream; containers/image's Schema2FromManifest refuses it too.
    expect(
        "containers-image/v2s2nomime.manifest.json",
        image(SCHEMA2, B5B2).invalid("missing-media-type", -1, "manifest has no mediaType field"));
    // dkregistry-rs test_manifest_v2s2: layers_digests(amd64).
    expect(
        "dkregistry-rs/application_vnd.docker.distribution.manifest.v2+json",
        image(
            SCHEMA2,
            "sha256:cf85f02c014c5b46f8aa46242802c16b30a9be16fc0f595d22faf419a1cb731e",
            "9391a94f7498",
            "d4fd2952f190",
            "2a7baf2a7281",
            "38170656dfef",
            "05db9bb68935"));
    // Entries use the pre-2017 spec typo application/vnd.docker.image.manifest.v2+json: accepted.
    expect(
        "dkregistry-rs/manifest_list_v2.json",
        list(LIST, "e692418e4cba linux/ppc64le", "5b0bcabd1ed2 linux/amd64"));
    expect(
        "dkregistry-rs/manifest_v2_s2.json",
        image(SCHEMA2, B5B2, "e692418e4cba", "3c3a4604a545", "ec4b89559586"));
    expect(
        "docker-cli/inspect-manifest-list.golden",
        list(LIST, "1072e499f3f6 linux/amd64", "1072e499f3f6 linux/amd64"));
    // Declared as a Docker list by its parent; the content is an OCI index without mediaType.
    expect(
        "go-containerregistry/2b29a2b8dea3af91ea7d0154be1da0c92d55ddd098540930fc8d3db7de377fdb",
        list(OCI_INDEX, "eebff607b162 -"));
    expect(
        "go-containerregistry/eebff607b1628d67459b0596643fc07de70d702eccf030f0bc7bb6fc2b278650",
        image(
            SCHEMA2,
            "sha256:6e0b05049ed9c17d02e1a55e80d6599dbfcce7f4f4b022e3c673e685789c470e",
            "dc52c6e48a1d"));
    // go-containerregistry GC: "unknown media type: application/vnd.oci.descriptor.v1+json".
    expect(
        "go-containerregistry/test_gc_image_unknown_mediatype.index.json",
        list(OCI_INDEX)
            .invalid(
                "entry-not-a-manifest",
                0,
                "manifests[0].mediaType \"application/vnd.oci.descriptor.v1+json\" is not a"
                    + " manifest media type"));
    // go-containerregistry's validate.Index accepts entry 1 as a blob; Spyglass lists point at
    // manifests.
    expect(
        "go-containerregistry/test_index.index.json",
        list(OCI_INDEX)
            .invalid(
                "entry-not-a-manifest",
                1,
                "manifests[1].mediaType \"application/vnd.oci.descriptor.v1+json\""));
    expect(
        "image-spec/image-index.example.json",
        list(OCI_INDEX, "e692418e4cba linux/ppc64le", "5b0bcabd1ed2 linux/amd64"));
    expect(
        "image-spec/image-index.multiple-media-types.example.json",
        list(OCI_INDEX, "e692418e4cba linux/ppc64le", "601570aaff1b -"));
    expect(
        "image-spec/manifest.artifact-with-config.example.json",
        image(
            OCI_MANIFEST,
            "sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03",
            "e258d248fda9"));
    expect(
        "image-spec/manifest.example.json",
        image(OCI_MANIFEST, B5B2, "9834876dcfb0", "3c3a4604a545", "ec4b89559586"));
    expect(
        "image-spec/manifest.minimal-artifact.example.json",
        image(
            OCI_MANIFEST,
            "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
            "44136fa355b3"));
    expect("jib/ociindex.json", list(OCI_INDEX, "8c662931926f -"));
    expect(
        "jib/ociindex_artifacttype.json",
        list(OCI_INDEX, "e692418e4cba linux/amd64", "5b0bcabd1ed2 linux/arm64"));
    expect(
        "jib/ocimanifest.json",
        image(
            OCI_MANIFEST,
            "sha256:8c662931926fa990b41da3c9f42663a537ccd498130030f9149173a0493832ad",
            "4945ba501173"));
    expect(
        "jib/v22manifest.json",
        image(
            SCHEMA2,
            "sha256:8c662931926fa990b41da3c9f42663a537ccd498130030f9149173a0493832ad",
            "4945ba501173"));
    // Jib V22ManifestListTemplateTest: 3 entries, (amd64, linux) twice, one with os.version.
    expect(
        "jib/v22manifest_list.json",
        list(
            LIST,
            "e692418e4cba linux/ppc64le",
            "5b0bcabd1ed2 linux/amd64",
            "cccbcabd1ed2 linux/amd64"));
    // Jib reads it; its mediaType values are the placeholder "type". GuessMIMEType, not knowing
    // "type" as a config media type and finding no manifests, says OCI manifest.
    expect(
        "jib/v22manifest_optional_properties.json",
        image(SCHEMA2, "")
            .invalid(
                "media-type-mismatch",
                -1,
                "manifest mediaType \"type\" contradicts"
                    + " \"application/vnd.docker.distribution.manifest.v2+json\"")
            .guessed(OCI_MANIFEST));
    expect(
        "quay/complex.schema2.json",
        image(
            SCHEMA2,
            "sha256:ae6b78bedf88330a5e5392164f40d28ed8a38120b142905d30b652ebffece10e",
            "a5a6f2f73cd8",
            "936836019e67",
            "283fa4c95fb4",
            "1f212fb371f9",
            "e2ae0d063e89",
            "5ed0ae805b65",
            "0283dc49ef4e",
            "a7905d9fbbea",
            "cd2a65837235",
            "5f906b8da5fe",
            "e81e51815567"));
    expect(
        "quay/unicode_manifest.json",
        image(
            SCHEMA2,
            "sha256:5bdd65cdd055c7f3bbaecdc9fd6c75f155322520f85953aa0e2724cab006d407",
            "90e01955edcd"));
    // Config media type application/octet-stream: schema2 does not constrain it.
    expect(
        "skopeo/uncompressed-image-s2.manifest.json",
        image(
            SCHEMA2,
            "sha256:86ce150e65c72b30f885c261449d18b7c6832596916e7f654e08377b5a67b4ff",
            "160d823fdc48"));
  }

  static Stream<Arguments> fixtures() {
    return EXPECTATIONS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  static Stream<Arguments> validFixtures() {
    return fixtures().filter(a -> ((Expect) a.get()[1]).rule() == null);
  }

  @Test
  void coversEveryFixtureThatIsNotSchema1() {
    Set<String> indexed =
        SharedFixtures.index().stream()
            .filter(row -> !row.get("media_type_schema").contains("schema1"))
            .map(SharedFixtures.Row::path)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(indexed, new TreeSet<>(EXPECTATIONS.keySet()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void parsesAsTheSourceProjectExpects(String path, Expect expect) throws InvalidManifestException {
    byte[] bytes = SharedFixtures.read(path);
    List<String> types = expect.mediaType().equals(ANY) ? TYPES : List.of(expect.mediaType());
    for (String type : types) {
      if (expect.rule() == null) {
        Manifest manifest = FORMATS.parse(bytes, type);
        assertEquals(type, manifest.mediaType());
        assertEquals(expect.summary(), summary(manifest), path);
      } else {
        InvalidManifestException e =
            assertThrows(InvalidManifestException.class, () -> FORMATS.parse(bytes, type), path);
        assertEquals(expect.rule(), e.rule(), e.getMessage());
        assertEquals(expect.index(), e.index().orElse(-1), e.getMessage());
        assertTrue(e.getMessage().contains(expect.message()), e.getMessage());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void guessesTheMediaTypeAsContainersImageDoes(String path, Expect expect) {
    assertEquals(expect.guess(), FORMATS.guessMediaType(SharedFixtures.read(path)).orElse(""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void refusesEachValidFixtureAsTheOtherThreeFormats(String path, Expect expect) {
    byte[] bytes = SharedFixtures.read(path);
    for (String other : TYPES) {
      if (!other.equals(expect.mediaType())) {
        assertThrows(InvalidManifestException.class, () -> FORMATS.parse(bytes, other), other);
      }
    }
  }

  @Test
  void keepsAndReportsAnUnknownOciLayerMediaType() throws InvalidManifestException {
    OciManifest manifest =
        (OciManifest)
            FORMATS.parse(
                SharedFixtures.read("containers-image/ociv1.invalid.mediatype.manifest.json"),
                OCI_MANIFEST);
    assertEquals(
        List.of("application/vnd.oci.image.layer.v1.tar+unknown"),
        manifest.unrecognizedLayers().stream().map(Descriptor::mediaType).toList());
    assertEquals(manifest.layers().get(0), manifest.unrecognizedLayers().get(0));
  }

  @Test
  void readsEveryFieldOfTheOciEverythingManifest() throws InvalidManifestException {
    OciManifest manifest =
        (OciManifest)
            FORMATS.parse(
                SharedFixtures.read("containers-image/ociv1.everything.json"), OCI_MANIFEST);
    assertEquals("application/our-artifact", manifest.artifactType().orElseThrow());
    assertEquals(Map.of("top", "0"), manifest.annotations());
    Descriptor subject = manifest.subject().orElseThrow();
    assertEquals(3, subject.size());
    assertEquals(List.of("https://some.example/subject"), subject.urls());
    assertEquals(Map.of("subject", "3"), subject.annotations());
    assertEquals(List.of("https://some.example/config"), manifest.config().urls());
    assertEquals(Map.of("layer", "2"), manifest.layers().get(0).annotations());
    assertFalse(manifest.isImage());
    assertEquals(List.of(), manifest.unrecognizedLayers());
    InvalidManifestException e =
        assertThrows(InvalidManifestException.class, () -> manifest.decodeConfig(new byte[] {'a'}));
    assertEquals("non-image-artifact", e.rule());
  }

  @Test
  void readsEveryFieldOfTheOciEverythingIndex() throws InvalidManifestException {
    OciIndex index =
        (OciIndex)
            FORMATS.parse(
                SharedFixtures.read("containers-image/oci1.index.everything.json"), OCI_INDEX);
    assertEquals(
        new Platform("B", "A", "E", "C", List.of("D")),
        index.entries().get(0).platform().orElseThrow());
    assertEquals(Map.of("manifest", "1"), index.entries().get(0).descriptor().annotations());
    assertEquals("application/our-top-artifact", index.artifactType().orElseThrow());
    assertEquals(Map.of("top", "0"), index.annotations());
    assertEquals(2, index.subject().orElseThrow().size());
  }

  @Test
  void readsOsVersionAndOsFeaturesOfADockerListPlatform() throws InvalidManifestException {
    ManifestList list =
        (ManifestList)
            FORMATS.parse(SharedFixtures.read("containers-image/v2list.everything.json"), LIST);
    assertEquals(
        new Platform("b", "a", "e", "c", List.of("d")),
        list.entries().get(0).platform().orElseThrow());
  }

  /** containers/image TestDigest and quay test_load_unicode_manifest. */
  @Test
  void computesTheDigestsTheSourceProjectsExpect() throws InvalidManifestException {
    assertEquals(
        "sha256:20bf21ed457b390829cdbeec8795a7bea1626991fda603e0d01b4e7f60427e55",
        FORMATS
            .digest(SharedFixtures.read("containers-image/v2s2.manifest.json"), SCHEMA2)
            .toString());
    assertEquals(
        "sha256:97556fa8c553395bd9d8e19a04acef4716ca287ffbf6bde14dd9966053912613",
        FORMATS.digest(SharedFixtures.read("quay/unicode_manifest.json"), SCHEMA2).toString());
  }

  /** go-containerregistry's layout declares these with the type of the other format. */
  @Test
  void refusesContentThatContradictsItsDeclaredType() {
    InvalidManifestException schema2AsOci =
        assertThrows(
            InvalidManifestException.class,
            () ->
                FORMATS.parse(
                    SharedFixtures.read(
                        "go-containerregistry/eebff607b1628d67459b0596643fc07de70d702eccf030f0bc7bb6fc2b278650"),
                    OCI_MANIFEST));
    assertEquals("media-type-mismatch", schema2AsOci.rule());
    InvalidManifestException indexAsList =
        assertThrows(
            InvalidManifestException.class,
            () ->
                FORMATS.parse(
                    SharedFixtures.read(
                        "go-containerregistry/2b29a2b8dea3af91ea7d0154be1da0c92d55ddd098540930fc8d3db7de377fdb"),
                    LIST));
    assertEquals("missing-media-type", indexAsList.rule());
  }

  private static List<String> summary(Manifest manifest) {
    List<String> summary = new ArrayList<>();
    if (manifest instanceof ImageManifest image) {
      summary.add("config " + image.configDescriptor().orElseThrow().digest());
      image.layers().forEach(layer -> summary.add("layer " + layer.digest().shortHex()));
    } else {
      for (IndexEntry entry : ((ManifestList) manifest).entries()) {
        summary.add(
            entry.descriptor().digest().shortHex()
                + " "
                + entry.platform().map(Platform::toString).orElse("-"));
      }
    }
    return summary;
  }
}
