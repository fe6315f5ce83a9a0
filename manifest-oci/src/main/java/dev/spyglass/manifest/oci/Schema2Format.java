package dev.spyglass.manifest.oci;

import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Manifest;
import dev.spyglass.api.ManifestFormat;
import dev.spyglass.api.MediaType;
import dev.spyglass.manifest.oci.internal.FormatSupport;
import dev.spyglass.manifest.oci.internal.ImageManifestParser;
import dev.spyglass.manifest.oci.internal.ManifestListParser;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Docker formats: image manifest schema 2 ({@value MediaType#DOCKER_SCHEMA2}, parsed as {@link
 * Schema2Manifest}) and manifest list ({@value MediaType#DOCKER_MANIFEST_LIST}, parsed as {@link
 * DockerManifestList}). Both require their top-level {@code mediaType} field. Stateless and thread
 * safe.
 */
public final class Schema2Format implements ManifestFormat {
  private static final Set<String> MEDIA_TYPES =
      Set.of(MediaType.DOCKER_SCHEMA2, MediaType.DOCKER_MANIFEST_LIST);

  public Schema2Format() {}

  @Override
  public Set<String> mediaTypes() {
    return MEDIA_TYPES;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Rules: those listed in the package documentation, and {@code unsupported-layer-media-type}
   * for a layer outside Docker's four layer media types.
   */
  @Override
  public Manifest parse(byte[] bytes, String mediaType) throws InvalidManifestException {
    Objects.requireNonNull(bytes, "bytes");
    String type = FormatSupport.requireOneOf(mediaType, MEDIA_TYPES);
    return type.equals(MediaType.DOCKER_SCHEMA2)
        ? ImageManifestParser.schema2(bytes)
        : ManifestListParser.docker(bytes);
  }

  /** Recognises these formats as containers/image's {@code GuessMIMEType} does. */
  @Override
  public Optional<String> guessMediaType(byte[] bytes) {
    return FormatSupport.guess(bytes, MEDIA_TYPES);
  }
}
