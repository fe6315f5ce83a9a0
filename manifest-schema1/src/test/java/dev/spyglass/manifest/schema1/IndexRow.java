package dev.spyglass.manifest.schema1;

import dev.spyglass.testing.SharedFixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One row of the fixtures' INDEX.tsv, with readers for the columns the schema1 tests use. */
record IndexRow(
    String path, String mediaTypeSchema, String fixup, String fileSha256, String notes) {
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("application/vnd\\.docker\\.distribution\\.manifest\\.v1\\+(json|prettyjws)");
  private static final Pattern JWS = Pattern.compile("\\[jws: ([^\\]]*)\\]");
  private static final Pattern PAYLOAD =
      Pattern.compile("payload (sha256:[0-9a-f]{64}), signature (valid|INVALID)");
  private static final Pattern FORMAT_LENGTH_PAST_END = Pattern.compile("formatLength (\\d+) >");

  /** The rows of the shared fixtures' INDEX.tsv whose {@code expected_schema1_fixup} is not n/a. */
  static List<IndexRow> schema1Rows() {
    List<IndexRow> rows = new ArrayList<>();
    for (SharedFixtures.Row row : SharedFixtures.index()) {
      IndexRow indexRow =
          new IndexRow(
              row.path(),
              row.get("media_type_schema"),
              row.get("expected_schema1_fixup"),
              row.get("file_sha256"),
              row.get("notes"));
      if (!indexRow.fixup().equals("n/a")) {
        rows.add(indexRow);
      }
    }
    return rows;
  }

  /** The schema1 media type the row names. */
  String mediaType() {
    Matcher m = MEDIA_TYPE.matcher(mediaTypeSchema);
    if (!m.find()) {
      throw new IllegalStateException(path + ": no schema1 media type in " + mediaTypeSchema);
    }
    return m.group();
  }

  /** The blobSums of an {@code ok: [...]} expectation, in manifest order. */
  Optional<List<String>> expectedBlobSums() {
    if (!fixup.startsWith("ok: [")) {
      return Optional.empty();
    }
    String list = fixup.substring("ok: [".length(), fixup.indexOf(']'));
    return Optional.of(Arrays.asList(list.split(",")));
  }

  /** The rule of an invalid expectation, e.g. {@code parent-mismatch}. */
  String expectedRule() {
    int space = fixup.indexOf(' ');
    return space < 0 ? fixup : fixup.substring(0, space);
  }

  /** The detail in parentheses after the rule, e.g. {@code history[1].parent 'ac30...' != ...}. */
  String expectedDetail() {
    int open = fixup.indexOf('(');
    return open < 0 ? "" : fixup.substring(open + 1, fixup.lastIndexOf(')'));
  }

  /** Texts the failure message must contain: entries, quoted values and counts of the detail. */
  List<String> expectedMessageParts() {
    String detail = expectedDetail();
    int semicolon = detail.indexOf(';');
    String facts = semicolon < 0 ? detail : detail.substring(0, semicolon);
    List<String> parts = new ArrayList<>();
    collect(parts, "(?:history|fsLayers)\\[\\d+\\]", facts, 0);
    collect(parts, "'([^']*)'", facts, 1);
    Matcher counts = Pattern.compile("(\\w+)=(\\d+)").matcher(facts);
    while (counts.find()) {
      parts.add(counts.group(2) + " " + counts.group(1));
    }
    collect(parts, "(?<![=\\w])\\d+ (?:fsLayers|history)\\b", facts, 0);
    return parts;
  }

  /** The entry index the detail names first, if any. */
  Optional<Integer> expectedIndex() {
    Matcher m = Pattern.compile("(?:history|fsLayers)\\[(\\d+)\\]").matcher(expectedDetail());
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The {@code [jws: ...]} note. */
  String jwsNote() {
    Matcher m = JWS.matcher(notes);
    if (!m.find()) {
      throw new IllegalStateException(path + ": no [jws: ...] note");
    }
    return m.group(1);
  }

  /** The payload digest the note gives for a signed file. */
  Optional<String> payloadDigest() {
    Matcher m = PAYLOAD.matcher(jwsNote());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether the note says the signature verifies; empty for unsigned files. */
  Optional<Boolean> signatureValid() {
    Matcher m = PAYLOAD.matcher(jwsNote());
    return m.find() ? Optional.of(m.group(2).equals("valid")) : Optional.empty();
  }

  /**
   * The formatLength the notes say lies past the end of the file; libtrust refuses such a manifest
   * ("invalid format length"), whatever payload digest a clamping slice gives.
   */
  Optional<Integer> formatLengthPastEnd() {
    Matcher m = FORMAT_LENGTH_PAST_END.matcher(notes);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  @Override
  public String toString() {
    return path;
  }

  private static void collect(List<String> parts, String regex, String text, int group) {
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      parts.add(m.group(group));
    }
  }
}
