package dev.spyglass.manifest.schema1.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spyglass.api.InvalidManifestException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The members of a schema1 manifest as Go decodes them into containers/image's {@code Schema1}
 * struct, before any validation: absent text is {@code ""}, an absent {@code schemaVersion} is 0.
 * Values of the wrong JSON type are refused with rule {@code bad-json}.
 */
public record ManifestFields(
    long schemaVersion,
    String name,
    String tag,
    String architecture,
    List<String> blobSums,
    List<String> v1Compatibility) {

  public ManifestFields {
    blobSums = List.copyOf(blobSums);
    v1Compatibility = List.copyOf(v1Compatibility);
  }

  public static ManifestFields read(JsonObject manifest) throws InvalidManifestException {
    GoDecoder decoder = new GoDecoder("bad-json", -1, "manifest");
    return new ManifestFields(
        decoder.integer(manifest, "schemaVersion"),
        decoder.string(manifest, "name"),
        decoder.string(manifest, "tag"),
        decoder.string(manifest, "architecture"),
        column(decoder.array(manifest, "fsLayers"), "fsLayers", "blobSum"),
        column(decoder.array(manifest, "history"), "history", "v1Compatibility"));
  }

  private static List<String> column(@Nullable JsonArray array, String list, String field)
      throws InvalidManifestException {
    List<String> values = new ArrayList<>();
    if (array == null) {
      return values;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonElement entry = array.get(i);
      String subject = list + "[" + i + "]";
      if (entry.isJsonNull()) {
        values.add("");
      } else if (entry.isJsonObject()) {
        values.add(new GoDecoder("bad-json", i, subject).string(entry.getAsJsonObject(), field));
      } else {
        throw new InvalidManifestException(
            "bad-json", i, "manifest " + subject + " is not a JSON object");
      }
    }
    return values;
  }
}
