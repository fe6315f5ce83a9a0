package dev.spyglass.api;

import java.util.OptionalInt;

/**
 * Reports a manifest or config that breaks a rule: {@link #rule()} names the rule in a stable,
 * machine-readable way (e.g. {@code "parent-mismatch"}), {@link #index()} the entry it is about.
 */
public final class InvalidManifestException extends ImageException {
  /** A digest is absent, malformed, of an unknown algorithm or of the wrong length. */
  public static final String INVALID_DIGEST = "invalid-digest";

  /** No format (or not the format asked) handles the manifest's media type. */
  public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";

  /** The manifest cannot be converted to the media type asked for. */
  public static final String UNSUPPORTED_CONVERSION = "unsupported-conversion";

  /** The manifest or config is larger than the limit it is read with. */
  public static final String TOO_LARGE = "too-large";

  private static final long serialVersionUID = 1L;
  private final String rule;
  private final int index;

  /** A failure about the manifest as a whole. */
  public InvalidManifestException(String rule, String message) {
    this(rule, -1, message, null);
  }

  /** A failure about entry {@code index} (0-based, in manifest order). */
  public InvalidManifestException(String rule, int index, String message) {
    this(rule, index, message, null);
  }

  public InvalidManifestException(
      String rule, int index, String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause);
    this.rule = rule;
    this.index = index;
  }

  public String rule() {
    return rule;
  }

  /** The entry the failure is about, or empty when it is about the whole manifest. */
  public OptionalInt index() {
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
  }
}
