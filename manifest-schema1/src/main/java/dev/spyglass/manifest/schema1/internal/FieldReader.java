package dev.spyglass.manifest.schema1.internal;

import static dev.spyglass.gojson.GoType.Scalar.BOOL;
import static dev.spyglass.gojson.GoType.Scalar.INT;
import static dev.spyglass.gojson.GoType.Scalar.STRING;
import static dev.spyglass.gojson.GoType.Scalar.STR_SLICE;
import static dev.spyglass.gojson.GoType.Scalar.TIME;

import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Quote;
import dev.spyglass.gojson.GoJson;
import dev.spyglass.gojson.GoJsonException;
import dev.spyglass.gojson.GoSlice;
import dev.spyglass.gojson.GoTime;
import dev.spyglass.gojson.GoType;
import dev.spyglass.gojson.GoValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads fields of a JSON object as Go's {@code encoding/json} fills a struct, through {@link
 * GoJson#decodeField} (Go's one rule for repeated and case-folded members), and words its refusals
 * as {@link InvalidManifestException}s with the rule and entry index given at construction, naming
 * the subject, e.g. {@code history[0].v1Compatibility field "created" is 7, not ...}.
 */
public final class FieldReader {
  private static final GoType STRINGS = new GoType.Slice(STRING);
  private static final GoType STRING_MAP = new GoType.MapOf(STRING);
  private static final GoType KEY_SET = new GoType.MapOf(GoType.Struct.of("struct{}"));

  private final String rule;
  private final int index;
  private final String subject;

  public FieldReader(String rule, int index, String subject) {
    this.rule = rule;
    this.index = index;
    this.subject = subject;
  }

  /** A reader for the object in member {@code name}, naming it {@code subject.name}. */
  public FieldReader nested(String name) {
    return new FieldReader(rule, index, subject + "." + name);
  }

  /**
   * The value Go decodes into an {@code interface{}} field {@code name}: the last matching member;
   * empty when there is none or it is null.
   */
  public static Optional<GoValue> member(GoValue.Obj object, String name) {
    try {
      return Optional.ofNullable((GoValue) GoJson.decodeField(object, name, GoType.Scalar.ANY));
    } catch (GoJsonException e) {
      throw new IllegalStateException("an interface{} field takes every value", e);
    }
  }

  /** The text of a JSON string, number or boolean; empty for other values. */
  public static Optional<String> primitiveText(GoValue value) {
    if (value instanceof GoValue.Str s) {
      return Optional.of(s.value());
    } else if (value instanceof GoValue.Num n) {
      return Optional.of(n.literal());
    } else if (value instanceof GoValue.Bool b) {
      return Optional.of(Boolean.toString(b.value()));
    }
    return Optional.empty();
  }

  /** A string field; absent or null gives {@code ""}. */
  public String string(GoValue.Obj object, String name) throws InvalidManifestException {
    return (String) Objects.requireNonNull(decode(object, name, STRING, "a string", ""));
  }

  /** A boolean field; absent or null gives false. */
  public boolean bool(GoValue.Obj object, String name) throws InvalidManifestException {
    return (Boolean) Objects.requireNonNull(decode(object, name, BOOL, "true or false", ""));
  }

  /** An integer field (Go {@code int}); absent or null gives 0. */
  public long integer(GoValue.Obj object, String name) throws InvalidManifestException {
    return (Long) Objects.requireNonNull(decode(object, name, INT, "an integer", ""));
  }

  /** A pointer-to-struct field, as {@link GoJson#decodeObjectField}; absent or null gives null. */
  public GoValue.@Nullable Obj object(GoValue.Obj object, String name)
      throws InvalidManifestException {
    try {
      return GoJson.decodeObjectField(object, name).orElse(null);
    } catch (GoJsonException e) {
      throw refusal(e, name, "an object", "");
    }
  }

  /** A {@code []string} field; absent or null gives null, a null element gives {@code ""}. */
  public @Nullable List<String> strings(GoValue.Obj object, String name)
      throws InvalidManifestException {
    GoSlice slice = (GoSlice) decode(object, name, STRINGS, "an array", "a string in an array");
    return Objects.requireNonNull(slice).isNil() ? null : texts(slice.elements());
  }

