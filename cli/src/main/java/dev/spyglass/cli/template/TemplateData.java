package dev.spyglass.cli.template;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spyglass.cli.output.JsonText;
import dev.spyglass.cli.output.InspectJson;
import dev.spyglass.gojson.GoJson;
import dev.spyglass.gojson.GoJsonException;
import dev.spyglass.gojson.GoTime;
import dev.spyglass.gojson.GoValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The value a {@code --format} template sees for one image: skopeo 1.9's {@code inspect.Output}
 * struct, built from the object {@link InspectJson} prints so that both show the same values, and
 * Go's rules for printing, testing ({@code if}) and measuring ({@code len}) its values.
 *
 * <p>Values are {@link String}, {@code List<String>}, a sorted {@code Map<String, String>}, {@link
 * GoTime} ({@code Created}, its offset as written), {@link Long} ({@code len}, integer literals), a
 * {@code TemplateData} (the image itself), or null: Go's "no value" (a missing map key read as a
 * field). A Go nil map or slice ({@code Labels} or {@code Env} absent from the config) prints,
 * tests and measures like an empty one, so it is held as one. Immutable.
 */
public final class TemplateData {
  /** What a template expression evaluates to; {@link GoTemplate} checks kinds when it parses. */
  enum Kind {
    IMAGE("the image"),
    STRING("a string"),
    LIST("a list"),
    MAP("a map"),
    TIME("a time"),
    INT("an integer");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  /** The fields of skopeo 1.9's {@code inspect.Output}, in declaration order (Go prints in it). */
  static final Map<String, Kind> FIELDS = fields();

  /** Go sorts map keys byte-wise in UTF-8, which is code point order. */
  static final Comparator<String> GO_ORDER = GoJson.KEY_ORDER;

  private final Map<String, @Nullable Object> values;
  private final JsonObject inspection;

  private TemplateData(Map<String, @Nullable Object> values, JsonObject inspection) {
    this.values = values;
    this.inspection = inspection;
  }

  /** The data of the image {@code inspection} describes ({@link InspectJson#of}'s object). */
  public static TemplateData of(JsonObject inspection) {
    Map<String, @Nullable Object> values = new HashMap<>();
    FIELDS.forEach(
        (name, kind) -> {
          JsonElement e = inspection.get(name);
          boolean absent = e == null || e.isJsonNull();
          Object value;
          switch (kind) {
            case STRING -> value = absent ? "" : e.getAsString();
            case LIST -> {
              List<String> list = new ArrayList<>();
              if (!absent) {
                e.getAsJsonArray().forEach(item -> list.add(item.getAsString()));
              }
              value = Collections.unmodifiableList(list);
            }
            case MAP -> {
              SortedMap<String, String> map = new TreeMap<>(GO_ORDER);
              if (!absent) {
                e.getAsJsonObject()
                    .entrySet()
                    .forEach(x -> map.put(x.getKey(), x.getValue().getAsString()));
              }
              value = Collections.unmodifiableSortedMap(map);
            }
            case TIME -> value = absent ? null : time(e.getAsString());
            default -> throw new IllegalStateException("field " + name + " has kind " + kind);
          }
          values.put(name, value);
        });
    return new TemplateData(values, inspection.deepCopy());
  }

  /**
   * What {@code {{json value}}} prints: compact JSON, map keys sorted, HTML characters not escaped,
   * as the {@code json} function of skopeo 1.10 and later (1.9 has none); the image itself is its
   * inspect JSON.
   */
  static String json(@Nullable Object value) {
    return GoJson.marshalWithoutHtmlEscaping(toGo(value));
  }

  private static GoValue toGo(@Nullable Object value) {
    if (value == null) {
      return GoValue.NULL;
    } else if (value instanceof TemplateData data) {
      return JsonText.toGo(data.inspection);
    } else if (value instanceof String text) {
      return GoValue.string(text);
    } else if (value instanceof Long number) {
      return GoValue.number(number);
    } else if (value instanceof GoTime time) {
      return GoValue.string(time.format());
    } else if (value instanceof Map<?, ?> map) {
      Map<String, GoValue> members = new LinkedHashMap<>();
      map.forEach((k, v) -> members.put(String.valueOf(k), toGo(v)));
      return GoValue.sortedObject(members);
    }
    List<GoValue> elements = new ArrayList<>();
    ((List<?>) value).forEach(item -> elements.add(toGo(item)));
    return new GoValue.Arr(elements);
  }

  /** {@code Created} as {@link InspectJson} printed it. */
  private static GoTime time(String printed) {
    try {
      return GoTime.parse(printed);
    } catch (GoJsonException e) {
      throw new IllegalStateException(
          "Created " + printed + " is not RFC 3339: " + e.getMessage(), e);
    }
  }

  /** The value of one of {@link #FIELDS}. */
  @Nullable Object field(String name) {
    if (!FIELDS.containsKey(name)) {
      throw new IllegalArgumentException("no field \"" + name + "\"");
    }
    return values.get(name);
  }

  /** What {@code {{value}}} prints: Go's {@code fmt.Print}, and {@code <no value>} for no value. */
  static String print(@Nullable Object value) {
    return value == null ? "<no value>" : format(value);
  }

  /** Go's truth: false for no value, empty strings, lists and maps, and 0. */
  static boolean truth(@Nullable Object value) {
    if (value == null) {
      return false;
    } else if (value instanceof String s) {
      return !s.isEmpty();
    } else if (value instanceof List<?> l) {
      return !l.isEmpty();
    } else if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    } else if (value instanceof Long n) {
      return n != 0;
    }
    return true; // a time or the image: Go structs are always true
  }

  /** Go's {@code len}: bytes of a string (UTF-8), items of a list or map. */
  static long length(Object value) {
    if (value instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8).length;
    } else if (value instanceof List<?> l) {
      return l.size();
    } else if (value instanceof Map<?, ?> m) {
      return m.size();
    }
    throw new IllegalArgumentException("len of " + value.getClass().getSimpleName());
  }

  private static String format(@Nullable Object value) {
    if (value == null) {
      return "<nil>"; // a nil *time.Time inside the struct
    } else if (value instanceof String || value instanceof Long) {
      return value.toString();
    } else if (value instanceof GoTime t) {
      return t.toString();
    } else if (value instanceof List<?> list) {
      StringJoiner s = new StringJoiner(" ", "[", "]");
      list.forEach(item -> s.add(format(item)));
      return s.toString();
    } else if (value instanceof Map<?, ?> map) {
      StringJoiner s = new StringJoiner(" ", "map[", "]");
      map.forEach((k, v) -> s.add(format(k) + ":" + format(v)));
      return s.toString();
    } else if (value instanceof TemplateData data) {
      StringJoiner s = new StringJoiner(" ", "{", "}");
      FIELDS.keySet().forEach(name -> s.add(format(data.values.get(name))));
      return s.toString();
    }
    throw new IllegalArgumentException("no Go form for " + value.getClass().getSimpleName());
  }

  private static Map<String, Kind> fields() {
    Map<String, Kind> fields = new LinkedHashMap<>();
    fields.put("Name", Kind.STRING);
    fields.put("Tag", Kind.STRING);
    fields.put("Digest", Kind.STRING);
    fields.put("RepoTags", Kind.LIST);
    fields.put("Created", Kind.TIME);
    fields.put("DockerVersion", Kind.STRING);
    fields.put("Labels", Kind.MAP);
    fields.put("Architecture", Kind.STRING);
    fields.put("Os", Kind.STRING);
    fields.put("Layers", Kind.LIST);
    fields.put("Env", Kind.LIST);
    return Collections.unmodifiableMap(fields);
  }
}
