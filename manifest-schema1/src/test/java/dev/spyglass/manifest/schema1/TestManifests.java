package dev.spyglass.manifest.schema1;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small schema1 manifests made in tests, formatted as Docker formats them (three-space indent). */
final class TestManifests {
  static final Gson DOCKER_STYLE =
      new GsonBuilder()
          .disableHtmlEscaping()
          .setFormattingStyle(FormattingStyle.PRETTY.withIndent("   "))
          .create();

  private TestManifests() {}

  /** 64 copies of {@code c}: a v1 id or digest hex. */
  static String hex(char c) {
    return String.valueOf(c).repeat(64);
  }

  static String blob(char c) {
    return "sha256:" + hex(c);
  }

  /** A v1Compatibility with an id and, unless empty, a parent. */
  static String v1(String id, String parent) {
    JsonObject image = new JsonObject();
    image.addProperty("id", id);
    if (!parent.isEmpty()) {
      image.addProperty("parent", parent);
    }
    image.addProperty("created", "2020-01-02T03:04:05Z");
    return image.toString();
  }

  /** A manifest with these columns, in manifest order (newest first). */
  static JsonObject manifest(List<String> blobSums, List<String> v1Compatibility) {
    JsonObject manifest = new JsonObject();
    manifest.addProperty("schemaVersion", 1);
    manifest.addProperty("name", "library/test");
    manifest.addProperty("tag", "latest");
    manifest.addProperty("architecture", "amd64");
    JsonArray fsLayers = new JsonArray();
    for (String blobSum : blobSums) {
      JsonObject layer = new JsonObject();
      layer.addProperty("blobSum", blobSum);
      fsLayers.add(layer);
    }
    manifest.add("fsLayers", fsLayers);
    JsonArray history = new JsonArray();
    for (String entry : v1Compatibility) {
      JsonObject item = new JsonObject();
      item.addProperty("v1Compatibility", entry);
      history.add(item);
    }
    manifest.add("history", history);
    return manifest;
  }

  /** A well-formed three-layer chain: c (base) &lt;- b &lt;- a. */
  static JsonObject chain() {
    return manifest(
        List.of(blob('1'), blob('2'), blob('3')),
        List.of(v1(hex('a'), hex('b')), v1(hex('b'), hex('c')), v1(hex('c'), "")));
  }

  static byte[] bytes(JsonObject manifest) {
    return DOCKER_STYLE.toJson(manifest).getBytes(StandardCharsets.UTF_8);
  }
}
