package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares Spyglass's JSON with skopeo's, key for key and value for value, and reports the first
 * difference by its path ({@code $.Labels.maintainer}), so that a failure says what to fix.
 */
final class JsonParity {
  private JsonParity() {}

  static JsonElement parse(String who, String text) {
    try {
      return JsonParser.parseString(text);
    } catch (JsonSyntaxException e) {
      return fail(who + " printed invalid JSON (" + e.getMessage() + "):\n" + text);
    }
  }

  /** Fails unless both hold the same values; object keys may come in any order. */
  static void assertSameValues(JsonElement skopeo, JsonElement spyglass) {
    assertSame(skopeo, spyglass, false);
  }

  /** Fails unless both hold the same values with object keys in the same order. */
  static void assertSameValuesInSameOrder(JsonElement skopeo, JsonElement spyglass) {
    assertSame(skopeo, spyglass, true);
  }

  private static void assertSame(JsonElement skopeo, JsonElement spyglass, boolean keyOrder) {
    List<String> differences = new ArrayList<>();
    compare("$", skopeo, spyglass, keyOrder, differences);
    if (!differences.isEmpty()) {
      fail(
          "Spyglass differs from skopeo: "
              + String.join("; ", differences)
              + "\nskopeo:   "
              + skopeo
              + "\nspyglass: "
              + spyglass);
    }
  }

  private static void compare(
      String path,
      JsonElement skopeo,
      JsonElement spyglass,
      boolean keyOrder,
      List<String> differences) {
    if (skopeo.isJsonObject() && spyglass.isJsonObject()) {
      JsonObject a = skopeo.getAsJsonObject();
      JsonObject b = spyglass.getAsJsonObject();
      if (keyOrder
          && a.keySet().containsAll(b.keySet())
          && b.keySet().containsAll(a.keySet())
          && !List.copyOf(a.keySet()).equals(List.copyOf(b.keySet()))) {
        differences.add(path + " keys in order " + b.keySet() + ", skopeo " + a.keySet());
      }
      for (Map.Entry<String, JsonElement> entry : a.entrySet()) {
        if (!b.has(entry.getKey())) {
          differences.add(
              path + "." + entry.getKey() + " missing (skopeo: " + entry.getValue() + ")");
        } else {
          compare(
              path + "." + entry.getKey(),
              entry.getValue(),
              b.get(entry.getKey()),
              keyOrder,
              differences);
        }
      }
      for (Map.Entry<String, JsonElement> entry : b.entrySet()) {
        if (!a.has(entry.getKey())) {
          differences.add(
              path + "." + entry.getKey() + " is extra (spyglass: " + entry.getValue() + ")");
        }
      }
    } else if (skopeo.isJsonArray() && spyglass.isJsonArray()) {
      JsonArray a = skopeo.getAsJsonArray();
      JsonArray b = spyglass.getAsJsonArray();
      if (a.size() != b.size()) {
        differences.add(
            path + " has " + b.size() + " elements, skopeo " + a.size() + ": " + b + " vs " + a);
        return;
      }
      for (int i = 0; i < a.size(); i++) {
        compare(path + "[" + i + "]", a.get(i), b.get(i), keyOrder, differences);
      }
    } else if (!skopeo.equals(spyglass)) {
      differences.add(path + " is " + spyglass + ", skopeo " + skopeo);
    }
  }

  /** Sorts the array at top-level {@code key}, for fields whose order skopeo does not fix. */
  static JsonElement sortArray(JsonElement document, String key) {
    JsonElement copy = document.deepCopy();
    if (copy.isJsonObject()
        && copy.getAsJsonObject().has(key)
        && copy.getAsJsonObject().get(key).isJsonArray()) {
      List<JsonElement> values =
          new ArrayList<>(copy.getAsJsonObject().getAsJsonArray(key).asList());
      values.sort((x, y) -> x.toString().compareTo(y.toString()));
      JsonArray sorted = new JsonArray();
      values.forEach(sorted::add);
      copy.getAsJsonObject().add(key, sorted);
    }
    return copy;
  }
}