  /**
   * A Docker {@code strslice.StrSlice} field: an array of strings or a single string, which becomes
   * a one-element list; absent or null gives null.
   */
  @SuppressWarnings("unchecked")
  public @Nullable List<String> stringOrStrings(GoValue.Obj object, String name)
      throws InvalidManifestException {
    return (List<String>) decode(object, name, STR_SLICE, "an array", "a string in an array");
  }

  /** A {@code map[string]string} field, in member order; absent or null gives null. */
  public @Nullable Map<String, String> stringMap(GoValue.Obj object, String name)
      throws InvalidManifestException {
    Map<?, ?> map = (Map<?, ?>) decode(object, name, STRING_MAP, "an object", "a string");
    if (map == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((key, value) -> out.put((String) key, (String) value));
    return out;
  }

  /**
   * The keys of a {@code map[string]struct{}} field (ports, volumes); absent or null gives null.
   */
  public @Nullable List<String> keySet(GoValue.Obj object, String name)
      throws InvalidManifestException {
    Map<?, ?> map = (Map<?, ?>) decode(object, name, KEY_SET, "an object", "an object");
    return map == null ? null : texts(new ArrayList<>(map.keySet()));
  }

  /** A {@code time.Time} field in RFC 3339; absent or null gives Go's zero time. */
  public GoTime time(GoValue.Obj object, String name) throws InvalidManifestException {
    return (GoTime) Objects.requireNonNull(decodeTime(object, name, TIME));
  }

  /** A {@code *time.Time} field in RFC 3339; absent or null gives null. */
  public @Nullable GoTime optionalTime(GoValue.Obj object, String name)
      throws InvalidManifestException {
    return (GoTime) decodeTime(object, name, new GoType.Ptr(TIME));
  }

  /**
   * The refusal of a value decoded from {@code object}: {@code path} as {@link
   * GoJsonException#path}, {@code expected} what the field takes, {@code element} what its elements
   * or map values take.
   */
  public InvalidManifestException refusal(
      GoJsonException e, String name, String expected, String element) {
    List<String> path = e.path();
    GoValue found = e.found().orElse(GoValue.NULL);
    if (path.size() == 2 && element.equals("a string in an array")) {
      return wrongType(name, found, element);
    }
    if (path.size() == 2) {
      return wrongType(name + "." + path.get(1), found, element);
    }
    if (found instanceof GoValue.Arr array && element.equals("a string in an array")) {
      for (GoValue item : array.elements()) {
        if (!(item instanceof GoValue.Str) && !(item instanceof GoValue.Null)) {
          return wrongType(name, item, element);
        }
      }
    }
    return wrongType(name, found, expected);
  }

  private @Nullable Object decode(
      GoValue.Obj object, String name, GoType type, String expected, String element)
      throws InvalidManifestException {
    try {
      return GoJson.decodeField(object, name, type);
    } catch (GoJsonException e) {
      throw refusal(e, name, expected, element);
    }
  }

  private @Nullable Object decodeTime(GoValue.Obj object, String name, GoType type)
      throws InvalidManifestException {
    try {
      return GoJson.decodeField(object, name, type);
    } catch (GoJsonException e) {
      if (e.found().orElse(GoValue.NULL) instanceof GoValue.Str text) {
        throw new InvalidManifestException(
            rule,
            index,
            subject
                + " field "
                + Quote.of(name)
                + " is "
                + Quote.of(text.value())
                + ", not an RFC 3339 timestamp");
      }
      throw refusal(e, name, "an RFC 3339 timestamp string", "");
    }
  }

  private InvalidManifestException wrongType(String name, GoValue value, String expected) {
    return new InvalidManifestException(
        rule,
        index,
        subject + " field " + Quote.of(name) + " is " + describe(value) + ", not " + expected);
  }

  private static List<String> texts(List<?> values) {
    List<String> out = new ArrayList<>(values.size());
    values.forEach(value -> out.add(value == null ? "" : (String) value));
    return out;
  }

  private static String describe(GoValue value) {
    if (value instanceof GoValue.Str s) {
      return "the string " + Quote.of(s.value());
    } else if (value instanceof GoValue.Bool b) {
      return "the boolean " + b.value();
    } else if (value instanceof GoValue.Num n) {
      return "the number " + n.literal();
    }
    return value instanceof GoValue.Null ? "null" : "an " + value.kind();
  }
}
