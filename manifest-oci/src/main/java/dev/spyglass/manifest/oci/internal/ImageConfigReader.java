package dev.spyglass.manifest.oci.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.gojson.GoJson;
import dev.spyglass.gojson.GoJsonException;
import dev.spyglass.gojson.GoSlice;
import dev.spyglass.gojson.GoStruct;
import dev.spyglass.gojson.GoTime;
import dev.spyglass.gojson.GoType;
import dev.spyglass.gojson.GoValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decodes image config blobs the way skopeo 1.9 does, for {@code inspect} ({@link ImageConfig}) and
 * {@code inspect --config} (OCI JSON). Every decoding failure is an {@link
 * InvalidManifestException} with rule {@value Rules#INVALID_CONFIG}. A {@code created} offset
 * beyond Java's ±18:00 is kept in {@link ImageConfig#createdOffsetSeconds()}.
 */
public final class ImageConfigReader {
  private ImageConfigReader() {}

  /**
   * What skopeo's Docker schema2 {@code Inspect} reports: {@code created} is never null (Go's zero
   * time {@code 0001-01-01T00:00:00Z} when absent), labels and env are null when {@code config} is.
   */
  public static ImageConfig docker(byte[] blob, Digest digest) throws InvalidManifestException {
    GoStruct image = decode(parse(blob, digest), ConfigTypes.DOCKER_IMAGE, digest);
    GoStruct container = image.struct("config");
    GoTime created = Objects.requireNonNull(image.time("created"));
    return new ImageConfig(
        created.toOffsetDateTime(),
        image.string("docker_version"),
        image.string("author"),
        image.string("architecture"),
        image.string("os"),
        image.string("variant"),
        container == null ? null : labels(container),
        container == null ? null : env(container),
        created.offsetSeconds());
  }

  /**
   * What skopeo's OCI {@code Inspect} reports: the config must decode both as image-spec {@code
   * v1.Image} and as Docker's {@code Schema2V1Image} (for {@code docker_version}); {@code created}
   * is null when absent.
   */
  public static ImageConfig oci(byte[] blob, Digest digest) throws InvalidManifestException {
    GoValue root = parse(blob, digest);
    GoStruct image = decode(root, ConfigTypes.OCI_IMAGE, digest);
    GoStruct docker = decode(root, ConfigTypes.DOCKER_V1_IMAGE, digest);
    GoStruct container = Objects.requireNonNull(image.struct("config"));
    GoTime created = image.time("created");
    return new ImageConfig(
        created == null ? null : created.toOffsetDateTime(),
        docker.string("docker_version"),
        image.string("author"),
        image.string("architecture"),
        image.string("os"),
        image.string("variant"),
        labels(container),
        env(container),
        created == null ? 0 : created.offsetSeconds());
  }

  /**
   * Exactly what {@code skopeo inspect --config} prints for this blob, without the final newline.
   */
  public static String ociJson(byte[] blob, Digest digest) throws InvalidManifestException {
    return GoJson.marshalIndent(
        GoJson.encode(decode(parse(blob, digest), ConfigTypes.OCI_IMAGE, digest)), "    ");
  }

  /**
   * Checks that {@code blob} is the content {@code config} describes (the caller should already
   * have verified it while reading; this catches a blob passed for the wrong manifest).
   */
  public static void requireContent(Descriptor config, byte[] blob)
      throws InvalidManifestException {
    if (blob.length != config.size() || !config.digest().matches(blob)) {
      throw new InvalidManifestException(
          Rules.CONFIG_DIGEST_MISMATCH,
          "config blob of "
              + blob.length
              + " bytes is not the content of config descriptor \""
              + config.digest()
              + "\" ("
              + config.size()
              + " bytes)");
    }
  }

  private static GoValue parse(byte[] blob, Digest digest) throws InvalidManifestException {
    try {
      return GoJson.parse(blob);
    } catch (GoJsonException e) {
      throw failure(digest, "it is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static GoStruct decode(GoValue root, GoType.Struct type, Digest digest)
      throws InvalidManifestException {
    try {
      return GoJson.decode(root, type);
    } catch (GoJsonException e) {
      String reason = e.getMessage();
      throw failure(digest, reason.startsWith("value is") ? "the config " + reason : reason, e);
    }
  }

  private static @Nullable Map<String, String> labels(GoStruct container) {
    Map<String, @Nullable Object> labels = container.map("Labels");
    if (labels == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    labels.forEach((key, value) -> out.put(key, (String) value));
    return out;
  }

  private static @Nullable List<String> env(GoStruct container) {
    GoSlice env = container.slice("Env");
    if (env.isNil()) {
      return null;
    }
    return env.elements().stream().map(element -> (String) element).toList();
  }

  private static InvalidManifestException failure(Digest digest, String reason, Exception cause) {
    return new InvalidManifestException(
        Rules.INVALID_CONFIG,
        -1,
        "image config \"" + digest + "\" cannot be decoded: " + reason,
        cause);
  }
}
