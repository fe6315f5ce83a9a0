package dev.spyglass.transport.layout.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.InvalidManifestException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads the {@code index.json} of an OCI image layout, and adds an entry to it under a lock so
 * that concurrent writers, in this process or others, lose nothing. Fields this class does not
 * know are kept as they are.
 */
public final class OciLayoutIndex {
  public static final String INDEX = "index.json";
  public static final String LAYOUT = "oci-layout";
  /** The lock file writers of {@code index.json} hold; it is never deleted. */
  public static final String LOCK = "index.json.lock";

  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** One image of the index: {@code refName} is empty when the entry has no name. */
  public record Entry(String mediaType, String digest, long size, String refName) {}

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  // FileChannel.lock is per process: threads of this JVM queue here first.
  private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private OciLayoutIndex() {}

  /** The entries of {@code layout}'s index, in order. */
  public static List<Entry> entries(Path layout) throws ImageException {
    JsonObject index = parse(layout, ManifestFiles.read(layout.resolve(INDEX), "index", layout.toString()));
    List<Entry> entries = new ArrayList<>();
    for (JsonElement element : manifests(layout, index)) {
      if (!element.isJsonObject()) {
        throw invalid(layout, "an entry of \"manifests\" is not an object");
      }
      JsonObject entry = element.getAsJsonObject();
      JsonObject annotations =
          entry.get("annotations") != null && entry.get("annotations").isJsonObject()
              ? entry.getAsJsonObject("annotations")
              : new JsonObject();
      entries.add(
          new Entry(
              string(entry, "mediaType"),
              string(entry, "digest"),
              entry.get("size") != null && entry.get("size").isJsonPrimitive() && entry.getAsJsonPrimitive("size").isNumber()
                  ? entry.get("size").getAsLong()
                  : -1,
              string(annotations, REF_NAME)));
    }
    return entries;
  }

  /**
   * Adds {@code manifest} to the index of {@code layout} (creating the index if needed), named
   * {@code refName} unless it is empty; it replaces the entry of the same name, or for an unnamed
   * entry the unnamed entry of the same digest. The new index is written atomically.
   */
  public static void put(Path layout, Descriptor manifest, String refName, AtomicFiles files)
      throws ImageException {
    ReentrantLock local = IN_PROCESS.computeIfAbsent(layout.toAbsolutePath().normalize(), p -> new ReentrantLock());
    local.lock();
    try (FileChannel channel =
            FileChannel.open(
                layout.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      Path indexFile = layout.resolve(INDEX);
      JsonObject index;
      if (Files.exists(indexFile)) {
        index = parse(layout, ManifestFiles.read(indexFile, "index", layout.toString()));
      } else {
        index = new JsonObject();
        index.addProperty("schemaVersion", 2);
        index.add("manifests", new JsonArray());
      }
      JsonArray old = manifests(layout, index);
      JsonObject added = descriptor(manifest, refName);
      JsonArray updated = new JsonArray();
      boolean replaced = false;
      for (JsonElement element : old) {
        if (sameSlot(element, manifest, refName)) {
          if (!replaced) {
            updated.add(added);
            replaced = true;
          }
        } else {
          updated.add(element);
        }
      }
      if (!replaced) {
        updated.add(added);
      }
      index.add("manifests", updated);
      files.writeBytes(indexFile, GSON.toJson(index).getBytes(StandardCharsets.UTF_8));
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "locking the index of OCI layout \"" + layout + "\" failed: " + FileFailures.reason(e), e);
    } finally {
      local.unlock();
    }
  }

  private static boolean sameSlot(JsonElement element, Descriptor manifest, String refName) {
    if (!element.isJsonObject()) {
      return false;
    }
    JsonObject entry = element.getAsJsonObject();
    String name =
        entry.get("annotations") != null && entry.get("annotations").isJsonObject()
            ? string(entry.getAsJsonObject("annotations"), REF_NAME)
            : "";
    if (!refName.isEmpty()) {
      return refName.equals(name);
    }
    return name.isEmpty() && manifest.digest().toString().equals(string(entry, "digest"));
  }

  private static JsonObject descriptor(Descriptor manifest, String refName) {
    JsonObject entry = new JsonObject();
    entry.addProperty("mediaType", manifest.mediaType());
    entry.addProperty("digest", manifest.digest().toString());
    entry.addProperty("size", manifest.size());
    if (!refName.isEmpty()) {
      JsonObject annotations = new JsonObject();
      annotations.addProperty(REF_NAME, refName);
      entry.add("annotations", annotations);
    }
    return entry;
  }

  private static JsonObject parse(Path layout, byte[] bytes) throws InvalidManifestException {
    try {
      JsonElement json = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
      if (!json.isJsonObject()) {
        throw invalid(layout, "it is not a JSON object");
      }
      return json.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new InvalidManifestException(
          "not-json", -1, "index of OCI layout \"" + layout + "\" is not JSON: " + e.getMessage(), e);
    }
  }

  private static JsonArray manifests(Path layout, JsonObject index) throws InvalidManifestException {
    JsonElement manifests = index.get("manifests");
    if (manifests == null || manifests.isJsonNull()) {
      return new JsonArray();
    }
    if (!manifests.isJsonArray()) {
      throw invalid(layout, "\"manifests\" is not an array");
    }
    return manifests.getAsJsonArray();
  }

  private static String string(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
        ? value.getAsString()
        : "";
  }

  private static InvalidManifestException invalid(Path layout, String reason) {
    return new InvalidManifestException(
        "invalid-index", "index of OCI layout \"" + layout + "\" is invalid: " + reason);
  }
}
