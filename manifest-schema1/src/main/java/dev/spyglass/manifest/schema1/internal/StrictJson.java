package dev.spyglass.manifest.schema1.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses JSON as strictly as Go's {@code encoding/json} does (RFC 8259: no comments, no single
 * quotes, no trailing data), into Gson trees whose objects keep member order.
 */
public final class StrictJson {
  private static final Gson GSON = new Gson();
  private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

  private StrictJson() {}

  /** Parses {@code text}; the exception message says where the text stops being JSON. */
  public static JsonElement parse(String text) throws MalformedJson {
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      JsonElement element = GSON.getAdapter(JsonElement.class).read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new MalformedJson("has data after the JSON value");
      }
      return element;
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new MalformedJson(describe(e));
    }
  }

  /** Parses UTF-8 {@code bytes}; malformed UTF-8 becomes U+FFFD, as in Go. */
  public static JsonElement parse(byte[] bytes) throws MalformedJson {
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  /** The JSON object in {@code bytes}, or empty when they are not one. */
  public static Optional<JsonObject> tryObject(byte[] bytes) {
    try {
      JsonElement element = parse(bytes);
      return element.isJsonObject() ? Optional.of(element.getAsJsonObject()) : Optional.empty();
    } catch (MalformedJson e) {
      return Optional.empty();
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("End of input")) {
      return "ends before the JSON value does";
    }
    Matcher m = POSITION.matcher(message);
    return m.find()
        ? "is malformed at line " + m.group(1) + " column " + m.group(2)
        : "is malformed";
  }

  /**
   * Text that is not JSON; the message completes "the X ..." (e.g. "is malformed at line 1 column
   * 3").
   */
  public static final class MalformedJson extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedJson(String message) {
      super(message);
    }
  }
}
