package dev.spyglass.gojson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns a decoded struct into the {@link GoValue} Go 1.19's {@code json.Marshal} writes for it:
 * fields in declaration order, omitempty honoured, map keys sorted by bytes, nil slices, maps and
 * pointers as {@code null}, times as RFC 3339 strings. Supports the types image-spec's {@code
 * v1.Image} uses (no {@code []byte}, StrSlice or interface fields).
 */
final class Encoder {
  private Encoder() {}

  static GoValue value(GoStruct struct) {
    return value(struct.type(), struct);
  }

  private static GoValue value(GoType type, @Nullable Object value) {
    if (type instanceof GoType.Ptr ptr) {
      return value == null ? GoValue.NULL : value(ptr.elem(), value);
    } else if (type instanceof GoType.Struct struct) {
      return struct(struct, (GoStruct) Objects.requireNonNull(value));
    } else if (type instanceof GoType.Slice slice) {
      return slice(slice, (GoSlice) Objects.requireNonNull(value));
    } else if (type instanceof GoType.MapOf map) {
      return map(map, castMap(value));
    }
    return scalar((GoType.Scalar) type, value);
  }

  private static GoValue scalar(GoType.Scalar type, @Nullable Object value) {
    return switch (type) {
      case STRING -> GoValue.string((String) Objects.requireNonNull(value));
      case BOOL -> GoValue.bool((Boolean) Objects.requireNonNull(value));
      case INT -> GoValue.number((Long) Objects.requireNonNull(value));
      case TIME -> GoValue.string(((GoTime) Objects.requireNonNull(value)).format());
      case BYTES, STR_SLICE, ANY ->
          // v1.Image has no such fields; re-encoding them exactly would need their original form.
          throw new IllegalArgumentException("marshalling " + type + " is not supported");
    };
  }

  private static GoValue struct(GoType.Struct type, GoStruct value) {
    GoValue.Obj.Builder out = GoValue.Obj.builder();
    for (int i = 0; i < type.fields().size(); i++) {
      GoType.Field field = type.fields().get(i);
      if (!field.omitEmpty() || !isEmpty(field.type(), value.slot(i))) {
        out.put(field.name(), value(field.type(), value.slot(i)));
      }
    }
    return out.build();
  }

  private static GoValue slice(GoType.Slice type, GoSlice value) {
    if (value.isNil()) {
      return GoValue.NULL;
    }
    List<GoValue> elements = new ArrayList<>();
    for (Object element : value.elements()) {
      elements.add(value(type.elem(), element != null ? element : Decoder.zero(type.elem())));
    }
    return new GoValue.Arr(elements);
  }

  private static GoValue map(GoType.MapOf type, @Nullable Map<String, @Nullable Object> value) {
    if (value == null) {
      return GoValue.NULL;
    }
    Map<String, GoValue> members = new LinkedHashMap<>();
    value.forEach((key, element) -> members.put(key, value(type.elem(), element)));
    return GoValue.sortedObject(members);
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
