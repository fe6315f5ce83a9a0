package dev.spyglass.api;

import java.util.OptionalInt;

/**
 * Reports a manifest or config that breaks a rule: {@link #rule()} names the rule in a stable,
 * machine-readable way (e.g. {@code "parent-mismatch"}), {@link #index()} the entry it is about.
 */
public final class InvalidManifestException extends ImageException {
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
