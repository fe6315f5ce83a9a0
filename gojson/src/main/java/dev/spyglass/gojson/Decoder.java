package dev.spyglass.gojson;

import dev.spyglass.gojson.internal.MessageText;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a parsed JSON value into a Go struct shape with the semantics of Go 1.19's {@code
 * json.Unmarshal}: case-folded field matching, unknown members ignored, later duplicate members
 * decoded over earlier ones (maps merge, structs merge, slices reuse their backing array), {@code
 * null} handled per type. Where Go would return an error (a value of the wrong type, an integer out
 * of range, a bad time) this throws {@link GoJsonException} naming the field path.
 */
final class Decoder {
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

  private Decoder() {}

  /**
   * Decodes {@code root} as {@code json.Unmarshal(data, &v)} does for a fresh {@code v} of {@code
   * type}.
   */
  static GoStruct decode(GoValue root, GoType.Struct type) throws GoJsonException {
    return (GoStruct) Objects.requireNonNull(decode(type, root, new GoStruct(type), Path.ROOT));
  }

  /** The zero value of {@code type}, in the representation {@link GoStruct} documents. */
  static @Nullable Object zero(GoType type) {
    if (type instanceof GoType.Scalar scalar) {
      return switch (scalar) {
        case STRING -> "";
        case BOOL -> Boolean.FALSE;
        case INT -> 0L;
        case TIME -> GoTime.ZERO;
        case BYTES, STR_SLICE, ANY -> null;
      };
    }
    if (type instanceof GoType.Slice) {
      return GoSlice.nil();
    }
    if (type instanceof GoType.Struct struct) {
      return new GoStruct(struct);
    }
    return null; // pointer, map
  }

  private static @Nullable Object decode(
      GoType type, GoValue value, @Nullable Object current, Path path) throws GoJsonException {
    if (value instanceof GoValue.Null) {
      return decodeNull(type, current);
    }
    if (type instanceof GoType.Ptr ptr) {
      Object target = current != null ? current : zero(ptr.elem());
      return decode(ptr.elem(), value, target, path);
    }
    if (type instanceof GoType.Slice slice) {
      return decodeSlice(slice, value, (GoSlice) Objects.requireNonNull(current), path);
    }
    if (type instanceof GoType.MapOf map) {
      return decodeMap(map, value, castMap(current), path);
    }
    if (type instanceof GoType.Struct struct) {
      return decodeStruct(struct, value, (GoStruct) Objects.requireNonNull(current), path);
    }
    return decodeScalar((GoType.Scalar) type, value, path);
  }

  private static @Nullable Object decodeNull(GoType type, @Nullable Object current) {
    if (type instanceof GoType.Ptr || type instanceof GoType.MapOf) {
      return null;
    }
    if (type instanceof GoType.Slice) {
      return GoSlice.nil();
    }
    if (type == GoType.Scalar.BYTES
        || type == GoType.Scalar.STR_SLICE
        || type == GoType.Scalar.ANY) {
      return null;
    }
    return current; // string, bool, int, time.Time, struct: null is a no-op
  }

  private static Object decodeScalar(GoType.Scalar type, GoValue value, Path path)
      throws GoJsonException {
    switch (type) {
      case STRING:
        if (value instanceof GoValue.Str s) {
          return s.value();
        }
        break;
      case BOOL:
        if (value instanceof GoValue.Bool b) {
          return b.value();
        }
        break;
      case INT:
        if (value instanceof GoValue.Num n) {
          return parseInt(n.literal(), path);
        }
        break;
      case TIME:
        return decodeTime(value, path);
      case BYTES:
        if (value instanceof GoValue.Str s) {
          return decodeBase64(s, path);
        }
        break;
      case STR_SLICE:
        return decodeStrSlice(value, path);
      case ANY:
        return value;
    }
    throw wrongType(value, type, path);
  }

