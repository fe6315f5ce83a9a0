package dev.spyglass.manifest.schema1.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.spyglass.api.Digest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Quote;
import dev.spyglass.manifest.schema1.HistoryEntry;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Converts a schema1 history into the OCI image config that {@code skopeo inspect --config} prints
 * for it: containers/image's {@code ToSchema2Config} (the newest {@code v1Compatibility} less its
 * v1 fields, plus {@code rootfs} and a {@code history} built from every entry, oldest first),
 * decoded into image-spec's {@code v1.Image} and written by Go's {@code MarshalIndent} with four
 * spaces.
 *
 * <p>Since no layer has been downloaded, every {@code diff_ids} entry is {@code ""}, one per entry
 * that is not {@code throwaway}, as skopeo prints ({@code null} when every entry is). Images made
 * by Docker before 1.8.3 have their config re-encoded first, as containers/image does (a missing
 * {@code created} becomes the zero time, {@code os.version} and {@code os.features} are dropped, a
 * string {@code Cmd} or {@code Entrypoint} becomes a one-element list). Values of a type Go cannot
 * decode fail with rule {@code bad-config}.
 */
public final class OciConfig {
  private static final Set<String> V1_FIELDS =
      Set.of("id", "parent", "parent_id", "layer_id", "throwaway", "Size");
  private static final Comparator<String> GO_ORDER =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  private OciConfig() {}

  /** The config JSON for {@code history} (after fix-up, newest first). */
  public static String json(List<HistoryEntry> history) throws InvalidManifestException {
    return GoJsonWriter.write(tree(history, null), "    ");
  }

  /**
   * The OCI config blob containers/image writes when it converts the image to OCI: the config of
   * {@link #json} with the real {@code diffIds} (one per entry, oldest first; those of {@code
   * throwaway} entries are left out), written by Go's {@code json.Marshal}.
   */
  public static String ociBlob(List<HistoryEntry> history, List<Digest> diffIds)
      throws InvalidManifestException {
    return GoJsonWriter.compact(tree(history, diffIds));
  }

