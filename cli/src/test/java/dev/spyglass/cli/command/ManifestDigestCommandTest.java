package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.BoundedInput;
import dev.spyglass.api.Digest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.testing.SharedFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestDigestCommandTest {

  /**
   * What skopeo 1.9.3 (Debian, /usr/bin/skopeo) prints for every fixture it digests, obtained in
   * $SPYGLASS_SHARED/fixtures with:
   *
   * <pre>
   * tail -n +2 INDEX.tsv | cut -f1 | while read f; do echo "$f $(skopeo manifest-digest "$f")"; done
   * </pre>
   */
  private static final String SKOPEO_DIGESTS =
      """
      containers-image/docker_schema1_test.TestSchema1Initialize.invalid-history-json.derived.json sha256:b36db1f58b54d88d40559f4339ddb920ae3ee08d6764a819176401d3821f367b
      containers-image/docker_schema1_test.TestSchema1Initialize.length-mismatch.derived.json sha256:4c833b442c1496b448d5e34f2926a07b23c73671e68d3f8dce86cc85a842c273
      containers-image/non-json.manifest.json sha256:6c920ac27be03fc95cfcc3bb86f7e4893241c35a462145445ee46398330b5ec3
      containers-image/oci1-to-schema1.json sha256:6feeaff9d4420e29f96881eb712e8762c28615666340222c8e054259f9bc87d4
      containers-image/oci1.index.everything.json sha256:54a6da8248c7977f602d0d91bcda5247eecb6b40451dd0dfe50ad3c9bba47337
      containers-image/oci1.index.zstd-selection.json sha256:2ea9c6220065d09c3a968259aefc4828b8c6dd9705e0aec9412952fabc1b25d8
      containers-image/ocilist-variants.json sha256:65a5c903f49f59eadcdac913a0bf8ad01ecdc341f79ecbe826efeb7dfe244f4a
      containers-image/ociv1.artifact.json sha256:ec7d9117f157e92a0fa93de1c9ad07fd8e193dca520684b0a5d67f4f73cd03a0
      containers-image/ociv1.encrypted.manifest.json sha256:7e479471e858abc60460326fbd4c65a3c67e3a81ce04696c20280d22daa4ada9
      containers-image/ociv1.everything.json sha256:06abf9ac6245c106c285facaa0287ea2d37d537b181fc44ec82cd11f92f8fc52
      containers-image/ociv1.image.index.json sha256:d59976e8b293d743edfd0d9f985207acd97bcca66cb27506bc6e974af13f729e
      containers-image/ociv1.invalid.mediatype.manifest.json sha256:37cb608ff77bcaf5de6a6f33f5055ce5357ce5b807af584886773f81e79f2821
      containers-image/ociv1.manifest.json sha256:bb76e395cb9021fd062b352172ac87ca159b3e84f5a5758a69db824da876cd4f
      containers-image/ociv1.zstd.manifest.json sha256:474b3a7602a3e91e23bad06a57a6533349076f3e568923962a5d823754c284d7
      containers-image/ociv1nomime.image.index.json sha256:e23eee643694928ed2881e2bce25afd051cb2c8d2f0cbd46fb9f5e8e84ba23eb
      containers-image/ociv1nomime.manifest.json sha256:f94f91aaa4bfad8e67ef7f5cde3a0e908bd22e758868ca47227e60a8ea623d1c
      containers-image/schema1-for-oci-config.json sha256:163ac025575b775d1c0f9bf0bdd0f086883171eb475b5068e7defa4ca9e76516
      containers-image/schema1.json sha256:5a26403ca5f91c7f04300e397efc83960afbfe2d2b34314383a53e267a604455
      containers-image/schema2-invalid-media-type.json sha256:0e072114cf1727ca696cad8320d3ff3084d4d7d9fafa54175531ad72161da0cc
      containers-image/schema2-to-schema1-by-docker.json sha256:c8a08b90c4899c341695c8b52733faace453cda3c20b2f9ad2c4390eac8eaee4
      containers-image/schema2list-variants.json sha256:ef242b002798f7f699e06f62396fc96655b7d94cf873e540750da346d0574f3e
      containers-image/unknown-version.manifest.json sha256:dc5bc5be2ec1f465009f53b51d16bcc2a621e45c3fa0ac986dce9fcd88531ef5
      containers-image/v2list.everything.json sha256:4e2743cdbe56883fab1615414141d62b223371a52386ea24de60326b6b14439a
      containers-image/v2list.manifest.json sha256:ae55d2bdfcc9f24b2ac571f0081a64d6e6089b2c5e503ff3b718a646c26cbd3d
      containers-image/v2s1-unsigned.manifest.json sha256:7364fea9d84ee548ab67d4c46c6006289800c98de3fbf8c0a97138dfcc23f000
      containers-image/v2s1.everything.json sha256:c7df6b660bbfca36b1982b6bd656e0cbaf7ec3da06f6160204cd7b4aac6381c7
      containers-image/v2s1.manifest.json sha256:7364fea9d84ee548ab67d4c46c6006289800c98de3fbf8c0a97138dfcc23f000
      containers-image/v2s2.everything.json sha256:98647f54ad451f9ec107d39fb09339b25c7d565d7b76d0b524609d58b9295754
      containers-image/v2s2.manifest.json sha256:20bf21ed457b390829cdbeec8795a7bea1626991fda603e0d01b4e7f60427e55
      containers-image/v2s2.nondistributable.manifest.json sha256:daa7b79f2a653c7c9f8d517264dcf136112c2597699b38ae85a9143448fd75a5
      containers-image/v2s2nomime.manifest.json sha256:e7648e3307f0760138714bf63f73985c2ead2ed30ec7000378553e8be3d3f207
      dkregistry-rs/application_vnd.docker.distribution.manifest.v2+json sha256:49c4b6bf70061e522e3525aed534d087c9abfba7c39cbcbdd1bd770ab096bf9e
      dkregistry-rs/manifest_list_v2.json sha256:891f22d1ce0bed0f4d354ce3de87dc18cacb32318e9c5cd42ebbb8a29c4eee76
      dkregistry-rs/manifest_v2_s2.json sha256:5e6de772243200898c0ba7333fbb78130d6f53263d84863ff7a90ff4eab3cc0c
      dkregistry-rs/quayio_coreos_etcd_latest.json sha256:63fbaf3879c76b54cfd9d791d39bb09cef1aca4c44f41b42e5e255e624f9870b
      dkregistry-rs/quayio_steveej_cincinnati-test-labels_dkregistry-test.json sha256:75349232ac64fe83dbe80f39e6259009d34c31bdee5ddb23922121606b02cd9a
      docker-cli/inspect-manifest-list.golden sha256:8463e03448c25c660f3269b8af8823d9b5c93d03dfd5924efc2362c375674da0
      go-containerregistry/2b29a2b8dea3af91ea7d0154be1da0c92d55ddd098540930fc8d3db7de377fdb sha256:2b29a2b8dea3af91ea7d0154be1da0c92d55ddd098540930fc8d3db7de377fdb
      go-containerregistry/eebff607b1628d67459b0596643fc07de70d702eccf030f0bc7bb6fc2b278650 sha256:eebff607b1628d67459b0596643fc07de70d702eccf030f0bc7bb6fc2b278650
      go-containerregistry/test_gc_image_unknown_mediatype.index.json sha256:61ef774507a5d4ae74bf7c904d8899249a75fb8e5facb42f9cc150a32fcf5cef
      go-containerregistry/test_index.index.json sha256:609fbc98992540437b332a6973eaa8f90ba3eb1ac7806c2f62f8cc078a0aedd4
      image-spec/image-index.example.json sha256:8b902cb9e55d1ce2dfb10f2c882e1528c64ea2492a0d4f3cdd001ddc85b7ae41
      image-spec/image-index.multiple-media-types.example.json sha256:3c4006efc2e8c079b3244a070619746b36c1c5ab2eff30debc847acc489d763b
      image-spec/manifest.artifact-with-config.example.json sha256:cfaddf4e0beb938458c25327f834c7ad8d3bd4f6c93b257525c495fb0bb41e7a
      image-spec/manifest.example.json sha256:cb778403cd689cda6d1e37575ad5b195508fc1fb18fa7880b37b62365b6c724e
      image-spec/manifest.minimal-artifact.example.json sha256:46ad038ecba6ec027182c782e4dd321f807641b27478b63a9f8eb5186f3d0bb1
      jib/ociindex.json sha256:ae9d04fae3546e402347b9a5eaa938fe6ae12f8f9f12ee25aff029a0ee1e47ea
      jib/ociindex_artifacttype.json sha256:f67078af75d84c595d1bfe8bc8a75b4766a19949dd48a6de0e9f9db689d60f22
      jib/ocimanifest.json sha256:b2522fc4246079706023bef132a22761845132ed8131126f5d0d38ed1c630e0e
      jib/v21manifest.json sha256:a992de6999a4da27e19629d7a29046d6c34ee5071ee78419ccb3292d1f3cf546
      jib/v22manifest.json sha256:35786593f97b0f5d536181593e1bdca3405e96c017e5c80313c70a50b3200370
      jib/v22manifest_list.json sha256:56e810e367839b43476de2fff57d8e02b808468d18ab5b65a546c974814b0d30
      jib/v22manifest_optional_properties.json sha256:a19a80d7c6a5a264bb8d890dbb5ba5de741b95bb489d838b4f3ef6843b0b67ac
      moby/bad_manifest sha256:24bd1b4878da8faf6f83688e9224f90428c244e9cf370ed7365aa59c22945890
      moby/extra_data_manifest sha256:02fee8c3220ba806531f606525eceb83f4feb654f62b207191b1c9209188dedd
      moby/good_manifest sha256:02fee8c3220ba806531f606525eceb83f4feb654f62b207191b1c9209188dedd
      moby/no_signature_manifest sha256:7ec3615a120efcdfc270e9c7ea4183330775a3e52a09e2efb194b9a7c18e5ff7
      moby/pull_v2_test.TestFixManifestLayers.derived.json sha256:0c8dd7b374196c5622934bc1340c862c676a5704797c400c660710fe5c9683a5
      moby/pull_v2_test.TestFixManifestLayersBadParent.derived.json sha256:d1a42ff432975ea82956e634c1cd70fed0c072c968d7b7d65474eb46b4406d36
      moby/pull_v2_test.TestFixManifestLayersBaseLayerParent.derived.json sha256:1ebf5d66a6f35b64732aac67e98c2c51c6048fa1ae3576fb2a87cbff3813ac6d
      quay/complex.schema1.json sha256:9ac47329525a9d6af983484c81972d32ef5ab9e6466cf57afd511620e84ffc01
      quay/complex.schema2.json sha256:e5537e4fa6812c7db1aa93ed3787a057ca9508967e6527a73c69c6ae3c7fc6d6
      quay/manifest_unencoded_unicode.json sha256:5d8a0f34744a39bf566ba430251adc0cc86587f86aed3ac2acfb897f349777bc
      quay/simple.schema1.json sha256:7681597aae6e385f5a087a9224c2f0292898ade04ec00c29b43748e5868d44ae
      quay/ubuntu.schema1.json sha256:5d4af6e17554c80dfefe2c93ac50d3edb8c7e3a3d4db595e7532425fcfdbfc47
      quay/unicode_manifest.json sha256:97556fa8c553395bd9d8e19a04acef4716ca287ffbf6bde14dd9966053912613
      quay/validate_manifest_known_issue.json sha256:44518f5a4d1cb5b7a6347763116fb6e10f6a8563b6c40bb389a0a982f0a9f47a
      quay/validated_manifest.json sha256:b5dc4f63fdbd64f34f2314c0747ef81008f9fcddce4edfc3fd0e8ec8b358d571
      quay/validated_manifest_with_unicode.json sha256:815ecf45716a96b19d54d911e6ace91f78bab26ca0dd299645d9995dacd9f1ef
      regclient/manifest_test.rawDockerSchema1Signed.json sha256:f3ef067962554c3352dc0c659ca563f73cc396fe0dea2a2c23a7964c6290f782
      skopeo/uncompressed-image-s1.manifest.json sha256:3b93a98785ed46f9fa9fefd53127c3fa91e1d0314f90c00d8fb9b8d7448ec1ad
      skopeo/uncompressed-image-s2.manifest.json sha256:0d02cf7467013682782839465b03442dfe71c7e2ac994137507bbfb9000f5960
      """;

  /**
   * The fixtures skopeo refuses (exit 1): a signed schema1 whose envelope is broken. Its messages,
   * from the same command: {@code Error computing digest: error unmarshalling signatures: json:
   * cannot unmarshal number into Go value of type []libtrust.jsParsedSignature} for the first,
   * {@code Error computing digest: invalid format length} for the two others. Each entry: path,
   * rule, and what our message says.
   */
  static Stream<Arguments> skopeoFailures() {
    return Stream.of(
        Arguments.of(
            "containers-image/v2s1-invalid-signatures.manifest.json",
            "jws-envelope",
            "manifest member \"signatures\" is not an array of signatures"),
        Arguments.of(
            "dkregistry-rs/manifest_v2_s1.json",
            "jws-format-length",
            "formatLength 6628 is outside the 4707-byte manifest"),
        Arguments.of(
            "quay/test_schema1.MANIFEST_BYTES.derived.json",
            "jws-format-length",
            "formatLength 6628 is outside the 1051-byte manifest"));
  }

  static Map<String, String> skopeoDigests() {
    Map<String, String> digests = new LinkedHashMap<>();
    SKOPEO_DIGESTS.lines().forEach(line -> {
      String[] cells = line.split(" ");
      digests.put(cells[0], cells[1]);
    });
    return digests;
  }

  static Stream<Arguments> fixturesWithDigests() {
    return skopeoDigests().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @TempDir Path temp;

  @Test
  void everyIndexedFixtureHasAnExpectationFromSkopeo() {
    TreeSet<String> expected = new TreeSet<>(skopeoDigests().keySet());
    skopeoFailures().forEach(a -> expected.add((String) a.get()[0]));
    assertEquals(new TreeSet<>(SharedFixtures.paths()), expected);
    assertEquals(75, expected.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixturesWithDigests")
  void printsSkopeosDigestAndANewline(String path, String digest) {
    CliRun run = CliRun.of("manifest-digest", SharedFixtures.dir().resolve(path).toString());
    assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    assertEquals(digest + "\n", run.out());
    assertEquals("", run.err());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("skopeoFailures")
  void refusesABrokenSignatureEnvelopeAsSkopeoDoes(String path, String rule, String reason)
      throws IOException {
    Path file = SharedFixtures.dir().resolve(path);
    CliRun run = CliRun.of("manifest-digest", file.toString()).assertFailure(ExitCode.INVALID_CONTENT);
    assertTrue(run.err().contains("manifest \"" + file + "\""), run.err());
    assertTrue(run.err().contains(reason), run.err());

    ManifestDigestCommand command =
        new ManifestDigestCommand(
            ManifestFormats.installed(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    command.file = file;
    InvalidManifestException e = assertThrows(InvalidManifestException.class, command::call);
    assertEquals(rule, e.rule());
  }

  /**
   * Go's json refuses a byte-order mark, so containers/image's manifest.Digest does not see a
   * signed schema1 manifest and skopeo prints the SHA-256 of the whole file; the digest the
   * transports give such a manifest (ManifestFormats.digest, as dir: reports it to inspect) agrees.
   */
  @Test
  void digestsASignedManifestWithAByteOrderMarkWhole() throws IOException {
    byte[] signed = SharedFixtures.read("moby/good_manifest");
    byte[] withBom = new byte[signed.length + 3];
    withBom[0] = (byte) 0xef;
    withBom[1] = (byte) 0xbb;
    withBom[2] = (byte) 0xbf;
    System.arraycopy(signed, 0, withBom, 3, signed.length);
    Path file = Files.write(temp.resolve("bom.json"), withBom);

    CliRun run = CliRun.of("manifest-digest", file.toString());

    assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    assertEquals(Digest.sha256(withBom) + "\n", run.out());
    assertEquals(
        Digest.sha256(withBom),
        ManifestFormats.installed().digest(withBom, MediaType.DOCKER_SCHEMA1_SIGNED));
  }

  @Test
  void digestsBytesThatAreNoManifestAsSkopeoDoes() throws IOException {
    // printf hello > hello; skopeo manifest-digest hello
    Path hello = Files.writeString(temp.resolve("hello"), "hello");
    CliRun run = CliRun.of("manifest-digest", hello.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\n", run.out());

    // : > empty; skopeo manifest-digest empty
    Path empty = Files.createFile(temp.resolve("empty"));
    run = CliRun.of("manifest-digest", empty.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n", run.out());
  }

  @Test
  void missingFileIsAFailureNamingTheFile() {
    Path missing = temp.resolve("no-such-manifest.json");
    CliRun run = CliRun.of("manifest-digest", missing.toString()).assertFailure(ExitCode.FAILURE);
    assertTrue(run.err().contains("\"" + missing + "\""), run.err());
    assertTrue(run.err().contains("no such file"), run.err());
  }

  @Test
  void directoryIsAFailureNamingIt() {
    CliRun run = CliRun.of("manifest-digest", temp.toString()).assertFailure(ExitCode.FAILURE);
    assertTrue(run.err().contains("\"" + temp + "\": it is a directory"), run.err());
  }

  @Test
  void missingFileArgumentIsAUsageError() {
    CliRun run = CliRun.of("manifest-digest").assertFailure(ExitCode.USAGE);
    assertTrue(run.err().contains("MANIFEST"), run.err());
  }

  @Test
  void secondFileArgumentIsAUsageError() {
    CliRun.of("manifest-digest", "a.json", "b.json").assertFailure(ExitCode.USAGE);
  }

  @Test
  void fileOverTheManifestLimitIsInvalidContent() throws IOException {
    Path big = Files.write(temp.resolve("big.json"), new byte[BoundedInput.MAX_MANIFEST_BYTES + 1]);
    CliRun run = CliRun.of("manifest-digest", big.toString()).assertFailure(ExitCode.INVALID_CONTENT);
    assertTrue(run.err().contains("\"" + big + "\""), run.err());
    assertTrue(run.err().contains(Integer.toString(BoundedInput.MAX_MANIFEST_BYTES)), run.err());
  }

  @Test
  void fileAtTheManifestLimitIsDigested() throws IOException {
    byte[] bytes = new byte[BoundedInput.MAX_MANIFEST_BYTES];
    Path file = Files.write(temp.resolve("limit.json"), bytes);
    CliRun run = CliRun.of("manifest-digest", file.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    assertEquals(dev.spyglass.api.Digest.sha256(bytes) + "\n", run.out());
  }

  @Test
  void debugLogsEachValidSignatureWithItsKeyAndAlgorithm() {
    Path file = SharedFixtures.dir().resolve("moby/good_manifest");
    CliRun run = CliRun.of("--debug", "manifest-digest", file.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    assertEquals(skopeoDigests().get("moby/good_manifest") + "\n", run.out());
    assertTrue(
        run.err()
            .contains(
                "DEBUG ManifestDigestCommand: schema1 signature 0 of manifest \""
                    + file
                    + "\" (key \"OIH7:HQFS:44FK:45VB:3B53:OIAG:TPL4:ATF5:6PNE:MGHN:NHQX:2GE4\","
                    + " alg \"ES256\") is valid"),
        run.err());
    assertFalse(run.err().contains("WARNING"), run.err());
  }

  @Test
  void debugWarnsOfAnInvalidSignatureButStillPrintsTheDigest() {
    // INDEX.tsv: edited after signing, "signature INVALID"; skopeo prints the payload digest.
    Path file = SharedFixtures.dir().resolve("quay/simple.schema1.json");
    CliRun run = CliRun.of("manifest-digest", "--debug", file.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    assertEquals(skopeoDigests().get("quay/simple.schema1.json") + "\n", run.out());
    assertEquals(1, run.err().lines().filter(l -> l.startsWith("WARNING ")).count(), run.err());
    assertTrue(run.err().contains("is invalid: signatures[0] does not match the payload"), run.err());
  }

  @Test
  void signaturesAreNotCheckedWithoutDebug() {
    Path file = SharedFixtures.dir().resolve("quay/simple.schema1.json");
    CliRun run = CliRun.of("manifest-digest", file.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    assertEquals("", run.err());
  }

  @Test
  void debugChecksNothingForFormatsWithoutSignatures() {
    Path file = SharedFixtures.dir().resolve("containers-image/v2s2.manifest.json");
    CliRun run = CliRun.of("--debug", "manifest-digest", file.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    assertFalse(run.err().contains("signature"), run.err());
  }
}