  private static long parseInt(String literal, Path path) throws GoJsonException {
    if (INTEGER.matcher(literal).matches()) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException e) {
        // out of range: reported below
      }
    }
    throw path.error("number " + literal + " is not a 64-bit integer", new GoValue.Num(literal));
  }

  private static GoTime decodeTime(GoValue value, Path path) throws GoJsonException {
    if (!(value instanceof GoValue.Str s)) {
      throw wrongType(value, GoType.Scalar.TIME, path);
    }
    if (!s.verbatim()) {
      throw path.error(
          "time "
              + MessageText.quote(s.value())
              + " is written with escape sequences or invalid UTF-8, which Go's time parser"
              + " refuses",
          value);
    }
    try {
      return GoTime.parse(s.value());
    } catch (GoJsonException e) {
      throw path.error(
          "time " + MessageText.quote(s.value()) + " is not RFC 3339: " + e.getMessage(), value);
    }
  }

  private static String decodeBase64(GoValue.Str value, Path path) throws GoJsonException {
    if (!isBase64(value.value())) {
      throw path.error("value is not valid base64", value);
    }
    return value.value();
  }

  /** Whether Go would decode {@code text} into a {@code []byte}: standard base64, CR/LF ignored. */
  static boolean isBase64(String text) {
    String compact = text.replace("\r", "").replace("\n", "");
    if (compact.length() % 4 != 0) {
      return false;
    }
    try {
      Base64.getDecoder().decode(compact);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<String> decodeStrSlice(GoValue value, Path path) throws GoJsonException {
    if (value instanceof GoValue.Str s) {
      return List.of(s.value());
    }
    if (value instanceof GoValue.Arr array) {
      List<String> out = new ArrayList<>();
      for (GoValue element : array.elements()) {
        if (element instanceof GoValue.Str s) {
          out.add(s.value());
        } else if (element instanceof GoValue.Null) {
          out.add("");
        } else {
          throw wrongType(value, GoType.Scalar.STR_SLICE, path);
        }
      }
      return List.copyOf(out);
    }
    throw wrongType(value, GoType.Scalar.STR_SLICE, path);
  }

  private static GoSlice decodeSlice(GoType.Slice type, GoValue value, GoSlice slice, Path path)
      throws GoJsonException {
    if (!(value instanceof GoValue.Arr array)) {
      throw wrongType(value, type, path);
    }
    if (array.elements().isEmpty()) {
      return GoSlice.empty();
    }
    GoSlice target = slice;
    int i = 0;
    for (GoValue element : array.elements()) {
      target.extendTo(i);
      Object current = target.get(i);
      if (current == null) {
        current = zero(type.elem());
      }
      target.set(i, decode(type.elem(), element, current, path.index(i)));
      i++;
    }
    if (i < target.length()) {
      target.truncate(i);
    }
    return target;
  }

  private static Map<String, @Nullable Object> decodeMap(
      GoType.MapOf type, GoValue value, @Nullable Map<String, @Nullable Object> map, Path path)
      throws GoJsonException {
    if (!(value instanceof GoValue.Obj object)) {
      throw wrongType(value, type, path);
    }
    Map<String, @Nullable Object> target = map != null ? map : new LinkedHashMap<>();
    for (GoValue.Member member : object.members()) {
      target.put(
          member.name(),
          decode(type.elem(), member.value(), zero(type.elem()), path.key(member.name())));
    }
    return target;
  }

  private static GoStruct decodeStruct(
      GoType.Struct type, GoValue value, GoStruct struct, Path path) throws GoJsonException {
    if (!(value instanceof GoValue.Obj object)) {
      throw wrongType(value, type, path);
    }
    for (GoValue.Member member : object.members()) {
      int index = type.fieldIndex(member.name());
      if (index >= 0) {
        GoType.Field field = type.fields().get(index);
        struct.set(
            index,
            decode(field.type(), member.value(), struct.slot(index), path.field(field.name())));
      }
    }
    return struct;
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Map<String, @Nullable Object> castMap(@Nullable Object value) {
    return (Map<String, @Nullable Object>) value;
  }

  private static GoJsonException wrongType(GoValue value, GoType type, Path path) {
    String found = value instanceof GoValue.Num n ? "number " + n.literal() : value.kind();
    return path.error("value is " + article(found) + ", expected " + type.describe(), value);
  }

  private static String article(String kind) {
    return kind.startsWith("array") || kind.startsWith("object") ? "an " + kind : "a " + kind;
  }

  /** Where a value is: the words of messages ({@code config.Env[0]}) and the segments. */
  private record Path(String text, List<String> segments) {
    static final Path ROOT = new Path("", List.of());

    Path field(String name) {
      return new Path(text.isEmpty() ? name : text + "." + name, with(name));
    }

    Path index(int i) {
      return new Path(text + "[" + i + "]", with(Integer.toString(i)));
    }

    Path key(String key) {
      return new Path(text + "[" + MessageText.quote(key) + "]", with(key));
    }

    GoJsonException error(String reason, GoValue found) {
      String at = text.isEmpty() ? "" : "field " + text + ": ";
      return new GoJsonException(at + reason, -1, segments, found);
    }

    private List<String> with(String segment) {
      List<String> out = new ArrayList<>(segments);
      out.add(segment);
      return out;
    }
  }
}
