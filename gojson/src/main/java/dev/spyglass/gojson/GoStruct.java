package dev.spyglass.gojson;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A decoded Go struct value: one slot per field of its {@link GoType.Struct}. Mutable, because Go
 * decodes later JSON members into the same struct; confined to one decoding.
 *
 * <p>Slot values: {@code String}, {@code Boolean}, {@code Long}, {@link GoTime}, {@link GoSlice},
 * {@code java.util.Map<String, Object>}, {@code GoStruct}, {@code java.util.List<String>}
 * (StrSlice), or null for a nil pointer, slice, map or interface.
 */
public final class GoStruct {
  private final GoType.Struct type;
  private final @Nullable Object[] values;

  GoStruct(GoType.Struct type) {
    this.type = type;
    this.values = new Object[type.fields().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Decoder.zero(type.fields().get(i).type());
    }
  }

  public GoType.Struct type() {
    return type;
  }

  /** The value of the field named exactly {@code name}. */
  public @Nullable Object get(String name) {
    return values[type.indexOf(name)];
  }

  /** The value of a string field. */
  public String string(String name) {
    return (String) Objects.requireNonNull(get(name), name);
  }

  /** The value of an integer field. */
  public long integer(String name) {
    return (Long) Objects.requireNonNull(get(name), name);
  }

  /** The value of a struct or pointer-to-struct field; null for a nil pointer. */
  public @Nullable GoStruct struct(String name) {
    return (GoStruct) get(name);
  }

  /** The value of a slice field. */
  public GoSlice slice(String name) {
    return (GoSlice) Objects.requireNonNull(get(name), name);
  }

  /** The value of a time or pointer-to-time field; null for a nil pointer. */
  public @Nullable GoTime time(String name) {
    return (GoTime) get(name);
  }

  /** The value of a map field; null for a nil map. */
  @SuppressWarnings("unchecked")
  public @Nullable Map<String, @Nullable Object> map(String name) {
    return (Map<String, @Nullable Object>) get(name);
  }

  @Nullable Object slot(int index) {
    return values[index];
  }

  void set(int index, @Nullable Object value) {
    values[index] = value;
  }

  @Override
  public String toString() {
    return type.name() + Arrays.toString(values);
  }
}
