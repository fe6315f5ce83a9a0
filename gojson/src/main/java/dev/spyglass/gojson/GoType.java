package dev.spyglass.gojson;

import dev.spyglass.gojson.internal.Names;
import java.util.List;

/**
 * The shape of a Go type that JSON is decoded into, enough to reproduce {@code json.Unmarshal}:
 * which JSON values it accepts, what {@code null} does to it, and how it is marshalled back.
 */
public sealed interface GoType {

  /** Words used in error messages: what a value of this type looks like in JSON. */
  String describe();

  /** Types that are one JSON value. */
  enum Scalar implements GoType {
    /** {@code string}: a JSON string; {@code null} leaves it unchanged. */
    STRING("a string"),
    /** {@code bool}: true or false; {@code null} leaves it unchanged. */
    BOOL("true or false"),
    /**
     * {@code int} / {@code int64}: an integer literal in range; {@code null} leaves it unchanged.
     */
    INT("an integer"),
    /**
     * {@code time.Time}: the raw JSON text must be a quoted RFC 3339 time; {@code null} is a no-op.
     */
    TIME("an RFC 3339 time string"),
    /** {@code []byte}: a base64 string; {@code null} sets nil. */
    BYTES("a base64 string"),
    /**
     * Docker's {@code strslice.StrSlice}: a string or an array of strings; {@code null} sets nil.
     */
    STR_SLICE("a string or an array of strings"),
    /** {@code any}: every value; {@code null} sets nil. */
    ANY("any value");

    private final String description;

    Scalar(String description) {
      this.description = description;
    }

    @Override
    public String describe() {
      return description;
    }
  }

  /** A pointer: {@code null} sets nil, anything else is decoded into the (allocated) target. */
  record Ptr(GoType elem) implements GoType {
    @Override
    public String describe() {
      return elem.describe();
    }
  }

  /**
   * A slice: an array, decoded over the existing backing array as Go does; {@code null} sets nil.
   */
  record Slice(GoType elem) implements GoType {
    @Override
    public String describe() {
      return elem == Scalar.STRING ? "an array of strings" : "an array";
    }
  }

  /** A map with string keys: an object merged into the existing map; {@code null} sets nil. */
  record MapOf(GoType elem) implements GoType {
    @Override
    public String describe() {
      return elem == Scalar.STRING ? "an object of strings" : "an object";
    }
  }

  /** A struct: an object whose members are matched to fields; {@code null} leaves it unchanged. */
  record Struct(String name, List<Field> fields) implements GoType {
    public Struct {
      fields = List.copyOf(fields);
    }

    /** A struct with these fields, in declaration order. */
    public static Struct of(String name, Field... fields) {
      return new Struct(name, List.of(fields));
    }

    @Override
    public String describe() {
      return "an object";
    }

    /**
     * The index of the field Go decodes member {@code key} into: the field of exactly that name,
     * else the first whose name equals it under Go's case folding; -1 when none (the member is
     * ignored).
     */
    public int fieldIndex(String key) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(key)) {
          return i;
        }
      }
      for (int i = 0; i < fields.size(); i++) {
        if (Names.foldEquals(fields.get(i).name(), key)) {
          return i;
        }
      }
      return -1;
    }

    /** The index of the field named exactly {@code name}. */
    public int indexOf(String name) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(name)) {
          return i;
        }
      }
      throw new IllegalArgumentException("struct " + this.name + " has no field " + name);
    }
  }

  /** A struct field: its JSON name (the tag) and whether it is marshalled with omitempty. */
  record Field(String name, GoType type, boolean omitEmpty) {
    /** A field without omitempty. */
    public static Field of(String name, GoType type) {
      return new Field(name, type, false);
    }

    /** A field with omitempty. */
    public static Field omitEmpty(String name, GoType type) {
      return new Field(name, type, true);
    }
  }
}
