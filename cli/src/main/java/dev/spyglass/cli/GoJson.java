package dev.spyglass.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON the way Go's {@code json.MarshalIndent(v, "", "    ")} does, so that output matches
 * skopeo's byte for byte: 4-space indentation, {@code "key": value}, {@code []} and {@code {}} for
 * empty containers, and Go's escaping ({@code <}, {@code >}, {@code &}, U+2028 and U+2029 as
 * {@code \\uXXXX}; other control characters as {@code \\u00XX} except {@code \\n \\r \\t}).
 */
public final class GoJson {
  private GoJson() {}

  public static String indent(JsonElement value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.toString();
  }

  private static void write(JsonElement value, StringBuilder out, String indent) {
    if (value.isJsonNull()) {
      out.append("null");
    } else if (value instanceof JsonPrimitive p) {
      if (p.isString()) {
        quote(p.getAsString(), out);
      } else {
        out.append(p.getAsString());
      }
    } else if (value instanceof JsonArray array) {
      if (array.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      String inner = indent + "    ";
      for (Iterator<JsonElement> it = array.iterator(); it.hasNext(); ) {
        out.append(inner);
        write(it.next(), out, inner);
        out.append(it.hasNext() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else {
      JsonObject object = value.getAsJsonObject();
      if (object.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      String inner = indent + "    ";
      for (Iterator<Map.Entry<String, JsonElement>> it = object.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonElement> e = it.next();
        out.append(inner);
        quote(e.getKey(), out);
        out.append(": ");
        write(e.getValue(), out, inner);
        out.append(it.hasNext() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    }
  }

  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicode(c, out);
        default -> {
          if (c < 0x20) {
            unicode(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicode(char c, StringBuilder out) {
    String hex = Integer.toHexString(c);
    out.append("\\u");
    for (int i = hex.length(); i < 4; i++) {
      out.append('0');
    }
    out.append(hex);
  }
}
