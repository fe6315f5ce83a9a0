package dev.spyglass.api;

import java.util.Optional;
import java.util.Set;

/**
 * Service-provider interface of a manifest format: parses manifests of the media types it names and
 * computes their canonical digest.
 *
 * <p>Providers are {@code public final} with a public no-arg constructor, declared in {@code
 * module-info.java} and {@code META-INF/services/dev.spyglass.api.ManifestFormat}, stateless and
 * thread safe.
 */
public interface ManifestFormat {

  /** The media types this format parses, normalised (see {@link MediaType#normalize}). */
  Set<String> mediaTypes();

  /**
   * Parses and validates {@code bytes} as {@code mediaType}: every digest in it is valid, and the
   * format's own rules hold.
   *
   * @throws InvalidManifestException naming the rule and the entry that break it
   */
  Manifest parse(byte[] bytes, String mediaType) throws InvalidManifestException;

  /**
   * The canonical digest of a manifest of this format: the one a registry reports in {@code
   * Docker-Content-Digest} and images are pulled by. The default is SHA-256 of the bytes.
   *
   * @throws InvalidManifestException when the digest cannot be computed (e.g. a broken signature
   *     envelope)
   */
  default Digest digest(byte[] bytes, String mediaType) throws InvalidManifestException {
    return Digest.sha256(bytes);
  }

  /**
   * Recognises a manifest of this format from its bytes alone, for content whose media type is not
   * known (a file, or a registry that sent a generic {@code Content-Type}).
   */
  default Optional<String> guessMediaType(byte[] bytes) {
    return Optional.empty();
  }
}
