package dev.spyglass.manifest.oci.internal.gojson;

import java.util.List;

/**
 * A parsed JSON value. Objects keep every member in document order, duplicates included, because Go
 * decodes each one in turn.
 */
public sealed interface GoValue {

  /**
   * The JSON type, as Go names it in unmarshal errors: object, array, string, number, bool, null.
   */
  String kind();

  /** A JSON object; {@code members} in document order, duplicates kept. */
  record Obj(List<Member> members) implements GoValue {
    public Obj {
      members = List.copyOf(members);
    }

    @Override
    public String kind() {
      return "object";
    }
  }

  /** One {@code "name": value} pair of an object. */
  record Member(String name, GoValue value) {}

  /** A JSON array. */
  record Arr(List<GoValue> elements) implements GoValue {
    public Arr {
      elements = List.copyOf(elements);
    }

    @Override
    public String kind() {
      return "array";
    }
  }

  /**
   * A JSON string, decoded as Go decodes it. {@code verbatim} says whether the bytes between the
   * quotes are exactly the UTF-8 of {@code value} (no escapes, no invalid UTF-8): Go hands such raw
   * bytes, not the decoded value, to {@code time.Time.UnmarshalJSON}.
   */
  record Str(String value, boolean verbatim) implements GoValue {
    @Override
    public String kind() {
      return "string";
    }
  }

  /** A JSON number, kept as its literal text. */
  record Num(String literal) implements GoValue {
    @Override
    public String kind() {
      return "number";
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(boolean value) implements GoValue {
    @Override
    public String kind() {
      return "bool";
    }
  }

  /** {@code null}. */
  record Null() implements GoValue {
    public static final Null INSTANCE = new Null();

    @Override
    public String kind() {
      return "null";
    }
  }
}
