package dev.spyglass.transport.archive.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.transport.archive.internal.json.ImageConfigJson;
import dev.spyglass.transport.archive.internal.json.ManifestItemJson;
import dev.spyglass.transport.archive.internal.json.ManifestJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Parses the JSON files of archives into their wire classes, failing with one clear line. */
public final class ArchiveJson {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private ArchiveJson() {}

  public static List<ManifestItemJson> manifestItems(byte[] bytes, String what)
      throws InvalidManifestException {
    List<ManifestItemJson> items = parse(bytes, new TypeToken<List<ManifestItemJson>>() {}, what);
    if (items == null) {
      throw new InvalidManifestException(TarArchive.RULE, what + " is not a JSON array of images");
    }
    return items;
  }

  public static ImageConfigJson config(byte[] bytes, String what) throws InvalidManifestException {
    ImageConfigJson config = parse(bytes, TypeToken.get(ImageConfigJson.class), what);
    if (config == null) {
      throw new InvalidManifestException(TarArchive.RULE, what + " is not a JSON object");
    }
    return config;
  }

  public static ManifestJson manifest(byte[] bytes, String what) throws InvalidManifestException {
    ManifestJson manifest = parse(bytes, TypeToken.get(ManifestJson.class), what);
    if (manifest == null) {
      throw new InvalidManifestException(TarArchive.RULE, what + " is not a JSON object");
    }
    return manifest;
  }

  private static <T> T parse(byte[] bytes, TypeToken<T> type, String what)
      throws InvalidManifestException {
    try {
      return GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), type);
    } catch (JsonParseException e) {
      throw new InvalidManifestException(
          TarArchive.RULE, -1, what + " is not valid JSON of its kind: " + e.getMessage(), e);
    }
  }
}
