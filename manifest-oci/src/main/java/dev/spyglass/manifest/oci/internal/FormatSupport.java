package dev.spyglass.manifest.oci.internal;

import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What both format providers share: media type dispatch and guessing. */
public final class FormatSupport {
  private FormatSupport() {}

  /**
   * {@code mediaType} normalised, when it is one of {@code supported}.
   *
   * @throws InvalidManifestException rule {@code unsupported-media-type} otherwise
   */
  public static String requireOneOf(String mediaType, Set<String> supported)
      throws InvalidManifestException {
    String type = MediaType.normalize(Objects.requireNonNull(mediaType, "mediaType"));
    if (!supported.contains(type)) {
      throw new InvalidManifestException(
          Rules.UNSUPPORTED_MEDIA_TYPE,
          "manifest media type "
              + GoQuote.forMessage(mediaType)
              + " is not handled by this format; it handles "
              + String.join(", ", new TreeSet<>(supported)));
    }
    return type;
  }

  /** GuessMIMEType's answer when it is one of {@code mine}. */
  public static Optional<String> guess(byte[] bytes, Set<String> mine) {
    String guess = MediaTypeGuess.guess(bytes);
    return mine.contains(guess) ? Optional.of(guess) : Optional.empty();
  }
}
