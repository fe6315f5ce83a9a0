package dev.spyglass.manifest.schema1;

import static dev.spyglass.manifest.schema1.TestManifests.blob;
import static dev.spyglass.manifest.schema1.TestManifests.bytes;
import static dev.spyglass.manifest.schema1.TestManifests.hex;
import static dev.spyglass.manifest.schema1.TestManifests.manifest;
import static dev.spyglass.manifest.schema1.TestManifests.v1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.spyglass.api.Digest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** One manifest per validation rule, each asserting the rule, the entry and the whole message. */
class Schema1ValidationTest {
  private static final Schema1Format FORMAT = new Schema1Format();

  @Test
  void rejectsBytesThatAreNotJson() {
    InvalidManifestException e = refuse("{\"schemaVersion\": 1,".getBytes(StandardCharsets.UTF_8));

    assertFailure(e, "bad-json", -1, "manifest ends before the JSON value does");
  }

  @Test
  void rejectsMemberOfTheWrongType() {
    JsonObject manifest = TestManifests.chain();
    manifest.getAsJsonArray("fsLayers").set(1, new JsonPrimitive(7));

    assertFailure(
        refuse(bytes(manifest)), "bad-json", 1, "manifest fsLayers[1] is not a JSON object");
  }

  @Test
  void rejectsHistoryEntryThatIsNotJson() {
    JsonObject manifest =
        manifest(List.of(blob('1'), blob('2')), List.of(v1(hex('a'), hex('b')), "{\"id\": }"));

    assertFailure(
        refuse(bytes(manifest)),
        "bad-json",
        1,
        "history[1].v1Compatibility \"{\\\"id\\\": }\" is not JSON: it is malformed at line 1"
            + " column 8");
  }

  @Test
  void rejectsSchemaVersionOtherThanOne() {
    JsonObject manifest = TestManifests.chain();
    manifest.addProperty("schemaVersion", 2);

    assertFailure(
        refuse(bytes(manifest)),
        "unsupported-version",
        -1,
        "manifest schemaVersion 2 is not 1, so it is not schema1");
  }

  @Test
  void rejectsMoreLayersThanHistoryEntries() {
    JsonObject manifest = manifest(List.of(blob('1'), blob('2')), List.of(v1(hex('a'), "")));

    assertFailure(
        refuse(bytes(manifest)),
        "length-mismatch",
        -1,
        "manifest has 2 fsLayers but 1 history entries; they must pair up");
  }

  @Test
  void rejectsManifestWithoutLayers() {
    assertFailure(
        refuse(bytes(manifest(List.of(), List.of()))),
        "empty",
        -1,
        "manifest has 0 fsLayers and 0 history entries; an image needs at least one");
  }

  @Test
  void rejectsBlobSumThatIsNotADigest() {
    JsonObject manifest =
        manifest(
            List.of(blob('1'), "sha256:XYZ"), List.of(v1(hex('a'), hex('b')), v1(hex('b'), "")));

    assertFailure(
        refuse(bytes(manifest)),
        "invalid-digest",
        1,
        "fsLayers[1] blobSum: digest \"sha256:XYZ\" must have 64 lowercase hex digits after"
            + " \"sha256:\"");
  }

  @Test
  void rejectsIdThatIsNotSixtyFourLowercaseHexDigits() {
    String upper = "A".repeat(64);
    JsonObject manifest =
        manifest(List.of(blob('1'), blob('2')), List.of(v1(hex('a'), upper), v1(upper, "")));

    assertFailure(
        refuse(bytes(manifest)),
        "invalid-id",
        1,
        "history[1] id \"" + upper + "\" is not a v1 image id (64 lowercase hex digits)");
  }

  @Test
  void rejectsBaseLayerWithParent() {
    JsonObject manifest =
        manifest(
            List.of(blob('1'), blob('2')), List.of(v1(hex('a'), hex('b')), v1(hex('b'), hex('e'))));

    assertFailure(
        refuse(bytes(manifest)),
        "base-has-parent",
        1,
        "base layer history[1] has parent \"" + hex('e') + "\"; the base layer must have none");
  }

  @Test
  void rejectsIdThatReappearsAfterOtherEntries() {
    JsonObject manifest =
        manifest(
            List.of(blob('1'), blob('2'), blob('3')),
            List.of(v1(hex('a'), hex('b')), v1(hex('b'), hex('a')), v1(hex('a'), "")));

    assertFailure(
        refuse(bytes(manifest)),
        "duplicate-id",
        2,
        "history[2] id \""
            + hex('a')
            + "\" repeats the id of history[0] with other entries between them");
  }

