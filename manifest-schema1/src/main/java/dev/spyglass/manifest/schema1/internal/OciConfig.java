package dev.spyglass.manifest.schema1.internal;

import dev.spyglass.api.Digest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Quote;
import dev.spyglass.gojson.GoJson;
import dev.spyglass.gojson.GoJsonException;
import dev.spyglass.gojson.GoTime;
import dev.spyglass.gojson.GoValue;
import dev.spyglass.manifest.schema1.HistoryEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Converts a schema1 history into the OCI image config that {@code skopeo inspect --config} prints
 * for it: containers/image's {@code ToSchema2Config} (the newest {@code v1Compatibility} less its
 * v1 fields, plus {@code rootfs} and a {@code history} built from every entry, oldest first),
 * decoded into image-spec's {@code v1.Image} and written by Go's {@code MarshalIndent} with four
 * spaces ({@link GoJson} writes every form).
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
  private static final List<String> DOCKER_HISTORY_FIELDS =
      List.of("created", "author", "created_by", "comment", "empty_layer");

  private OciConfig() {}

  /** The config JSON for {@code history} (after fix-up, newest first). */
  public static String json(List<HistoryEntry> history) throws InvalidManifestException {
    return GoJson.marshalIndent(tree(history, null), "    ");
  }

  /**
   * The OCI config blob containers/image writes when it converts the image to OCI: the config of
   * {@link #json} with the real {@code diffIds} (one per entry, oldest first; those of {@code
   * throwaway} entries are left out), written by Go's {@code json.Marshal}.
   */
  public static String ociBlob(List<HistoryEntry> history, List<Digest> diffIds)
      throws InvalidManifestException {
    return GoJson.marshal(tree(history, diffIds));
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
    GoValue.Obj newest = V1Image.parse(history.get(0), 0);
    FieldReader decoder = new FieldReader("bad-config", 0, "history[0].v1Compatibility");
    String dockerVersion = decoder.string(newest, "docker_version");
    if (!dockerVersion.isEmpty() && olderThanDocker183(dockerVersion)) {
      throw new InvalidManifestException(
          InvalidManifestException.UNSUPPORTED_CONVERSION,
          "converting to a Docker schema2 config an image made by Docker "
              + Quote.of(dockerVersion)
              + ", older than 1.8.3, is not supported");
    }
    List<GoValue> dockerHistory = new ArrayList<>();
    List<GoValue> ids = new ArrayList<>();
    for (int i = history.size() - 1; i >= 0; i--) {
      Map<String, GoValue> item =
          historyItem(history.get(i), i, ids, diffIds.get(history.size() - 1 - i));
      GoValue.Obj.Builder to = GoValue.Obj.builder();
      for (String key : DOCKER_HISTORY_FIELDS) {
        if (item.containsKey(key)) {
          to.put(key, item.get(key));
        }
      }
      dockerHistory.add(to.build());
    }
    Map<String, GoValue> members = new LinkedHashMap<>();
    rawMembers(history.get(0))
        .forEach(
            (key, raw) -> {
              if (!V1_FIELDS.contains(key)) {
                members.put(key, new GoValue.Raw(raw));
              }
            });
    members.put("rootfs", rootfs(ids));
    members.put("history", new GoValue.Arr(dockerHistory));
    return GoJson.marshal(GoValue.sortedObject(members));
  }

  private static Map<String, String> rawMembers(HistoryEntry newest)
      throws InvalidManifestException {
    try {
      return GoJson.rawMembers(newest.v1Compatibility());
    } catch (GoJsonException e) {
      throw new InvalidManifestException(
          "bad-json", 0, "history[0].v1Compatibility is not a JSON object", e);
    }
  }

  private static GoValue.Obj tree(List<HistoryEntry> history, @Nullable List<Digest> diffIds)
      throws InvalidManifestException {
    GoValue.Obj newest = V1Image.parse(history.get(0), 0);
    FieldReader decoder = new FieldReader("bad-config", 0, "history[0].v1Compatibility");
    String dockerVersion = decoder.string(newest, "docker_version");
    GoValue.Obj raw =
        !dockerVersion.isEmpty() && olderThanDocker183(dockerVersion)
            ? reencode(newest, decoder)
            : newest;
    List<GoValue> ociHistory = new ArrayList<>();
    List<GoValue> ids = new ArrayList<>();
    for (int i = history.size() - 1; i >= 0; i--) {
      Map<String, GoValue> item =
          historyItem(
              history.get(i), i, ids, diffIds == null ? null : diffIds.get(history.size() - 1 - i));
      GoValue.Obj.Builder object = GoValue.Obj.builder();
      item.forEach(object::put);
      ociHistory.add(object.build());
    }
    return image(inGoMapOrder(raw), decoder, ids, ociHistory);
  }

  /**
   * The OCI history item of an entry, in image-spec's field order; adds its diff id ({@code ""}
   * when unknown) unless empty.
   */
  private static Map<String, GoValue> historyItem(
      HistoryEntry entry, int i, List<GoValue> diffIds, @Nullable Digest diffId)
      throws InvalidManifestException {
    GoValue.Obj image = V1Image.parse(entry, i);
    FieldReader decoder = new FieldReader("bad-config", i, "history[" + i + "].v1Compatibility");
    GoTime created = decoder.time(image, "created");
    GoValue.Obj containerConfig = decoder.object(image, "container_config");
    List<String> cmd =
        containerConfig == null
            ? null
            : decoder.nested("container_config").strings(containerConfig, "Cmd");
    Map<String, GoValue> item = new LinkedHashMap<>();
    item.put("created", GoValue.string(created.format()));
    putText(item, "created_by", cmd == null ? "" : String.join(" ", cmd));
    putText(item, "author", decoder.string(image, "author"));
    putText(item, "comment", decoder.string(image, "comment"));
    if (decoder.bool(image, "throwaway")) {
      item.put("empty_layer", GoValue.bool(true));
    } else {
      diffIds.add(GoValue.string(diffId == null ? "" : diffId.toString()));
    }
    return item;
  }

  /** Decodes {@code raw} as image-spec's {@code v1.Image} and encodes it again, Go style. */
  private static GoValue.Obj image(
      GoValue.Obj raw, FieldReader decoder, List<GoValue> diffIds, List<GoValue> history)
      throws InvalidManifestException {
    GoValue.Obj.Builder out = GoValue.Obj.builder();
    GoTime created = decoder.optionalTime(raw, "created");
    if (created != null) {
      out.put("created", created.format());
    }
    out.putOmitEmpty("author", decoder.string(raw, "author"));
    out.put("architecture", decoder.string(raw, "architecture"));
    out.putOmitEmpty("variant", decoder.string(raw, "variant"));
    out.put("os", decoder.string(raw, "os"));
    out.putOmitEmpty("os.version", decoder.string(raw, "os.version"));
    putList(out, "os.features", decoder.strings(raw, "os.features"));
    GoValue.Obj config = decoder.object(raw, "config");
    out.put(
        "config",
        config == null
            ? GoValue.Obj.builder().build()
            : imageConfig(config, decoder.nested("config")));
    out.put("rootfs", rootfs(diffIds));
    out.put("history", new GoValue.Arr(history));
    return out.build();
  }

  /** containers/image starts from a nil slice: with only empty layers, Go writes null. */
  private static GoValue rootfs(List<GoValue> diffIds) {
    return GoValue.Obj.builder()
        .put("type", "layers")
        .put("diff_ids", diffIds.isEmpty() ? GoValue.NULL : new GoValue.Arr(diffIds))
        .build();
  }

  private static GoValue.Obj imageConfig(GoValue.Obj config, FieldReader decoder)
      throws InvalidManifestException {
    GoValue.Obj.Builder out = GoValue.Obj.builder();
    out.putOmitEmpty("User", decoder.string(config, "User"));
    putSet(out, "ExposedPorts", decoder.keySet(config, "ExposedPorts"));
    putList(out, "Env", decoder.strings(config, "Env"));
    putList(out, "Entrypoint", decoder.strings(config, "Entrypoint"));
    putList(out, "Cmd", decoder.strings(config, "Cmd"));
    putSet(out, "Volumes", decoder.keySet(config, "Volumes"));
    out.putOmitEmpty("WorkingDir", decoder.string(config, "WorkingDir"));
    Map<String, String> labels = decoder.stringMap(config, "Labels");
    if (labels != null && !labels.isEmpty()) {
      Map<String, GoValue> values = new LinkedHashMap<>();
      labels.forEach((key, value) -> values.put(key, GoValue.string(value)));
      out.put("Labels", GoValue.sortedObject(values));
    }
    out.putOmitEmpty("StopSignal", decoder.string(config, "StopSignal"));
    if (decoder.bool(config, "ArgsEscaped")) {
      out.put("ArgsEscaped", GoValue.bool(true));
    }
    return out.build();
  }

  /**
   * What containers/image's re-encoding through {@code Schema2V1Image} leaves of the fields that
   * image-spec reads.
   */
  private static GoValue.Obj reencode(GoValue.Obj image, FieldReader decoder)
      throws InvalidManifestException {
    GoValue.Obj.Builder out = GoValue.Obj.builder();
    out.put("created", decoder.time(image, "created").format());
    out.putOmitEmpty("author", decoder.string(image, "author"));
    out.putOmitEmpty("architecture", decoder.string(image, "architecture"));
    out.putOmitEmpty("variant", decoder.string(image, "variant"));
    out.putOmitEmpty("os", decoder.string(image, "os"));
    GoValue.Obj config = decoder.object(image, "config");
    if (config != null) {
      FieldReader configDecoder = decoder.nested("config");
      GoValue.Obj.Builder copy = GoValue.Obj.builder();
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
        FieldReader.member(config, field).ifPresent(value -> copy.put(field, value));
      }
      putStrings(copy, "Cmd", configDecoder.stringOrStrings(config, "Cmd"));
      putStrings(copy, "Entrypoint", configDecoder.stringOrStrings(config, "Entrypoint"));
      out.put("config", copy.build());
    }
    return out.build();
  }

  /**
   * {@code raw} less the v1-only fields, in the order Go's {@code map[string]json.RawMessage}
   * re-encodes it (the last of repeated keys, sorted by key), which decides which of several
   * members differing only in case wins; members that would collide with the generated {@code
   * rootfs} and {@code history} go.
   */
  private static GoValue.Obj inGoMapOrder(GoValue.Obj raw) {
    Map<String, GoValue> members = new LinkedHashMap<>();
    for (GoValue.Member member : raw.members()) {
      String key = member.name();
      if (!V1_FIELDS.contains(key)
          && !key.equalsIgnoreCase("rootfs")
          && !key.equalsIgnoreCase("history")) {
        members.put(key, member.value());
      }
    }
    return GoValue.sortedObject(members);
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

  private static void putText(Map<String, GoValue> out, String name, String value) {
    if (!value.isEmpty()) {
      out.put(name, GoValue.string(value));
    }
  }

  private static void putList(GoValue.Obj.Builder out, String name, @Nullable List<String> values) {
    if (values != null && !values.isEmpty()) {
      putStrings(out, name, values);
    }
  }

  private static void putStrings(
      GoValue.Obj.Builder out, String name, @Nullable List<String> values) {
    out.put(name, values == null ? GoValue.NULL : GoValue.strings(values));
  }

  private static void putSet(
      GoValue.Obj.Builder out, String name, @Nullable Collection<String> keys) {
    if (keys != null && !keys.isEmpty()) {
      Map<String, GoValue> set = new LinkedHashMap<>();
      keys.forEach(key -> set.put(key, GoValue.Obj.builder().build()));
      out.put(name, GoValue.sortedObject(set));
    }
  }
}
