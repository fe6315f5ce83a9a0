package dev.spyglass.manifest.schema1.internal;

import dev.spyglass.gojson.GoJson;
import dev.spyglass.gojson.GoJsonException;
import dev.spyglass.gojson.GoValue;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Parses the JSON of manifests, {@code v1Compatibility} entries and JWS headers with {@link
 * GoJson#parse} (Go's grammar: RFC 8259 only, no byte-order mark, nothing after the value), and
 * says where text stops being JSON in words that complete "the X ...".
 */
public final class JsonDocuments {
  private JsonDocuments() {}

  /** Parses {@code bytes}; the exception message says where they stop being JSON. */
  public static GoValue parse(byte[] bytes) throws MalformedJson {
    try {
      return GoJson.parse(bytes);
    } catch (GoJsonException e) {
      throw new MalformedJson(describe(e, bytes));
    }
  }

  /** Parses {@code text}; see {@link #parse(byte[])}. */
  public static GoValue parse(String text) throws MalformedJson {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The JSON object in {@code bytes}, or empty when they are not one. */
  public static Optional<GoValue.Obj> tryObject(byte[] bytes) {
    try {
      return parse(bytes) instanceof GoValue.Obj object ? Optional.of(object) : Optional.empty();
    } catch (MalformedJson e) {
      return Optional.empty();
    }
  }

  /**
   * "ends before the JSON value does", or "is malformed at line L column C" with the 1-based line
   * and column (in characters) of the character where the text stops being JSON.
   */
  private static String describe(GoJsonException e, byte[] bytes) {
    int offset = e.offset();
    if (offset < 0) {
      return e.getMessage().startsWith("unexpected end of JSON input")
          ? "ends before the JSON value does"
          : "is malformed";
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length();
    return "is malformed at line " + line + " column " + (column + 1);
  }

  /**
   * Text that is not JSON; the message completes "the X ..." (e.g. "is malformed at line 1 column
   * 3").
   */
  public static final class MalformedJson extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedJson(String message) {
      super(message);
    }
  }
}
