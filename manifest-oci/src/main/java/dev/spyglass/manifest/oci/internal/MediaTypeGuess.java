package dev.spyglass.manifest.oci.internal;

import static dev.spyglass.gojson.GoType.Field.of;
import static dev.spyglass.gojson.GoType.Scalar.ANY;
import static dev.spyglass.gojson.GoType.Scalar.BYTES;
import static dev.spyglass.gojson.GoType.Scalar.INT;
import static dev.spyglass.gojson.GoType.Scalar.STRING;

import dev.spyglass.api.MediaType;
import dev.spyglass.gojson.GoJson;
import dev.spyglass.gojson.GoJsonException;
import dev.spyglass.gojson.GoStruct;
import dev.spyglass.gojson.GoType;
import dev.spyglass.gojson.GoValue;
import java.util.Objects;
import java.util.Set;

/**
 * containers/image's {@code manifest.GuessMIMEType}: recognises a manifest from its bytes, by the
 * {@code mediaType} field, else by {@code schemaVersion} and the shape of the document. Decoding
 * follows Go, so a field of the wrong type makes the guess empty, as it does there.
 */
public final class MediaTypeGuess {
  private static final Set<String> RECOGNISED =
      Set.of(
          MediaType.DOCKER_SCHEMA2,
          MediaType.DOCKER_MANIFEST_LIST,
          MediaType.OCI_MANIFEST,
          MediaType.OCI_INDEX);

  private static final GoType.Struct META =
      GoType.Struct.of(
          "meta", of("mediaType", STRING), of("schemaVersion", INT), of("signatures", ANY));

  private static final GoType.Struct CONFIG_MEDIA_TYPE =
      GoType.Struct.of("ociMan", of("config", GoType.Struct.of("config", of("mediaType", STRING))));

  private static final GoType.Struct PLATFORM =
      GoType.Struct.of(
          "Platform",
          of("architecture", STRING),
          of("os", STRING),
          of("os.version", STRING),
          of("os.features", new GoType.Slice(STRING)),
          of("variant", STRING));

  /** image-spec {@code v1.Descriptor}, as GuessMIMEType decodes {@code manifests} into it. */
  private static final GoType.Struct DESCRIPTOR =
      GoType.Struct.of(
          "Descriptor",
          of("mediaType", STRING),
          of("digest", STRING),
          of("size", INT),
          of("urls", new GoType.Slice(STRING)),
          of("annotations", new GoType.MapOf(STRING)),
          of("data", BYTES),
          of("platform", new GoType.Ptr(PLATFORM)),
          of("artifactType", STRING));

  private static final GoType.Struct INDEX =
      GoType.Struct.of("ociIndex", of("manifests", new GoType.Slice(DESCRIPTOR)));

  private MediaTypeGuess() {}

  /** The guessed media type, or {@code ""} when the bytes are no manifest GuessMIMEType knows. */
  public static String guess(byte[] bytes) {
    try {
      GoValue root = GoJson.parse(bytes);
      GoStruct meta = GoJson.decode(root, META);
      String mediaType = meta.string("mediaType");
      if (RECOGNISED.contains(mediaType)) {
        return mediaType;
      }
      long version = meta.integer("schemaVersion");
      if (version == 1) {
        return meta.get("signatures") != null
            ? MediaType.DOCKER_SCHEMA1_SIGNED
            : MediaType.DOCKER_SCHEMA1;
      }
      if (version != 2) {
        return "";
      }
      GoStruct config =
          Objects.requireNonNull(GoJson.decode(root, CONFIG_MEDIA_TYPE).struct("config"));
      String configType = config.string("mediaType");
      if (configType.equals(MediaType.OCI_CONFIG)) {
        return MediaType.OCI_MANIFEST;
      }
      if (configType.equals(MediaType.DOCKER_CONFIG)) {
        return MediaType.DOCKER_SCHEMA2;
      }
      if (GoJson.decode(root, INDEX).slice("manifests").length() != 0) {
        // containers/image returns the config media type here when there is one (its FIXME).
        return configType.isEmpty() ? MediaType.OCI_INDEX : configType;
      }
      return MediaType.OCI_MANIFEST;
    } catch (GoJsonException e) {
      return "";
    }
  }
}
