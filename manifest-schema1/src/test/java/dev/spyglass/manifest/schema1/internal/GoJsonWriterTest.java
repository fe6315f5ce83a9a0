package dev.spyglass.manifest.schema1.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class GoJsonWriterTest {

  @Test
  void escapesStringsAsGoDoes() {
    JsonObject object = new JsonObject();
    object.addProperty("k", "a<b>&c\u2028\u2029\b\f\n\t\"\\é=' ");

    assertEquals(
        "{\n  \"k\": \"a\\u003cb\\u003e\\u0026c\\u2028\\u2029\\u0008\\u000c\\n\\t\\\"\\\\é=' \"\n}",
        GoJsonWriter.write(object, "  "));
  }

  @Test
  void writesEmptyContainersOnOneLine() {
    JsonObject object = new JsonObject();
    object.add("o", new JsonObject());
    object.add("a", new JsonArray());
    object.addProperty("b", true);

    assertEquals(
        "{\n    \"o\": {},\n    \"a\": [],\n    \"b\": true\n}",
        GoJsonWriter.write(object, "    "));
  }
}
