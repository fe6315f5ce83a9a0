package dev.spyglass.cli.sync.config;

/** STAND-IN (replaced by branch {@code syncyaml}): an invalid YAML source, a usage error. */
public class SyncConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public SyncConfigException(String message) {
    super(message);
  }
}
