package dev.spyglass.cli.plugin;

import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Transports;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The transports and manifest formats in use, built in and from plug-ins, and where each came
 * from.
 *
 * @param provided one entry per transport name and per media type, sorted by kind, then name
 */
public record Providers(Transports transports, ManifestFormats formats, List<Provided> provided) {
  public Providers {
    provided = List.copyOf(provided);
  }

  /** What a provider is. */
  public enum Kind {
    TRANSPORT("transport"),
    FORMAT("format");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One transport name or one manifest media type.
   *
   * @param jar the plug-in jar it came from; empty when built in
   */
  public record Provided(String name, Kind kind, Optional<Path> jar) {}
}
