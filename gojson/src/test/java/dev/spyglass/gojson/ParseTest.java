package dev.spyglass.gojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The grammar cases were checked against skopeo 1.9.3 by inspecting a config {@code {"x":VALUE}}
 * (or the raw text, for the top-level cases) with {@code skopeo inspect --config dir:LAYOUT}: Go
 * accepted exactly the values accepted here and refused the others ("invalid character ...").
 */
class ParseTest {

  private static GoValue parse(String text) throws GoJsonException {
    return GoJson.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static GoValue member(String value) throws GoJsonException {
    GoValue.Obj object = (GoValue.Obj) parse("{\"x\":" + value + "}");
    return object.members().get(0).value();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1E+2",
        "-0",
        "-0.0e-0",
        "\"\\u00e9\"",
        "[]",
        "{}",
        "\"\\/\"",
        "9999999999999999999999999999",
        "1e999"
      })
  void acceptsValuesGoAccepts(String value) throws GoJsonException {
    member(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01",
        "1.",
        "-",
        "+1",
        ".5",
        "1e",
        "NaN",
        "'s'",
        "\"\\x\"",
        "\"\\u12\"",
        "[1,]",
        "{\"a\":1,}",
        "nul",
        "True",
        "\"a\tb\"",
        "1 2",
        "[1 2]",
        "{\"a\" 1}",
        "{1:2}"
      })
  void refusesValuesGoRefuses(String value) {
    assertThrows(GoJsonException.class, () -> member(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {" {} ", "\t{}\r\n"})
  void allowsJsonWhiteSpaceAroundTheValue(String text) throws GoJsonException {
    assertInstanceOf(GoValue.Obj.class, parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "{}/*c*/", "{} {}", "\u00a0{}"})
  void refusesEmptyInputCommentsAndTrailingValues(String text) {
    assertThrows(GoJsonException.class, () -> parse(text));
  }

  @Test
  void refusesAByteOrderMark() {
    GoJsonException e =
        assertThrows(
            GoJsonException.class,
            () -> GoJson.parse(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'}));
    assertEquals(
        "invalid character byte 0xef looking for beginning of value at offset 0", e.getMessage());
  }

  @Test
  void keepsDuplicateMembersInOrder() throws GoJsonException {
    GoValue.Obj object = (GoValue.Obj) parse("{\"a\":1,\"a\":2}");
    assertEquals(
        List.of(
            new GoValue.Member("a", new GoValue.Num("1")),
            new GoValue.Member("a", new GoValue.Num("2"))),
        object.members());
  }

  @Test
  void replacesEachInvalidUtf8ByteWithOneReplacementCharacter() throws GoJsonException {
    // a, 0xff, b, an encoded surrogate (3 invalid bytes), c, a truncated 2-byte sequence
    byte[] bytes = {
      '"', 'a', (byte) 0xff, 'b', (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'c', (byte) 0xc3, '"'
    };
    GoValue.Str s = (GoValue.Str) GoJson.parse(bytes);
    assertEquals("a\ufffdb\ufffd\ufffd\ufffdc\ufffd", s.value());
    assertFalse(s.verbatim());
  }

  @Test
  void decodesSurrogatePairsAndReplacesLoneSurrogates() throws GoJsonException {
    assertEquals("\ud83d\ude00", ((GoValue.Str) parse("\"\\ud83d\\ude00\"")).value());
    assertEquals("\ufffdx", ((GoValue.Str) parse("\"\\ud800x\"")).value());
    assertEquals("\ufffd\ufffd", ((GoValue.Str) parse("\"\\ude00\\ud83d\"")).value());
  }

  @Test
  void marksStringsWrittenWithEscapesAsNotVerbatim() throws GoJsonException {
    assertTrue(((GoValue.Str) parse("\"2020-01-01T00:00:00Z\"")).verbatim());
    assertTrue(((GoValue.Str) parse("\"\u00e9\"")).verbatim());
    assertFalse(((GoValue.Str) parse("\"2020-01-01T00:00:00\\u005a\"")).verbatim());
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    String deep = "[".repeat(GoJson.MAX_DEPTH + 1) + "]".repeat(GoJson.MAX_DEPTH + 1);
    GoJsonException e = assertThrows(GoJsonException.class, () -> parse(deep));
    assertEquals("JSON nests deeper than 1000 levels", e.getMessage());
  }

  @Test
  void acceptsNestingUpToTheLimit() throws GoJsonException {
    String deep = "[".repeat(GoJson.MAX_DEPTH) + "]".repeat(GoJson.MAX_DEPTH);
    assertInstanceOf(GoValue.Arr.class, parse(deep));
  }

  @Test
  void namesTheOffendingCharacterAndItsOffset() {
    GoJsonException e = assertThrows(GoJsonException.class, () -> parse("{\"a\":1,}"));
    assertEquals(
        "invalid character '}' looking for beginning of object key string at offset 7",
        e.getMessage());
  }
}
