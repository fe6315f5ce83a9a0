package dev.spyglass.gojson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link GoJson#quote}: Go's {@code encoding/json} string encoding, HTML-safe. */
class QuoteTest {

  /** One row per character class: the text, and what Go's json.Marshal writes for it. */
  static Stream<Arguments> escapes() {
    return Stream.of(
        Arguments.of("plain", "\"plain\""),
        Arguments.of("<", "\"\\u003c\""),
        Arguments.of(">", "\"\\u003e\""),
        Arguments.of("&", "\"\\u0026\""),
        Arguments.of("\u2028", "\"\\u2028\""),
        Arguments.of("\u2029", "\"\\u2029\""),
        Arguments.of("\"", "\"\\\"\""),
        Arguments.of("\\", "\"\\\\\""),
        Arguments.of("\n", "\"\\n\""),
        Arguments.of("\r", "\"\\r\""),
        Arguments.of("\t", "\"\\t\""),
        Arguments.of("\b", "\"\\u0008\""),
        Arguments.of("\f", "\"\\u000c\""),
        Arguments.of("\u0000", "\"\\u0000\""),
        Arguments.of("\u0001", "\"\\u0001\""),
        Arguments.of("\u001f", "\"\\u001f\""),
        Arguments.of(" ", "\" \""),
        Arguments.of("\u007f", "\"\u007f\""),
        Arguments.of("/", "\"/\""),
        Arguments.of("'", "\"'\""),
        Arguments.of("é", "\"é\""),
        Arguments.of("\u202e", "\"\u202e\""),
        Arguments.of("\ufffd", "\"\ufffd\""),
        Arguments.of("\ud83d\ude00", "\"\ud83d\ude00\""),
        Arguments.of("\ud83d", "\"\\ufffd\""),
        Arguments.of("a\ude00b", "\"a\\ufffdb\""));
  }

  @ParameterizedTest
  @MethodSource("escapes")
  void escapesEachCharacterAsGoDoes(String text, String quoted) {
    assertEquals(quoted, GoJson.quote(text));
  }

  @Test
  void escapesAMixedStringAsGoDoes() {
    // Go: json.Marshal("<&> = ' \" \\ \n \t \u0001 \u2028 é") (checked with skopeo's label output).
    assertEquals(
        "\"\\u003c\\u0026\\u003e = ' \\\" \\\\ \\n \\t \\u0001 \\u2028 é\"",
        GoJson.quote("<&> = ' \" \\ \n \t \u0001 \u2028 é"));
  }

  @Test
  void appendsToABuilder() {
    StringBuilder out = new StringBuilder("x=");
    GoJson.appendQuoted(out, "a<b");
    assertEquals("x=\"a\\u003cb\"", out.toString());
  }

  @Test
  void turnsInvalidUtf8IntoEscapedReplacementsOnTheWayThrough() throws GoJsonException {
    byte[] json = {'"', 'a', (byte) 0xff, 'b', '"'};
    GoValue.Str parsed = (GoValue.Str) GoJson.parse(json);

    assertEquals("a\ufffdb", parsed.value());
    assertEquals("\"a\ufffdb\"", GoJson.marshal(parsed));
  }
}
