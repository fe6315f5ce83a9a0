package dev.spyglass.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuoteTest {

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("plain", "\"plain\""),
        Arguments.of("", "\"\""),
        Arguments.of("linux/arm64/v8", "\"linux/arm64/v8\""),
        Arguments.of("café 日本 \uD83D\uDE00", "\"café 日本 \uD83D\uDE00\""),
        Arguments.of("say \"hi\"", "\"say \\\"hi\\\"\""),
        Arguments.of("C:\\x", "\"C:\\\\x\""),
        Arguments.of("a\nb\r\tc\u0000", "\"a\\u000ab\\u000d\\u0009c\\u0000\""),
        Arguments.of("\u001b]0;pwned\u0007", "\"\\u001b]0;pwned\\u0007\""),
        Arguments.of("\u001b[2J\u001b[H", "\"\\u001b[2J\\u001b[H\""),
        Arguments.of("del\u007f c1\u0085\u009b", "\"del\\u007f c1\\u0085\\u009b\""),
        Arguments.of("line\u2028para\u2029", "\"line\\u2028para\\u2029\""),
        Arguments.of(
            "\u202aE\u202bE\u202cP\u202dO\u202eR", "\"\\u202aE\\u202bE\\u202cP\\u202dO\\u202eR\""),
        Arguments.of("\u2066i\u2067i\u2068i\u2069", "\"\\u2066i\\u2067i\\u2068i\\u2069\""),
        Arguments.of("\u200el\u200fr\u061ca", "\"\\u200el\\u200fr\\u061ca\""),
        Arguments.of("zero\u200bwidth\ufeff", "\"zero\\u200bwidth\\ufeff\""),
        Arguments.of("lone\uD800surrogate\uDC00", "\"lone\\ud800surrogate\\udc00\""),
        Arguments.of("tag\uDB40\uDC01", "\"tag\\udb40\\udc01\""));
  }

  @ParameterizedTest
  @MethodSource("values")
  void quotesAndEscapesAsVisibleText(String value, String expected) {
    assertEquals(expected, Quote.of(value));
  }

  @ParameterizedTest
  @MethodSource("values")
  void leavesNothingATerminalWouldInterpret(String value, String ignored) {
    for (String shown : new String[] {Quote.of(value), Quote.excerpt(value), Quote.line(value)}) {
      shown.codePoints()
          .forEach(
              cp -> {
                int type = Character.getType(cp);
                assertFalse(
                    Character.isISOControl(cp)
                        || type == Character.FORMAT
                        || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR
                        || type == Character.SURROGATE,
                    () -> "U+" + Integer.toHexString(cp) + " in " + shown);
              });
    }
  }

  @Test
  void cutsLongValuesWithAMarkerInsideTheQuotes() {
    String shown = Quote.of("x".repeat(1000));

    assertEquals("\"" + "x".repeat(Quote.MAX_CHARS) + "...\"", shown);
    assertEquals("\"" + "y".repeat(Quote.MAX_CHARS) + "\"", Quote.of("y".repeat(Quote.MAX_CHARS)));
  }

  @Test
  void neverSplitsASurrogatePair() {
    String shown = Quote.of("a" + "\uD83D\uDE00".repeat(200));

    assertTrue(shown.endsWith("\uDE00...\""), shown);
    assertEquals(Quote.MAX_CHARS - 1, shown.length() - "\"...\"".length());
  }

  @Test
  void excerptFoldsWhiteSpaceAndEscapesTheRest() {
    assertEquals(
        "a b\\u001b[31m c\\u0000", Quote.excerpt("  a\r\n\tb\u001b[31m c\u0000 "));
    assertEquals("x\\u200by", Quote.excerpt("x\u200by"));
    assertEquals("say \"no\" \\o/", Quote.excerpt("say \"no\" \\o/"));
  }

  @Test
  void lineJoinsLinesEscapesTheRestAndCutsNothing() {
    String message = "manifest \"a\\b\" is bad:\r\nsee\n\u001b]0;x\u0007 " + "y".repeat(500);

    assertEquals(
        "manifest \"a\\b\" is bad: see \\u001b]0;x\\u0007 " + "y".repeat(500),
        Quote.line(message));
  }

  @Test
  void excerptCutsLongTextWithAMarker() {
    String shown = Quote.excerpt("é ".repeat(1000));

    assertEquals(Quote.MAX_EXCERPT_CHARS + 3, shown.length());
    assertTrue(shown.endsWith("..."), shown);
  }
}
