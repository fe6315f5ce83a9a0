package dev.spyglass.cli.output;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * Renders a repository's tags as skopeo 1.9's {@code list-tags} JSON object: {@code Repository}
 * (the fully qualified name, left out when empty, as Go's {@code omitempty} does) then {@code Tags}
 * (always an array, {@code []} when there are none).
 */
public final class TagListJson {
  private TagListJson() {}

  public static JsonObject of(String repository, List<String> tags) {
    JsonObject o = new JsonObject();
    if (!repository.isEmpty()) {
      o.addProperty("Repository", repository);
    }
    JsonArray array = new JsonArray();
    tags.forEach(array::add);
    o.add("Tags", array);
    return o;
  }
}
