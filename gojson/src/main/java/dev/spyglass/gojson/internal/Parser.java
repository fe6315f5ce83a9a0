package dev.spyglass.gojson.internal;

import dev.spyglass.gojson.GoJsonException;
import dev.spyglass.gojson.GoValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON with the grammar and string decoding of Go's {@code encoding/json} (Go 1.19): RFC
 * 8259 syntax only, white space limited to space, tab, CR and LF, no byte-order mark, invalid UTF-8
 * inside strings replaced by U+FFFD one byte at a time, unpaired surrogate escapes replaced by
 * U+FFFD, and nothing but white space after the value.
 *
 * <p>Nesting is limited to {@value #MAX_DEPTH} levels (Go allows 10000) so that recursion stays
 * well inside a default thread stack.
 */
public final class Parser {
  /** The deepest nesting of arrays and objects accepted. */
  public static final int MAX_DEPTH = 1000;

  private static final char REPLACEMENT = '\uFFFD';

  private final byte[] in;
  private int pos;
  private int depth;

  private Parser(byte[] in) {
    this.in = in;
  }

  /** Parses exactly one JSON value, surrounded by optional white space. */
  public static GoValue parse(byte[] bytes) throws GoJsonException {
    Parser parser = new Parser(bytes);
    parser.skipWhiteSpace();
    GoValue value = parser.value();
    parser.skipWhiteSpace();
    if (parser.pos < bytes.length) {
      throw parser.unexpected("after top-level value");
    }
    return value;
  }

  /**
   * The members of the JSON object {@code bytes} as Go decodes it into a {@code
   * map[string]json.RawMessage}: by decoded key, the last of repeated keys winning (in the place of
   * the first), each value's text as written.
   *
   * @throws GoJsonException when {@code bytes} are not JSON, or not an object
   */
  public static Map<String, String> rawMembers(byte[] bytes) throws GoJsonException {
    Parser parser = new Parser(bytes);
    parser.skipWhiteSpace();
    if (parser.peek() != '{') {
      parse(bytes); // reports a syntax error first, as Go does
      throw new GoJsonException("JSON value is not an object");
    }
    Map<String, String> members = new LinkedHashMap<>();
    parser.enter();
    parser.pos++;
    parser.skipWhiteSpace();
    if (parser.peek() == '}') {
      parser.pos++;
    } else {
      while (true) {
        parser.skipWhiteSpace();
        if (parser.peek() != '"') {
          throw parser.unexpected("looking for beginning of object key string");
        }
        String name = parser.string().value();
        parser.skipWhiteSpace();
        if (parser.peek() != ':') {
          throw parser.unexpected("after object key");
        }
        parser.pos++;
        parser.skipWhiteSpace();
        int start = parser.pos;
        parser.value();
        members.put(name, new String(bytes, start, parser.pos - start, StandardCharsets.UTF_8));
        parser.skipWhiteSpace();
        int next = parser.peek();
        parser.pos++;
        if (next == '}') {
          break;
        }
        if (next != ',') {
          parser.pos--;
          throw parser.unexpected("after object key:value pair");
        }
      }
    }
    parser.skipWhiteSpace();
    if (parser.pos < bytes.length) {
      throw parser.unexpected("after top-level value");
    }
    return members;
  }

  private GoValue value() throws GoJsonException {
    if (pos >= in.length) {
      throw new GoJsonException("unexpected end of JSON input");
    }
    return switch (in[pos]) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", new GoValue.Bool(true));
      case 'f' -> literal("false", new GoValue.Bool(false));
      case 'n' -> literal("null", GoValue.NULL);
      default -> {
        if (in[pos] == '-' || isDigit(in[pos])) {
          yield number();
        }
        throw unexpected("looking for beginning of value");
      }
    };
  }

  private GoValue.Obj object() throws GoJsonException {
    enter();
    pos++;
    List<GoValue.Member> members = new ArrayList<>();
    skipWhiteSpace();
    if (peek() == '}') {
      pos++;
      depth--;
      return new GoValue.Obj(members);
    }
    while (true) {
      skipWhiteSpace();
      if (peek() != '"') {
        throw unexpected("looking for beginning of object key string");
      }
      String name = string().value();
      skipWhiteSpace();
      if (peek() != ':') {
        throw unexpected("after object key");
      }
      pos++;
      skipWhiteSpace();
      members.add(new GoValue.Member(name, value()));
      skipWhiteSpace();
      int next = peek();
      pos++;
      if (next == '}') {
        depth--;
        return new GoValue.Obj(members);
      }
      if (next != ',') {
        pos--;
        throw unexpected("after object key:value pair");
      }
    }
  }

  private GoValue.Arr array() throws GoJsonException {
    enter();
    pos++;
    List<GoValue> elements = new ArrayList<>();
    skipWhiteSpace();
    if (peek() == ']') {
      pos++;
      depth--;
      return new GoValue.Arr(elements);
    }
    while (true) {
      skipWhiteSpace();
      elements.add(value());
      skipWhiteSpace();
      int next = peek();
      pos++;
      if (next == ']') {
        depth--;
        return new GoValue.Arr(elements);
      }
      if (next != ',') {
        pos--;
        throw unexpected("after array element");
      }
    }
  }

  private void enter() throws GoJsonException {
    if (++depth > MAX_DEPTH) {
      throw new GoJsonException(
          "JSON nests deeper than " + MAX_DEPTH + " levels", pos, List.of(), null);
    }
  }

  private GoValue.Str string() throws GoJsonException {
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    boolean verbatim = true;
    while (true) {
      if (pos >= in.length) {
        throw new GoJsonException("unexpected end of JSON input in string literal");
      }
      int b = in[pos] & 0xff;
      if (b == '"') {
        pos++;
        return new GoValue.Str(out.toString(), verbatim);
      } else if (b == '\\') {
        verbatim = false;
        escape(out);
      } else if (b < 0x20) {
        throw unexpected("in string literal");
      } else if (b < 0x80) {
        out.append((char) b);
        pos++;
      } else {
        int size = Utf8.sequenceLength(in, pos);
        if (size == 0) {
          out.append(REPLACEMENT);
          verbatim = false;
          pos++;
        } else {
          out.appendCodePoint(Utf8.decode(in, pos, size));
          pos += size;
        }
      }
    }
  }

  private void escape(StringBuilder out) throws GoJsonException {
    pos++; // backslash
    if (pos >= in.length) {
      throw new GoJsonException("unexpected end of JSON input in string escape code");
    }
    int c = in[pos];
    pos++;
    switch (c) {
      case '"', '\\', '/' -> out.append((char) c);
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'u' -> {
        int unit = hex4();
        if (Character.isSurrogate((char) unit)) {
          int low =
              pos + 1 < in.length && in[pos] == '\\' && in[pos + 1] == 'u' ? peekHex4(pos + 2) : -1;
          if (Character.isHighSurrogate((char) unit)
              && low >= 0
              && Character.isLowSurrogate((char) low)) {
            pos += 6;
            out.appendCodePoint(Character.toCodePoint((char) unit, (char) low));
          } else {
            out.append(REPLACEMENT);
          }
        } else {
          out.append((char) unit);
        }
      }
      default -> {
        pos--;
        throw unexpected("in string escape code");
      }
    }
  }

  private int hex4() throws GoJsonException {
    int value = peekHex4(pos);
    if (value < 0) {
      while (pos < in.length && hexDigit(in[pos]) >= 0) {
        pos++;
      }
      if (pos >= in.length) {
        throw new GoJsonException(
            "unexpected end of JSON input in \\u hexadecimal character escape");
      }
      throw unexpected("in \\u hexadecimal character escape");
    }
    pos += 4;
    return value;
  }

  /** The value of four hex digits at {@code at}, or -1 when there are not four. */
  private int peekHex4(int at) {
    if (at + 4 > in.length) {
      return -1;
    }
    int value = 0;
    for (int i = at; i < at + 4; i++) {
      int digit = hexDigit(in[i]);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  private GoValue.Num number() throws GoJsonException {
    int start = pos;
    if (in[pos] == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw unexpected("in numeric literal");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw unexpected("after decimal point in numeric literal");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw unexpected("in exponent of numeric literal");
      }
      digits();
    }
    return new GoValue.Num(new String(in, start, pos - start, StandardCharsets.US_ASCII));
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private GoValue literal(String word, GoValue value) throws GoJsonException {
    for (int i = 0; i < word.length(); i++) {
      if (pos >= in.length) {
        throw new GoJsonException("unexpected end of JSON input");
      }
      if (in[pos] != word.charAt(i)) {
        throw unexpected("in literal " + word + " (expecting '" + word.charAt(i) + "')");
      }
      pos++;
    }
    return value;
  }

  private void skipWhiteSpace() {
    while (pos < in.length
        && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
      pos++;
    }
  }

  /** The byte at the current position, or -1 at the end. */
  private int peek() {
    return pos < in.length ? in[pos] & 0xff : -1;
  }

  private GoJsonException unexpected(String context) {
    if (pos >= in.length) {
      return new GoJsonException("unexpected end of JSON input");
    }
    return new GoJsonException(
        "invalid character " + describe(in[pos] & 0xff) + " " + context + " at offset " + pos,
        pos,
        List.of(),
        null);
  }

  private static String describe(int b) {
    if (b == '\'') {
      return "'\\''";
    }
    if (b >= 0x20 && b < 0x7f) {
      return "'" + (char) b + "'";
    }
    return String.format("byte 0x%02x", b);
  }

  private static boolean isDigit(int b) {
    return b >= '0' && b <= '9';
  }

  private static int hexDigit(int b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }
}
