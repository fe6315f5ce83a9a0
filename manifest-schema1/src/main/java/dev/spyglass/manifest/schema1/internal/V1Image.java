package dev.spyglass.manifest.schema1.internal;

import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.gojson.GoTime;
import dev.spyglass.gojson.GoValue;
import dev.spyglass.manifest.schema1.HistoryEntry;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes what {@code inspect} reports from a schema1 image: the newest {@code v1Compatibility},
 * read as containers/image's {@code Schema2V1Image}.
 *
 * <p>As in skopeo, a missing {@code created} is Go's zero time ({@code 0001-01-01T00:00:00Z}), not
 * null: the v1 image's {@code created} is not a pointer. Its offset is kept as written, even beyond
 * Java's ±18:00 (see {@link ImageConfig#createdOffsetSeconds()}). {@code labels} and {@code env}
 * come from {@code config}: null when it or they are absent or null, empty when present and empty.
 */
public final class V1Image {
  private V1Image() {}

  /** Decodes {@code newest}, the first history entry after fix-up. */
  public static ImageConfig decode(HistoryEntry newest) throws InvalidManifestException {
    String subject = "history[0].v1Compatibility";
    GoValue.Obj image = parse(newest, 0);
    FieldReader decoder = new FieldReader("bad-config", 0, subject);
    GoTime created = decoder.time(image, "created");
    GoValue.Obj config = decoder.object(image, "config");
    FieldReader configDecoder = decoder.nested("config");
    @Nullable Map<String, String> labels =
        config == null ? null : configDecoder.stringMap(config, "Labels");
    @Nullable List<String> env = config == null ? null : configDecoder.strings(config, "Env");
    return new ImageConfig(
        created.toOffsetDateTime(),
        decoder.string(image, "docker_version"),
        decoder.string(image, "author"),
        decoder.string(image, "architecture"),
        decoder.string(image, "os"),
        decoder.string(image, "variant"),
        labels,
        env,
        created.offsetSeconds());
  }

  /** The parsed {@code v1Compatibility} of an entry that {@link LayerChain} accepted. */
  static GoValue.Obj parse(HistoryEntry entry, int index) throws InvalidManifestException {
    try {
      if (JsonDocuments.parse(entry.v1Compatibility()) instanceof GoValue.Obj object) {
        return object;
      }
    } catch (JsonDocuments.MalformedJson e) {
      throw new InvalidManifestException(
          "bad-json", index, "history[" + index + "].v1Compatibility is not a JSON object", e);
    }
    throw new InvalidManifestException(
        "bad-json", index, "history[" + index + "].v1Compatibility is not a JSON object");
  }
}
