package dev.spyglass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class GoJsonTest {

  @Test
  void indentsLikeGoMarshalIndent() {
    JsonObject o = new JsonObject();
    o.addProperty("Digest", "sha256:x");
    o.add("RepoTags", new JsonArray());
    o.add("Labels", new JsonObject());
    o.add("Env", JsonNull.INSTANCE);
    JsonArray layers = new JsonArray();
    layers.add("a");
    layers.add("b");
    o.add("Layers", layers);
    assertEquals(
        "{\n"
            + "    \"Digest\": \"sha256:x\",\n"
            + "    \"RepoTags\": [],\n"
            + "    \"Labels\": {},\n"
            + "    \"Env\": null,\n"
            + "    \"Layers\": [\n"
            + "        \"a\",\n"
            + "        \"b\"\n"
            + "    ]\n"
            + "}",
        GoJson.indent(o));
  }

  @Test
  void escapesStringsAsGoDoes() {
    // Go: json.Marshal("<&> = ' \" \\ \n \t \u0001 \u2028 é") (checked with skopeo's label output).
    StringBuilder out = new StringBuilder();
    GoJson.quote("<&> = ' \" \\ \n \t \u0001 \u2028 é", out);
    assertEquals("\"\\u003c\\u0026\\u003e = ' \\\" \\\\ \\n \\t \\u0001 \\u2028 é\"", out.toString());
  }

  @Test
  void formatsTimesAsGoRfc3339Nano() {
    assertEquals("2020-01-02T03:04:05.5Z", GoTime.format(OffsetDateTime.parse("2020-01-02T03:04:05.500Z")));
    assertEquals("2020-01-02T03:04:05Z", GoTime.format(OffsetDateTime.parse("2020-01-02T03:04:05Z")));
    assertEquals(
        "2016-09-23T18:08:50.537223822Z", GoTime.format(OffsetDateTime.parse("2016-09-23T18:08:50.537223822Z")));
    assertEquals("2020-01-02T03:04:05+02:00", GoTime.format(OffsetDateTime.parse("2020-01-02T03:04:05+02:00")));
    assertEquals("0001-01-01T00:00:00Z", GoTime.format(null));
  }
}
