package dev.spyglass.cli.output;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.cli.GoTime;
import dev.spyglass.image.ImageInspection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Renders an {@link ImageInspection} as skopeo 1.9's {@code inspect} JSON object: the same keys in
 * the same order ({@code Name} and {@code Tag} omitted when empty), Go's zero time for a missing
 * {@code Created}, labels sorted, and {@code null} where skopeo prints null.
 */
public final class InspectJson {
  private InspectJson() {}

  public static JsonObject of(ImageInspection inspection) {
    ImageConfig config = inspection.config();
    JsonObject o = new JsonObject();
    if (!inspection.name().isEmpty()) {
      o.addProperty("Name", inspection.name());
    }
    if (!inspection.tag().isEmpty()) {
      o.addProperty("Tag", inspection.tag());
    }
    o.addProperty("Digest", inspection.digest().toString());
    o.add("RepoTags", strings(inspection.repoTags()));
    o.addProperty("Created", GoTime.format(config.created()));
    o.addProperty("DockerVersion", config.dockerVersion());
    o.add("Labels", labels(config.labels()));
    o.addProperty("Architecture", config.architecture());
    o.addProperty("Os", config.os());
    o.add("Layers", strings(inspection.layers().stream().map(d -> d.digest().toString()).toList()));
    o.add("Env", config.env() == null ? JsonNull.INSTANCE : strings(config.env()));
    return o;
  }

  private static JsonElement labels(@Nullable Map<String, String> labels) {
    if (labels == null) {
      return JsonNull.INSTANCE;
    }
    JsonObject o = new JsonObject();
    new TreeMap<>(labels).forEach(o::addProperty);
    return o;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }
}
