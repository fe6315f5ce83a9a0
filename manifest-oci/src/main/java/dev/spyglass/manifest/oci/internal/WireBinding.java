package dev.spyglass.manifest.oci.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.spyglass.api.Quote;
import dev.spyglass.gojson.GoValue;
import dev.spyglass.manifest.oci.internal.json.ManifestJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Binds an already parsed manifest to the Gson wire classes, refusing every JSON value of the wrong
 * type (Gson would otherwise read numbers as strings and numeric strings as numbers).
 */
final class WireBinding {
  private static final Gson GSON =
      new GsonBuilder().registerTypeAdapterFactory(new StrictTypes()).disableJdkUnsafe().create();

  private WireBinding() {}

  /** The wire form of {@code root}, or {@link WrongType} naming the first mistyped field. */
  static ManifestJson bind(GoValue.Obj root) throws WrongType {
    try {
      return GSON.fromJson(toGson(root), ManifestJson.class);
    } catch (JsonParseException | IllegalStateException e) {
      // StrictTypes checks every token first, so this is not expected; still never let it escape.
      throw new WrongType("", "cannot be read: " + e.getMessage());
    }
  }

  private static JsonElement toGson(GoValue value) {
    if (value instanceof GoValue.Obj object) {
      JsonObject out = new JsonObject();
      for (GoValue.Member member : object.members()) {
        out.add(member.name(), toGson(member.value())); // a later duplicate replaces, as in Go
      }
      return out;
    }
    if (value instanceof GoValue.Arr array) {
      JsonArray out = new JsonArray();
      array.elements().forEach(element -> out.add(toGson(element)));
      return out;
    }
    if (value instanceof GoValue.Str s) {
      return new JsonPrimitive(s.value());
    }
    if (value instanceof GoValue.Num n) {
      return new JsonPrimitive(new LiteralNumber(n.literal()));
    }
    if (value instanceof GoValue.Bool b) {
      return new JsonPrimitive(b.value());
    }
    return JsonNull.INSTANCE;
  }

  /**
   * A JSON value of the wrong type at {@code path} ({@code layers[2].size}; empty for the root).
   */
  static final class WrongType extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    WrongType(String path, String message) {
      super(message);
      this.path = path;
    }

    String path() {
      return path;
    }
  }

  /** A number that remembers its literal, so that {@code 1.0} is not taken for an integer. */
  private static final class LiteralNumber extends Number {
    private static final long serialVersionUID = 1L;
    private final String literal;

    LiteralNumber(String literal) {
      this.literal = literal;
    }

    @Override
    public int intValue() {
      return (int) doubleValue();
    }

    @Override
    public long longValue() {
      return (long) doubleValue();
    }

    @Override
    public float floatValue() {
      return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
      return Double.parseDouble(literal);
    }

    @Override
    public String toString() {
      return literal;
    }
  }

  /** Checks the JSON token before any adapter reads it. */
  private static final class StrictTypes implements TypeAdapterFactory {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    @Override
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
      Class<?> raw = type.getRawType();
      if (raw == String.class || raw == Long.class) {
        return new ScalarAdapter<>(raw);
      }
      boolean array = List.class.isAssignableFrom(raw);
      boolean object = Map.class.isAssignableFrom(raw) || raw.isRecord();
      if (!array && !object) {
        return null;
      }
      TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
      JsonToken expected = array ? JsonToken.BEGIN_ARRAY : JsonToken.BEGIN_OBJECT;
      String description = array ? "an array" : "an object";
      return new TypeAdapter<T>() {
        @Override
        public @Nullable T read(JsonReader in) throws IOException {
          JsonToken token = in.peek();
          if (token == JsonToken.NULL) {
            in.nextNull();
            return null;
          }
          if (token != expected) {
            throw wrongType(in, token, description);
          }
          return delegate.read(in);
        }

        @Override
        public void write(JsonWriter out, T value) {
          throw new UnsupportedOperationException("wire classes are only read");
        }
      };
    }

    private static final class ScalarAdapter<T> extends TypeAdapter<T> {
      private final Class<?> type;

      ScalarAdapter(Class<?> type) {
        this.type = type;
      }

      @Override
      @SuppressWarnings("unchecked")
      public @Nullable T read(JsonReader in) throws IOException {
        JsonToken token = in.peek();
        if (token == JsonToken.NULL) {
          in.nextNull();
          return null;
        }
        if (type == String.class) {
          if (token != JsonToken.STRING) {
            throw wrongType(in, token, "a string");
          }
          return (T) in.nextString();
        }
        if (token != JsonToken.NUMBER) {
          throw wrongType(in, token, "an integer");
        }
        String path = path(in);
        String literal = in.nextString();
        if (INTEGER.matcher(literal).matches()) {
          try {
            return (T) Long.valueOf(literal);
          } catch (NumberFormatException e) {
            // out of range: reported below
          }
        }
        throw new WrongType(path, "is the number " + literal + ", expected an integer");
      }

      @Override
      public void write(JsonWriter out, T value) {
        throw new UnsupportedOperationException("wire classes are only read");
      }
    }

    private static WrongType wrongType(JsonReader in, JsonToken token, String expected)
        throws IOException {
      String path = path(in);
      String found =
          switch (token) {
            case BEGIN_ARRAY -> "an array";
            case BEGIN_OBJECT -> "an object";
            case STRING -> "the string " + Quote.of(in.nextString());
            case NUMBER -> "the number " + in.nextString();
            case BOOLEAN -> "the bool " + in.nextBoolean();
            default -> token.toString();
          };
      return new WrongType(path, "is " + found + ", expected " + expected);
    }

    private static String path(JsonReader in) {
      String path = in.getPath();
      return path.startsWith("$.") ? path.substring(2) : path.substring(1);
    }
  }
}
