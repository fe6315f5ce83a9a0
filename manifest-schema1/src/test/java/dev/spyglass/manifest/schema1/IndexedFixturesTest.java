package dev.spyglass.manifest.schema1;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.spyglass.api.Digest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.manifest.schema1.internal.LayerChain;
import dev.spyglass.manifest.schema1.internal.ManifestContent;
import dev.spyglass.manifest.schema1.internal.ManifestFields;
import dev.spyglass.testing.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schema1 fixture of INDEX.tsv (column {@code expected_schema1_fixup} not {@code n/a}): its
 * fix-up, its canonical digest and its signatures, as the index says.
 */
class IndexedFixturesTest {
  private static final Schema1Format FORMAT = new Schema1Format();

  static Stream<IndexRow> rows() {
    return IndexRow.schema1Rows().stream();
  }

  static Stream<IndexRow> validSchemaVersion1Rows() {
    return rows().filter(row -> row.expectedBlobSums().isPresent() && declaredVersion(row) == 1);
  }

  static Stream<IndexRow> validOtherVersionRows() {
    return rows().filter(row -> row.expectedBlobSums().isPresent() && declaredVersion(row) != 1);
  }

  static Stream<IndexRow> invalidRows() {
    return rows().filter(row -> row.expectedBlobSums().isEmpty());
  }

  static Stream<IndexRow> rowsWithSignatureVerdict() {
    return rows().filter(row -> row.signatureValid().isPresent());
  }

  @Test
  void indexListsSchema1FixturesOfEveryKind() {
    assertAll(
        () -> assertTrue(rows().count() >= 30, "schema1 rows: " + rows().count()),
        () -> assertTrue(invalidRows().count() >= 8, "invalid rows"),
        () -> assertTrue(rowsWithSignatureVerdict().anyMatch(r -> r.signatureValid().get())),
        () -> assertTrue(rowsWithSignatureVerdict().anyMatch(r -> !r.signatureValid().get())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void fileIsTheOneIndexed(IndexRow row) {
    assertEquals(
        "sha256:" + row.fileSha256(), Digest.sha256(SharedFixtures.read(row.path())).toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSchemaVersion1Rows")
  void parsesToIndexedBlobSumsAfterFixUp(IndexRow row) throws InvalidManifestException {
    Schema1Manifest manifest = FORMAT.parse(SharedFixtures.read(row.path()), row.mediaType());

    assertEquals(row.expectedBlobSums().get(), strings(manifest.fsLayers()));
    assertEquals(manifest.fsLayers().size(), manifest.history().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validOtherVersionRows")
  void refusesOtherSchemaVersionThoughItsChainFixesUpAsIndexed(IndexRow row)
      throws InvalidManifestException {
    byte[] bytes = SharedFixtures.read(row.path());

    InvalidManifestException e =
        assertThrows(InvalidManifestException.class, () -> FORMAT.parse(bytes, row.mediaType()));

    assertEquals("unsupported-version", e.rule());
    assertTrue(e.getMessage().contains("schemaVersion " + declaredVersion(row)), e.getMessage());
    ManifestFields fields = ManifestFields.read(ManifestContent.read(bytes).document());
    LayerChain chain = LayerChain.fixUp(fields.blobSums(), fields.v1Compatibility());
    assertEquals(row.expectedBlobSums().get(), strings(chain.blobSums()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRows")
  void refusesWithIndexedRuleNamingEntryAndValues(IndexRow row) {
    byte[] bytes = SharedFixtures.read(row.path());

    InvalidManifestException e =
        assertThrows(InvalidManifestException.class, () -> FORMAT.parse(bytes, row.mediaType()));

    assertEquals(row.expectedRule(), e.rule(), e.getMessage());
    for (String part : row.expectedMessageParts()) {
      assertTrue(e.getMessage().contains(part), "\"" + part + "\" missing in: " + e.getMessage());
    }
    row.expectedIndex().ifPresent(index -> assertEquals(index, e.index().getAsInt()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void digestIsIndexedPayloadDigestOrFileDigest(IndexRow row) throws InvalidManifestException {
    byte[] bytes = SharedFixtures.read(row.path());
    String note = row.jwsNote();
    if (note.equals("unsigned")) {
      assertEquals("sha256:" + row.fileSha256(), FORMAT.digest(bytes, row.mediaType()).toString());
    } else if (note.startsWith("signatures not a non-empty list")) {
      InvalidManifestException e =
          assertThrows(InvalidManifestException.class, () -> FORMAT.digest(bytes, row.mediaType()));
      assertEquals("jws-envelope", e.rule());
    } else if (row.formatLengthPastEnd().isPresent()) {
      // libtrust (and so the registry and skopeo) refuse: "invalid format length".
      assertTrue(row.formatLengthPastEnd().get() > bytes.length);
      InvalidManifestException e =
          assertThrows(InvalidManifestException.class, () -> FORMAT.digest(bytes, row.mediaType()));
      assertEquals("jws-format-length", e.rule());
      assertTrue(e.getMessage().contains(row.formatLengthPastEnd().get() + ""), e.getMessage());
    } else {
      assertEquals(
          row.payloadDigest().orElseGet(() -> fail("unknown jws note: " + note)),
          FORMAT.digest(bytes, row.mediaType()).toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rowsWithSignatureVerdict")
  void signaturesVerifyAsIndexed(IndexRow row) throws InvalidManifestException {
    byte[] bytes = SharedFixtures.read(row.path());
    if (row.formatLengthPastEnd().isPresent()) {
      assertFalse(row.signatureValid().get());
      assertThrows(InvalidManifestException.class, () -> Schema1Signatures.verify(bytes));
      return;
    }

    List<SignatureCheck> checks = Schema1Signatures.verify(bytes);

    assertFalse(checks.isEmpty());
    assertEquals(
        row.signatureValid().get(),
        checks.stream().allMatch(SignatureCheck::valid),
        checks.toString());
  }

  private static long declaredVersion(IndexRow row) {
    JsonElement version =
        JsonParser.parseString(new String(SharedFixtures.read(row.path()), StandardCharsets.UTF_8))
            .getAsJsonObject()
            .get("schemaVersion");
    return version == null ? 0 : version.getAsLong();
  }

  private static List<String> strings(List<Digest> digests) {
    return digests.stream().map(Digest::toString).toList();
  }
}
