package dev.spyglass.manifest.schema1.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Quote;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads fields of a JSON object the way Go's {@code encoding/json} fills a struct: a field matches
 * any member whose name equals it ignoring case, the last such member wins, {@code null} leaves the
 * field at its zero value, and a value of the wrong type is an error.
 *
 * <p>Errors are {@link InvalidManifestException}s with the rule and entry index given at
 * construction; their messages name the subject, e.g. {@code history[0].v1Compatibility}.
 */
public final class GoDecoder {
  private final String rule;
  private final int index;
  private final String subject;

  public GoDecoder(String rule, int index, String subject) {
    this.rule = rule;
    this.index = index;
    this.subject = subject;
  }

  /** A decoder for the object in member {@code name}, naming it {@code subject.name}. */
  public GoDecoder nested(String name) {
    return new GoDecoder(rule, index, subject + "." + name);
  }

  /** The member Go would decode into field {@code name}, or null when absent or JSON null. */
  public static @Nullable JsonElement member(JsonObject object, String name) {
    JsonElement found = null;
    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        found = entry.getValue();
      }
    }
    return found == null || found.isJsonNull() ? null : found;
  }

  /** A string field; absent or null gives {@code ""}. */
  public String string(JsonObject object, String name) throws InvalidManifestException {
    JsonElement value = member(object, name);
    if (value == null) {
      return "";
    }
    if (!isString(value)) {
      throw wrongType(name, value, "a string");
    }
    return value.getAsString();
  }

  /** A boolean field; absent or null gives false. */
  public boolean bool(JsonObject object, String name) throws InvalidManifestException {
    JsonElement value = member(object, name);
    if (value == null) {
      return false;
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
      throw wrongType(name, value, "true or false");
    }
    return value.getAsBoolean();
  }

  /** An integer field (Go {@code int}); absent or null gives 0. */
  public long integer(JsonObject object, String name) throws InvalidManifestException {
    JsonElement value = member(object, name);
    if (value == null) {
      return 0;
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      throw wrongType(name, value, "an integer");
    }
    try {
      return Long.parseLong(value.getAsString());
    } catch (NumberFormatException e) {
      throw wrongType(name, value, "an integer");
    }
  }

  /** An object field; absent or null gives null. */
  public @Nullable JsonObject object(JsonObject object, String name)
      throws InvalidManifestException {
    JsonElement value = member(object, name);
    if (value != null && !value.isJsonObject()) {
      throw wrongType(name, value, "an object");
    }
    return value == null ? null : value.getAsJsonObject();
  }

  /** An array field; absent or null gives null. */
  public @Nullable JsonArray array(JsonObject object, String name) throws InvalidManifestException {
    JsonElement value = member(object, name);
    if (value != null && !value.isJsonArray()) {
      throw wrongType(name, value, "an array");
    }
    return value == null ? null : value.getAsJsonArray();
  }

  /** A {@code []string} field; absent or null gives null, a null element gives {@code ""}. */
  public @Nullable List<String> strings(JsonObject object, String name)
      throws InvalidManifestException {
    JsonArray array = array(object, name);
    if (array == null) {
      return null;
    }
    List<String> result = new ArrayList<>(array.size());
    for (JsonElement element : array) {
      if (element.isJsonNull()) {
        result.add("");
      } else if (isString(element)) {
        result.add(element.getAsString());
      } else {
        throw wrongType(name, element, "a string in an array");
      }
    }
    return result;
  }

  /**
   * A Docker {@code strslice.StrSlice} field: an array of strings or a single string, which becomes
   * a one-element list; absent or null gives null.
   */
  public @Nullable List<String> stringOrStrings(JsonObject object, String name)
      throws InvalidManifestException {
    JsonElement value = member(object, name);
    return value != null && isString(value) ? List.of(value.getAsString()) : strings(object, name);
  }

  /** A {@code map[string]string} field, in member order; absent or null gives null. */
  public @Nullable Map<String, String> stringMap(JsonObject object, String name)
      throws InvalidManifestException {
    JsonObject map = object(object, name);
    if (map == null) {
      return null;
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> entry : map.entrySet()) {
      JsonElement value = entry.getValue();
      if (!value.isJsonNull() && !isString(value)) {
        throw wrongType(name + "." + entry.getKey(), value, "a string");
      }
      result.put(entry.getKey(), value.isJsonNull() ? "" : value.getAsString());
    }
    return result;
  }

  /**
   * The keys of a {@code map[string]struct{}} field (ports, volumes); absent or null gives null.
   */
  public @Nullable List<String> keySet(JsonObject object, String name)
      throws InvalidManifestException {
    JsonObject map = object(object, name);
    if (map == null) {
      return null;
    }
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, JsonElement> entry : map.entrySet()) {
      JsonElement value = entry.getValue();
      if (!value.isJsonNull() && !value.isJsonObject()) {
        throw wrongType(name + "." + entry.getKey(), value, "an object");
      }
      keys.add(entry.getKey());
    }
    return keys;
  }

  /** A {@code time.Time} field in RFC 3339; absent or null gives null. */
  public @Nullable OffsetDateTime time(JsonObject object, String name)
      throws InvalidManifestException {
    JsonElement value = member(object, name);
    if (value == null) {
      return null;
    }
    if (!isString(value)) {
      throw wrongType(name, value, "an RFC 3339 timestamp string");
    }
    return GoTime.parse(value.getAsString())
        .orElseThrow(
            () ->
                new InvalidManifestException(
                    rule,
                    index,
                    subject
                        + " field "
                        + Quote.of(name)
                        + " is "
                        + Quote.of(value.getAsString())
                        + ", not an RFC 3339 timestamp"));
  }

  private InvalidManifestException wrongType(String name, JsonElement value, String expected) {
    return new InvalidManifestException(
        rule,
        index,
        subject + " field " + Quote.of(name) + " is " + describe(value) + ", not " + expected);
  }

  private static boolean isString(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
  }

  private static String describe(JsonElement value) {
    if (value.isJsonObject()) {
      return "an object";
    }
    if (value.isJsonArray()) {
      return "an array";
    }
    if (value.isJsonNull()) {
      return "null";
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    if (primitive.isString()) {
      return "the string " + Quote.of(primitive.getAsString());
    }
    return (primitive.isBoolean() ? "the boolean " : "the number ") + primitive.getAsString();
  }
}
