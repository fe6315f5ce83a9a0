package dev.spyglass.cli.sync.config;

import java.nio.file.Path;
import java.util.List;

/**
 * STAND-IN for the parsed YAML source (replaced by branch {@code syncyaml}): registries in order.
 */
public record SyncConfig(List<RegistrySource> registries) {
  public SyncConfig {
    registries = List.copyOf(registries);
  }

  /** STAND-IN: the real one parses YAML; this one refuses, so that nothing depends on it. */
  public static SyncConfig parse(Path file) {
    throw new SyncConfigException("YAML sources are not built in this branch: " + file);
  }
}
