package dev.spyglass.manifest.oci.internal.gojson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a decoded struct as Go 1.19's {@code json.MarshalIndent(v, "", " ")} does: fields in
 * declaration order, omitempty honoured, map keys sorted by bytes, empty arrays and objects as
 * {@code []} and {@code {}}, strings escaped with HTML safety ({@code <}, {@code >}, {@code &} as
 * {@code \u003c} ...), U+2028 and U+2029 escaped. No trailing newline. Supports the types
 * image-spec's {@code v1.Image} uses (no {@code []byte}, StrSlice or interface fields).
 */
public final class GoEncoder {
  private static final String INDENT = "    ";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out = new StringBuilder();

  private GoEncoder() {}

  /** The indented JSON of {@code value}. */
  public static String marshalIndent(GoStruct value) {
    GoEncoder encoder = new GoEncoder();
    encoder.value(value.type(), value, 0);
    return encoder.out.toString();
  }

  /** {@code text} as a Go JSON string literal, quotes included. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"', '\\' -> out.append('\\').append(c);
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
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
    return out.append('"').toString();
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  private void value(GoType type, @Nullable Object value, int level) {
    if (type instanceof GoType.Ptr ptr) {
      if (value == null) {
        out.append("null");
      } else {
        value(ptr.elem(), value, level);
      }
    } else if (type instanceof GoType.Struct struct) {
      struct(struct, (GoStruct) Objects.requireNonNull(value), level);
    } else if (type instanceof GoType.Slice slice) {
      slice(slice, (GoSlice) Objects.requireNonNull(value), level);
    } else if (type instanceof GoType.MapOf map) {
      map(map, castMap(value), level);
    } else {
      scalar((GoType.Scalar) type, value);
    }
  }

  private void scalar(GoType.Scalar type, @Nullable Object value) {
    switch (type) {
      case STRING -> out.append(quote((String) Objects.requireNonNull(value)));
      case BOOL, INT -> out.append(Objects.requireNonNull(value));
      case TIME ->
          out.append('"')
              .append(((GoTimestamp) Objects.requireNonNull(value)).format())
              .append('"');
      case BYTES, STR_SLICE, ANY ->
          // v1.Image has no such fields; re-encoding them exactly would need their original form.
          throw new IllegalArgumentException("marshalling " + type + " is not supported");
    }
  }

  private void struct(GoType.Struct type, GoStruct value, int level) {
    List<Integer> shown = new ArrayList<>();
    for (int i = 0; i < type.fields().size(); i++) {
      GoType.Field field = type.fields().get(i);
      if (!field.omitEmpty() || !isEmpty(field.type(), value.slot(i))) {
        shown.add(i);
      }
    }
    if (shown.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    for (int n = 0; n < shown.size(); n++) {
      GoType.Field field = type.fields().get(shown.get(n));
      newline(level + 1);
      out.append(quote(field.name())).append(": ");
      value(field.type(), value.slot(shown.get(n)), level + 1);
      if (n + 1 < shown.size()) {
        out.append(',');
      }
    }
    newline(level);
    out.append('}');
  }

  private void slice(GoType.Slice type, GoSlice value, int level) {
    if (value.isNil()) {
      out.append("null");
      return;
    }
    List<@Nullable Object> elements = value.elements();
    if (elements.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < elements.size(); i++) {
      newline(level + 1);
      Object element = elements.get(i);
      value(type.elem(), element != null ? element : GoDecoder.zero(type.elem()), level + 1);
      if (i + 1 < elements.size()) {
        out.append(',');
      }
    }
    newline(level);
    out.append(']');
  }

  private void map(GoType.MapOf type, @Nullable Map<String, @Nullable Object> value, int level) {
    if (value == null) {
      out.append("null");
      return;
    }
    if (value.isEmpty()) {
      out.append("{}");
      return;
    }
    List<String> keys = new ArrayList<>(value.keySet());
    keys.sort(GoNames::compareKeys);
    out.append('{');
    for (int i = 0; i < keys.size(); i++) {
      newline(level + 1);
      out.append(quote(keys.get(i))).append(": ");
      value(type.elem(), value.get(keys.get(i)), level + 1);
      if (i + 1 < keys.size()) {
        out.append(',');
      }
    }
    newline(level);
    out.append('}');
  }

  private void newline(int level) {
    out.append('\n');
    for (int i = 0; i < level; i++) {
      out.append(INDENT);
    }
  }

  /** Go's {@code isEmptyValue}: false, 0, "", nil, and zero-length slices, maps and strings. */
  private static boolean isEmpty(GoType type, @Nullable Object value) {
    if (value == null) {
      return true;
    }
    if (type instanceof GoType.Slice) {
      return ((GoSlice) value).length() == 0;
    }
    if (type instanceof GoType.MapOf) {
      return ((Map<?, ?>) value).isEmpty();
    }
    if (type instanceof GoType.Ptr || type instanceof GoType.Struct || type == GoType.Scalar.TIME) {
      return false;
    }
    return value.equals("") || value.equals(Boolean.FALSE) || value.equals(0L);
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Map<String, @Nullable Object> castMap(@Nullable Object value) {
    return (Map<String, @Nullable Object>) value;
  }
}
