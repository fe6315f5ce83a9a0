package dev.spyglass.manifest.schema1.internal;

import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Works on JSON text that {@link StrictJson} has accepted, keeping each value's own text, as Go's
 * {@code json.RawMessage} does.
 */
final class RawJson {
  private RawJson() {}

  /**
   * The members of the object {@code text}, by decoded key, each with its value's raw text; a
   * repeated key keeps its last value, as Go's decoding into a map does.
   */
  static Map<String, String> members(String text) {
    Map<String, String> members = new LinkedHashMap<>();
    int i = skipSpace(text, 0);
    i = skipSpace(text, i + 1); // past '{'
    while (text.charAt(i) != '}') {
      int keyEnd = skipValue(text, i);
      String key = JsonParser.parseString(text.substring(i, keyEnd)).getAsString();
      i = skipSpace(text, skipSpace(text, keyEnd) + 1); // past ':'
      int valueEnd = skipValue(text, i);
      members.put(key, text.substring(i, valueEnd));
      i = skipSpace(text, valueEnd);
      if (text.charAt(i) == ',') {
        i = skipSpace(text, i + 1);
      }
    }
    return members;
  }

  /**
   * {@code raw} as Go's {@code json.Marshal} re-writes a {@code json.RawMessage}: whitespace
   * outside strings removed, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 in strings as
   * {@code \\u} escapes, every other character and escape as written.
   */
  static String compact(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    boolean inString = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!inString) {
        if (c == '"') {
          inString = true;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          continue;
        }
        out.append(c);
      } else if (c == '\\') {
        out.append(c).append(raw.charAt(++i));
      } else if (c == '"') {
        inString = false;
        out.append(c);
      } else if (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int skipSpace(String text, int i) {
    while (i < text.length() && " \t\n\r".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  /** The index just past the value starting at {@code i}. */
  private static int skipValue(String text, int i) {
    char c = text.charAt(i);
    if (c == '"') {
      int j = i + 1;
      while (text.charAt(j) != '"') {
        j += text.charAt(j) == '\\' ? 2 : 1;
      }
      return j + 1;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      int j = i;
      do {
        char d = text.charAt(j);
        if (d == '"') {
          j = skipValue(text, j);
          continue;
        }
        if (d == '{' || d == '[') {
          depth++;
        } else if (d == '}' || d == ']') {
          depth--;
        }
        j++;
      } while (depth > 0);
      return j;
    }
    int j = i;
    while (j < text.length() && ",}] \t\n\r".indexOf(text.charAt(j)) < 0) {
      j++;
    }
    return j;
  }
}
