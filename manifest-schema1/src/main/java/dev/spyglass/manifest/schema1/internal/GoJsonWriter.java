package dev.spyglass.manifest.schema1.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a JSON tree byte for byte as Go's {@code json.MarshalIndent(v, "", indent)} does: members
 * in tree order, {@code {}} and {@code []} for empty containers, and Go's string escaping ({@code
 * <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \\u} escapes; other non-ASCII as is).
 */
public final class GoJsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoJsonWriter() {}

  /** {@code element} indented by {@code indent}, with no trailing newline. */
  public static String write(JsonElement element, String indent) {
    StringBuilder out = new StringBuilder();
    write(out, element, indent, 0);
    return out.toString();
  }

  /** {@code element} as Go's {@code json.Marshal} writes it: no whitespace at all. */
  public static String compact(JsonElement element) {
    StringBuilder out = new StringBuilder();
    write(out, element, null, 0);
    return out.toString();
  }

  private static void write(
      StringBuilder out, JsonElement element, @Nullable String indent, int depth) {
    if (element.isJsonObject()) {
      writeObject(out, element.getAsJsonObject(), indent, depth);
    } else if (element.isJsonArray()) {
      writeArray(out, element.getAsJsonArray(), indent, depth);
    } else if (element.isJsonNull()) {
      out.append("null");
    } else if (element.getAsJsonPrimitive().isString()) {
      string(out, element.getAsString());
    } else {
      out.append(element.getAsString());
    }
  }

  private static void writeObject(
      StringBuilder out, JsonObject object, @Nullable String indent, int depth) {
    if (object.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<Map.Entry<String, JsonElement>> members = object.entrySet().iterator();
    while (members.hasNext()) {
      Map.Entry<String, JsonElement> member = members.next();
      newline(out, indent, depth + 1);
      string(out, member.getKey());
      out.append(indent == null ? ":" : ": ");
      write(out, member.getValue(), indent, depth + 1);
      if (members.hasNext()) {
        out.append(',');
      }
    }
    newline(out, indent, depth);
    out.append('}');
  }

  private static void writeArray(
      StringBuilder out, JsonArray array, @Nullable String indent, int depth) {
    if (array.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < array.size(); i++) {
      newline(out, indent, depth + 1);
      write(out, array.get(i), indent, depth + 1);
      if (i + 1 < array.size()) {
        out.append(',');
      }
    }
    newline(out, indent, depth);
    out.append(']');
  }

  private static void newline(StringBuilder out, @Nullable String indent, int depth) {
    if (indent == null) {
      return;
    }
    out.append('\n');
    for (int i = 0; i < depth; i++) {
      out.append(indent);
    }
  }

  /** Appends {@code value} as a Go-escaped JSON string. */
  static void string(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(out, c);
          } else if (Character.isSurrogate(c) && !pairedSurrogate(value, i)) {
            out.append('\ufffd'); // Go decodes a lone surrogate escape to U+FFFD.
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean pairedSurrogate(String value, int i) {
    char c = value.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }
}
