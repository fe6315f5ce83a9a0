package dev.spyglass.gojson;

import dev.spyglass.gojson.internal.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON value as Go's {@code encoding/json} sees it: what {@link GoJson#parse} returns and what
 * {@link GoJson#marshal} and {@link GoJson#marshalIndent} write. Objects keep every member in
 * document order, duplicates included, because Go decodes each one in turn; {@link GoJson#decode}
 * applies Go's rule to them.
 */
public sealed interface GoValue {

  /** JSON {@code null}. */
  GoValue NULL = Null.INSTANCE;

  /**
   * The JSON type, as Go names it in unmarshal errors: object, array, string, number, bool, null
   * (raw JSON reports the type of its text).
   */
  String kind();

  /**
   * A string, {@linkplain Str#verbatim verbatim} when Go writes it without escapes, so that
   * decoding a built tree is decoding what {@link GoJson#marshal} writes for it.
   */
  static GoValue string(String value) {
    return new Str(value, GoJson.quote(value).length() == value.length() + 2);
  }

  /** An integer. */
  static GoValue number(long value) {
    return new Num(Long.toString(value));
  }

  /** {@code true} or {@code false}. */
  static GoValue bool(boolean value) {
    return new Bool(value);
  }

  /** An array of strings. */
  static GoValue strings(List<String> values) {
    List<GoValue> elements = new ArrayList<>(values.size());
    values.forEach(value -> elements.add(string(value)));
    return new Arr(elements);
  }

  /**
   * An object with the members of {@code map} in Go's map order (keys sorted by their UTF-8 bytes),
   * as Go marshals a {@code map[string]T}.
   */
  static Obj sortedObject(Map<String, ? extends GoValue> map) {
    List<String> keys = new ArrayList<>(map.keySet());
    keys.sort(GoJson.KEY_ORDER);
    List<Member> members = new ArrayList<>(keys.size());
    keys.forEach(key -> members.add(new Member(key, map.get(key))));
    return new Obj(members);
  }

  /** A JSON object; {@code members} in document order, duplicates kept. */
  record Obj(List<Member> members) implements GoValue {
    public Obj {
      members = List.copyOf(members);
    }

    /** A builder of an object whose members are written in the order they are added. */
    public static Builder builder() {
      return new Builder();
    }

    @Override
    public String kind() {
      return "object";
    }

    /**
     * The value Go puts in a {@code map[string]T} under {@code key}: the last member of exactly
     * that name; empty when there is none.
     */
    public Optional<GoValue> get(String key) {
      GoValue found = null;
      for (Member member : members) {
        if (member.name().equals(key)) {
          found = member.value();
        }
      }
      return Optional.ofNullable(found);
    }

    /**
     * The last member Go matches to a struct field named {@code field} (an ASCII name): a key equal
     * to it, or equal under Go's case folding; empty when there is none. To decode a field with all
     * of Go's rules (merging, {@code null} per type) use {@link GoJson#decodeField}.
     */
    public Optional<GoValue> lastMatch(String field) {
      GoValue found = null;
      for (Member member : members) {
        if (member.name().equals(field) || Names.foldEquals(field, member.name())) {
          found = member.value();
        }
      }
      return Optional.ofNullable(found);
    }

    /** Collects members in order; {@link #build} makes the object. */
    public static final class Builder {
      private final List<Member> members = new ArrayList<>();

      private Builder() {}

      /** Adds {@code name: value}. */
      public Builder put(String name, GoValue value) {
        members.add(new Member(name, value));
        return this;
      }

      /** Adds {@code name: "value"}. */
      public Builder put(String name, String value) {
        return put(name, string(value));
      }

      /** Adds {@code name: "value"} unless {@code value} is empty, as Go's {@code omitempty}. */
      public Builder putOmitEmpty(String name, String value) {
        return value.isEmpty() ? this : put(name, string(value));
      }

      /** Whether nothing was added yet. */
      public boolean isEmpty() {
        return members.isEmpty();
      }

      public Obj build() {
        return new Obj(members);
      }
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
   * quotes were exactly the UTF-8 of {@code value} (no escapes, no invalid UTF-8): Go hands such
   * raw bytes, not the decoded value, to {@code time.Time.UnmarshalJSON}.
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
    static final Null INSTANCE = new Null();

    @Override
    public String kind() {
      return "null";
    }
  }

  /**
   * JSON text kept as written, as Go's {@code json.RawMessage}: marshalled compacted and with HTML
   * characters escaped ({@link GoJson#compact}), every other byte and escape as written. The text
   * must be one valid JSON value (see {@link GoJson#rawMembers}).
   */
  record Raw(String json) implements GoValue {
    @Override
    public String kind() {
      return "raw JSON";
    }
  }
}