  @Test
  void rejectsParentThatIsNotTheIdOfTheNextEntry() {
    String ec30 = "ec3025ca8cc9bcab039e193e20ec647c2da3c53a74020f2ba611601f9b2c6c02";
    String ac30 = "ac3025ca8cc9bcab039e193e20ec647c2da3c53a74020f2ba611601f9b2c6c02";
    JsonObject manifest =
        manifest(
            List.of(blob('1'), blob('2'), blob('3')),
            List.of(v1(hex('a'), hex('b')), v1(hex('b'), ac30), v1(ec30, "")));

    assertFailure(
        refuse(bytes(manifest)),
        "parent-mismatch",
        1,
        "history[1] parent \"" + ac30 + "\" is not the id \"" + ec30 + "\" of history[2]");
  }

  @Test
  void rejectsMediaTypeOfAnotherFormat() {
    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> FORMAT.parse(bytes(TestManifests.chain()), MediaType.DOCKER_SCHEMA2));

    assertFailure(
        e,
        "unsupported-media-type",
        -1,
        "media type \"" + MediaType.DOCKER_SCHEMA2 + "\" is not a Docker schema1 manifest type");
  }

  @Test
  void collapsesConsecutiveDuplicateIdsInLayersAndHistoryAlike() throws Exception {
    JsonObject manifest =
        manifest(
            List.of(blob('1'), blob('2'), blob('3'), blob('4')),
            List.of(
                v1(hex('a'), hex('b')),
                v1(hex('b'), hex('c')),
                v1(hex('b'), hex('c')),
                v1(hex('c'), "")));

    Schema1Manifest parsed = FORMAT.parse(bytes(manifest), MediaType.DOCKER_SCHEMA1);

    assertEquals(
        List.of(Digest.parse(blob('1')), Digest.parse(blob('3')), Digest.parse(blob('4'))),
        parsed.fsLayers());
    assertEquals(
        List.of(hex('a'), hex('b'), hex('c')),
        parsed.history().stream().map(HistoryEntry::id).toList());
  }

  @Test
  void acceptsWellFormedChainUnchanged() throws Exception {
    Schema1Manifest parsed = FORMAT.parse(bytes(TestManifests.chain()), MediaType.DOCKER_SCHEMA1);

    assertEquals(
        List.of(Digest.parse(blob('1')), Digest.parse(blob('2')), Digest.parse(blob('3'))),
        parsed.fsLayers());
    assertEquals(
        List.of(hex('b'), hex('c'), ""),
        parsed.history().stream().map(HistoryEntry::parent).toList());
  }

  @Test
  void rejectsSignaturesThatAreNotAnArray() {
    JsonObject manifest = TestManifests.chain();
    manifest.addProperty("signatures", 1);

    assertFailure(
        refuse(bytes(manifest)),
        "jws-envelope",
        -1,
        "manifest member \"signatures\" is not an array of signatures");
  }

  @Test
  void rejectsFormatLengthPastTheEndOfTheManifest() {
    JsonObject manifest = TestManifests.chain();
    manifest.add("signatures", signatures(protectedHeader(99999, "Cn0")));
    byte[] bytes = bytes(manifest);

    assertFailure(
        refuse(bytes),
        "jws-format-length",
        0,
        "signatures[0] formatLength 99999 is outside the " + bytes.length + "-byte manifest");
  }

  @Test
  void rejectsSignaturesOverDifferentPayloads() {
    JsonObject manifest = TestManifests.chain();
    manifest.add("signatures", signatures(protectedHeader(10, "Cn0"), protectedHeader(10, "fQ")));

    assertFailure(
        refuse(bytes(manifest)),
        "jws-conflict",
        1,
        "signatures[1] signs a different payload than signatures[0]: formatLength 10 and"
            + " formatTail \"fQ\" against 10 and \"Cn0\"");
  }

  @Test
  void reportsContentRuleBeforeBrokenEnvelope() {
    JsonObject manifest = manifest(List.of(), List.of());
    manifest.addProperty("signatures", 1);

    assertEquals("empty", refuse(bytes(manifest)).rule());
  }

  private static String protectedHeader(int formatLength, String formatTail) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            ("{\"formatLength\":" + formatLength + ",\"formatTail\":\"" + formatTail + "\"}")
                .getBytes(StandardCharsets.UTF_8));
  }

  private static JsonArray signatures(String... protectedHeaders) {
    JsonArray signatures = new JsonArray();
    for (String header : protectedHeaders) {
      JsonObject signature = new JsonObject();
      signature.add("header", new JsonObject());
      signature.addProperty("signature", "");
      signature.addProperty("protected", header);
      signatures.add(signature);
    }
    return signatures;
  }

  private static InvalidManifestException refuse(byte[] manifest) {
    return assertThrows(
        InvalidManifestException.class, () -> FORMAT.parse(manifest, MediaType.DOCKER_SCHEMA1));
  }

  static void assertFailure(InvalidManifestException e, String rule, int index, String message) {
    assertEquals(rule, e.rule());
    assertEquals(index < 0 ? OptionalInt.empty() : OptionalInt.of(index), e.index());
    assertEquals(message, e.getMessage());
  }
}
