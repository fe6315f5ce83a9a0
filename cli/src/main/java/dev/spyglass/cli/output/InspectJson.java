package dev.spyglass.cli.output;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.gojson.GoJson;
import dev.spyglass.gojson.GoTime;
import dev.spyglass.image.ImageInspection;
import java.time.OffsetDateTime;
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
    o.addProperty("Created", created(config));
    o.addProperty("DockerVersion", config.dockerVersion());
    o.add("Labels", labels(config.labels()));
    o.addProperty("Architecture", config.architecture());
    o.addProperty("Os", config.os());
    o.add("Layers", strings(inspection.layers().stream().map(d -> d.digest().toString()).toList()));
    o.add("Env", config.env() == null ? JsonNull.INSTANCE : strings(config.env()));
    return o;
  }

  /**
   * {@code Created} as Go's {@code MarshalJSON} writes it, with its offset as written (even beyond
   * Java's ±18:00); Go's zero time when the config has none, as skopeo prints it.
   */
  private static String created(ImageConfig config) {
    OffsetDateTime created = config.created();
    return created == null
        ? GoTime.ZERO.format()
        : GoTime.ofInstant(created.toInstant(), config.createdOffsetSeconds()).format();
  }

  private static JsonElement labels(@Nullable Map<String, String> labels) {
    if (labels == null) {
      return JsonNull.INSTANCE;
    }
    JsonObject o = new JsonObject();
    TreeMap<String, String> sorted = new TreeMap<>(GoJson.KEY_ORDER);
    sorted.putAll(labels);
    sorted.forEach(o::addProperty);
    return o;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }
}