  /**
   * The Docker schema2 config blob containers/image's {@code ToSchema2Config} writes: every member
   * of the newest {@code v1Compatibility} but the v1 ones, its raw JSON compacted, plus {@code
   * rootfs} and {@code history}, keys sorted, as Go's {@code json.Marshal} of a {@code
   * map[string]*json.RawMessage}. {@code diffIds} as for {@link #ociBlob}.
   *
   * @throws InvalidManifestException rule {@code unsupported-conversion} for images made by Docker
   *     before 1.8.3, whose config containers/image re-encodes field by field
   */
  public static String dockerBlob(List<HistoryEntry> history, List<Digest> diffIds)
      throws InvalidManifestException {
    JsonObject newest = V1Image.parse(history.get(0), 0);
    GoDecoder decoder = new GoDecoder("bad-config", 0, "history[0].v1Compatibility");
    String dockerVersion = decoder.string(newest, "docker_version");
    if (!dockerVersion.isEmpty() && olderThanDocker183(dockerVersion)) {
      throw new InvalidManifestException(
          InvalidManifestException.UNSUPPORTED_CONVERSION,
          "converting to a Docker schema2 config an image made by Docker "
              + Quote.of(dockerVersion)
              + ", older than 1.8.3, is not supported");
    }
    JsonArray ociHistory = new JsonArray();
    JsonArray ids = new JsonArray();
    for (int i = history.size() - 1; i >= 0; i--) {
      ociHistory.add(historyItem(history.get(i), i, ids, diffIds.get(history.size() - 1 - i)));
    }
    JsonArray dockerHistory = new JsonArray();
    for (JsonElement item : ociHistory) {
      JsonObject from = item.getAsJsonObject();
      JsonObject to = new JsonObject();
      for (String key : List.of("created", "author", "created_by", "comment", "empty_layer")) {
        if (from.has(key)) {
          to.add(key, from.get(key));
        }
      }
      dockerHistory.add(to);
    }
    JsonObject rootfs = new JsonObject();
    rootfs.addProperty("type", "layers");
    rootfs.add("diff_ids", ids.isEmpty() ? JsonNull.INSTANCE : ids);
    TreeMap<String, String> members = new TreeMap<>(GO_ORDER);
    RawJson.members(history.get(0).v1Compatibility())
        .forEach(
            (key, raw) -> {
              if (!V1_FIELDS.contains(key)) {
                members.put(key, RawJson.compact(raw));
              }
            });
    members.put("rootfs", GoJsonWriter.compact(rootfs));
    members.put("history", GoJsonWriter.compact(dockerHistory));
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, String> member : members.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      GoJsonWriter.string(out, member.getKey());
      out.append(':').append(member.getValue());
    }
    return out.append('}').toString();
  }

  private static JsonObject tree(List<HistoryEntry> history, @Nullable List<Digest> diffIds)
      throws InvalidManifestException {
    JsonObject newest = V1Image.parse(history.get(0), 0);
    GoDecoder decoder = new GoDecoder("bad-config", 0, "history[0].v1Compatibility");
    String dockerVersion = decoder.string(newest, "docker_version");
    JsonObject raw =
        !dockerVersion.isEmpty() && olderThanDocker183(dockerVersion)
            ? reencode(newest, decoder)
            : newest;
    JsonArray ociHistory = new JsonArray();
    JsonArray ids = new JsonArray();
    for (int i = history.size() - 1; i >= 0; i--) {
      ociHistory.add(
          historyItem(
              history.get(i),
              i,
              ids,
              diffIds == null ? null : diffIds.get(history.size() - 1 - i)));
    }
    return image(inGoMapOrder(raw), decoder, ids, ociHistory);
  }

  /** The OCI history item of an entry; adds its diff id ({@code ""} when unknown) unless empty. */
  private static JsonObject historyItem(
      HistoryEntry entry, int i, JsonArray diffIds, @Nullable Digest diffId)
      throws InvalidManifestException {
    JsonObject image = V1Image.parse(entry, i);
    GoDecoder decoder = new GoDecoder("bad-config", i, "history[" + i + "].v1Compatibility");
    OffsetDateTime created = decoder.time(image, "created");
    JsonObject containerConfig = decoder.object(image, "container_config");
    List<String> cmd =
        containerConfig == null
            ? null
            : decoder.nested("container_config").strings(containerConfig, "Cmd");
    JsonObject item = new JsonObject();
    item.addProperty("created", GoTime.format(created == null ? GoTime.ZERO : created));
    putText(item, "created_by", cmd == null ? "" : String.join(" ", cmd));
    putText(item, "author", decoder.string(image, "author"));
    putText(item, "comment", decoder.string(image, "comment"));
    if (decoder.bool(image, "throwaway")) {
      item.addProperty("empty_layer", true);
    } else {
      diffIds.add(diffId == null ? "" : diffId.toString());
    }
    return item;
  }

  /** Decodes {@code raw} as image-spec's {@code v1.Image} and encodes it again, Go style. */
  private static JsonObject image(
      JsonObject raw, GoDecoder decoder, JsonArray diffIds, JsonArray history)
      throws InvalidManifestException {
    JsonObject out = new JsonObject();
    OffsetDateTime created = decoder.time(raw, "created");
    if (created != null) {
      out.addProperty("created", GoTime.format(created));
    }
    putText(out, "author", decoder.string(raw, "author"));
    out.addProperty("architecture", decoder.string(raw, "architecture"));
    putText(out, "variant", decoder.string(raw, "variant"));
    out.addProperty("os", decoder.string(raw, "os"));
    putText(out, "os.version", decoder.string(raw, "os.version"));
    putList(out, "os.features", decoder.strings(raw, "os.features"));
    JsonObject config = decoder.object(raw, "config");
    out.add(
        "config",
        config == null ? new JsonObject() : imageConfig(config, decoder.nested("config")));
    JsonObject rootfs = new JsonObject();
    rootfs.addProperty("type", "layers");
    // containers/image starts from a nil slice: with only empty layers, Go writes null.
    rootfs.add("diff_ids", diffIds.isEmpty() ? JsonNull.INSTANCE : diffIds);
    out.add("rootfs", rootfs);
    out.add("history", history);
    return out;
  }

  private static JsonObject imageConfig(JsonObject config, GoDecoder decoder)
      throws InvalidManifestException {
    JsonObject out = new JsonObject();
    putText(out, "User", decoder.string(config, "User"));
    putSet(out, "ExposedPorts", decoder.keySet(config, "ExposedPorts"));
    putList(out, "Env", decoder.strings(config, "Env"));
    putList(out, "Entrypoint", decoder.strings(config, "Entrypoint"));
    putList(out, "Cmd", decoder.strings(config, "Cmd"));
    putSet(out, "Volumes", decoder.keySet(config, "Volumes"));
    putText(out, "WorkingDir", decoder.string(config, "WorkingDir"));
    Map<String, String> labels = decoder.stringMap(config, "Labels");
    if (labels != null && !labels.isEmpty()) {
      TreeMap<String, String> sorted = new TreeMap<>(GO_ORDER);
      sorted.putAll(labels);
      JsonObject object = new JsonObject();
      sorted.forEach(object::addProperty);
      out.add("Labels", object);
    }
    putText(out, "StopSignal", decoder.string(config, "StopSignal"));
    if (decoder.bool(config, "ArgsEscaped")) {
      out.addProperty("ArgsEscaped", true);
    }
    return out;
  }

  /**
   * What containers/image's re-encoding through {@code Schema2V1Image} leaves of the fields that
   * image-spec reads.
   */
  private static JsonObject reencode(JsonObject image, GoDecoder decoder)
      throws InvalidManifestException {
    JsonObject out = new JsonObject();
    OffsetDateTime created = decoder.time(image, "created");
    out.addProperty("created", GoTime.format(created == null ? GoTime.ZERO : created));
    putText(out, "author", decoder.string(image, "author"));
    putText(out, "architecture", decoder.string(image, "architecture"));
    putText(out, "variant", decoder.string(image, "variant"));
    putText(out, "os", decoder.string(image, "os"));
    JsonObject config = decoder.object(image, "config");
    if (config != null) {
      GoDecoder configDecoder = decoder.nested("config");
      JsonObject copy = new JsonObject();
      for (String field :
          List.of(
              "User",
              "ExposedPorts",
              "Env",
              "Volumes",
              "WorkingDir",
              "Labels",
              "StopSignal",
              "ArgsEscaped")) {
        JsonElement value = GoDecoder.member(config, field);
        if (value != null) {
          copy.add(field, value);
        }
      }
      putStrings(copy, "Cmd", configDecoder.stringOrStrings(config, "Cmd"));
      putStrings(copy, "Entrypoint", configDecoder.stringOrStrings(config, "Entrypoint"));
      out.add("config", copy);
    }
    return out;
  }

  /**
   * {@code raw} less the v1-only fields, in the order Go's {@code map[string]json.RawMessage}
   * re-encodes it (sorted by key), which decides which of several members differing only in case
   * wins; members that would collide with the generated {@code rootfs} and {@code history} go.
   */
  private static JsonObject inGoMapOrder(JsonObject raw) {
    TreeMap<String, JsonElement> sorted = new TreeMap<>(GO_ORDER);
    for (Map.Entry<String, JsonElement> member : raw.entrySet()) {
      String key = member.getKey();
      if (!V1_FIELDS.contains(key)
          && !key.equalsIgnoreCase("rootfs")
          && !key.equalsIgnoreCase("history")) {
        sorted.put(key, member.getValue());
      }
    }
    JsonObject out = new JsonObject();
    sorted.forEach(out::add);
    return out;
  }

  /** Docker's {@code versions.LessThan(version, "1.8.3")}: dot-separated integers, others as 0. */
  static boolean olderThanDocker183(String version) {
    String[] parts = version.split("\\.", -1);
    int[] limit = {1, 8, 3};
    for (int i = 0; i < Math.max(parts.length, limit.length); i++) {
      int mine = i < parts.length ? atoi(parts[i]) : 0;
      int theirs = i < limit.length ? limit[i] : 0;
      if (mine != theirs) {
        return mine < theirs;
      }
    }
    return false;
  }

  private static int atoi(String part) {
    try {
      return Integer.parseInt(part);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void putText(JsonObject out, String name, String value) {
    if (!value.isEmpty()) {
      out.addProperty(name, value);
    }
  }

  private static void putList(JsonObject out, String name, @Nullable List<String> values) {
    if (values != null && !values.isEmpty()) {
      putStrings(out, name, values);
    }
  }

  private static void putStrings(JsonObject out, String name, @Nullable List<String> values) {
    if (values == null) {
      out.add(name, null);
      return;
    }
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    out.add(name, array);
  }

  private static void putSet(JsonObject out, String name, @Nullable Collection<String> keys) {
    if (keys != null && !keys.isEmpty()) {
      JsonObject set = new JsonObject();
      keys.stream().sorted(GO_ORDER).forEach(key -> set.add(key, new JsonObject()));
      out.add(name, set);
    }
  }
}
