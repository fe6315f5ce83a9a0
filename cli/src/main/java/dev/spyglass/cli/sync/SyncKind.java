package dev.spyglass.cli.sync;

import java.util.Locale;
import java.util.Optional;

/** The transports {@code --src} and {@code --dest} name. */
public enum SyncKind {
  DOCKER,
  DIR,
  OCI,
  YAML;

  /** The name on the command line. */
  public String flagName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code text}, exactly as written on the command line. */
  public static Optional<SyncKind> of(String text) {
    for (SyncKind kind : values()) {
      if (kind.flagName().equals(text)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
