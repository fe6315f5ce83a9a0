package dev.spyglass.gojson.internal;

import dev.spyglass.gojson.GoValue;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@link GoValue}s as Go's {@code json.Marshal} ({@code indent} null) and {@code
 * json.MarshalIndent(v, "", indent)} do: members in order, {@code []} and {@code {}} for empty
 * containers, {@code "key": value} when indented, strings with Go's escaping ({@link #quote}), raw
 * JSON compacted ({@link #compact}). No trailing newline.
 */
public final class Writer {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out = new StringBuilder();
  private final @Nullable String indent;
  private final boolean escapeHtml;

  private Writer(@Nullable String indent, boolean escapeHtml) {
    this.indent = indent;
    this.escapeHtml = escapeHtml;
  }

  /** {@code value} as JSON text, indented by {@code indent} per level, or compact when null. */
  public static String write(GoValue value, @Nullable String indent) {
    return write(value, indent, true);
  }

  /**
   * {@code value} as JSON text; {@code escapeHtml} false as Go's {@code Encoder} after {@code
   * SetEscapeHTML(false)}: {@code <}, {@code >} and {@code &} written as they are.
   */
  public static String write(GoValue value, @Nullable String indent, boolean escapeHtml) {
    Writer writer = new Writer(indent, escapeHtml);
    writer.value(value, 0);
    return writer.out.toString();
  }

  /**
   * Appends {@code text} as Go's {@code encoding/json} writes a string: {@code "} and {@code \}
   * escaped, {@code \n \r \t} as such, other control characters, {@code <}, {@code >}, {@code &},
   * U+2028 and U+2029 as {@code \\u00XX}, an unpaired surrogate (invalid UTF-8 in Go) as {@code
   * \ufffd}, every other character as is.
   */
  public static void quote(StringBuilder out, String text) {
    quote(out, text, true);
  }

  private static void quote(StringBuilder out, String text, boolean escapeHtml) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"', '\\' -> out.append('\\').append(c);
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\u2028', '\u2029' -> unicodeEscape(out, c);
        case '<', '>', '&' -> {
          if (escapeHtml) {
            unicodeEscape(out, c);
          } else {
            out.append(c);
          }
        }
        default -> {
          if (c < 0x20) {
            unicodeEscape(out, c);
          } else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c)
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1))) {
              out.append(c).append(text.charAt(++i));
            } else {
              out.append("\\ufffd"); // Go writes invalid UTF-8 as an escaped replacement
            }
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Appends {@code raw}, one valid JSON value, as Go's {@code json.Compact} with HTML escaping
   * (what {@code json.Marshal} does to a {@code json.RawMessage}): white space outside strings
   * removed, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 in strings as {@code \\u} escapes,
   * every other character and escape as written.
   */
  public static void compact(StringBuilder out, String raw) {
    compact(out, raw, true);
  }

  private static void compact(StringBuilder out, String raw, boolean escapeHtml) {
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
      } else if (c == '\u2028'
          || c == '\u2029'
          || (escapeHtml && (c == '<' || c == '>' || c == '&'))) {
        unicodeEscape(out, c);
      } else {
        out.append(c);
      }
    }
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  private void value(GoValue value, int level) {
    if (value instanceof GoValue.Obj object) {
      object(object.members(), level);
    } else if (value instanceof GoValue.Arr array) {
      array(array.elements(), level);
    } else if (value instanceof GoValue.Str s) {
      quote(out, s.value(), escapeHtml);
    } else if (value instanceof GoValue.Num n) {
      out.append(n.literal());
    } else if (value instanceof GoValue.Bool b) {
      out.append(b.value());
    } else if (value instanceof GoValue.Raw raw) {
      raw(raw.json(), level);
    } else {
      out.append("null");
    }
  }

  private void object(List<GoValue.Member> members, int level) {
    if (members.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    for (int i = 0; i < members.size(); i++) {
      newline(level + 1);
      quote(out, members.get(i).name(), escapeHtml);
      out.append(indent == null ? ":" : ": ");
      value(members.get(i).value(), level + 1);
      if (i + 1 < members.size()) {
        out.append(',');
      }
    }
    newline(level);
    out.append('}');
  }

  private void array(List<GoValue> elements, int level) {
    if (elements.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < elements.size(); i++) {
      newline(level + 1);
      value(elements.get(i), level + 1);
      if (i + 1 < elements.size()) {
        out.append(',');
      }
    }
    newline(level);
    out.append(']');
  }

  /** Raw JSON: compacted; when indenting, re-indented as Go's {@code MarshalIndent} does. */
  private void raw(String json, int level) {
    if (indent == null) {
      compact(out, json, escapeHtml);
      return;
    }
    StringBuilder compacted = new StringBuilder(json.length());
    compact(compacted, json, escapeHtml);
    String text = compacted.toString();
    boolean inString = false;
    int depth = level;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\') {
          out.append(text.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          inString = true;
          out.append(c);
        }
        case '{', '[' -> {
          char close = c == '{' ? '}' : ']';
          if (i + 1 < text.length() && text.charAt(i + 1) == close) {
            out.append(c).append(close);
            i++;
          } else {
            out.append(c);
            newline(++depth);
          }
        }
        case '}', ']' -> {
          newline(--depth);
          out.append(c);
        }
        case ',' -> {
          out.append(c);
          newline(depth);
        }
        case ':' -> out.append(": ");
        default -> out.append(c);
      }
    }
  }

  private void newline(int level) {
    if (indent == null) {
      return;
    }
    out.append('\n');
    for (int i = 0; i < level; i++) {
      out.append(indent);
    }
  }
}
