package dev.spyglass.api;

/** Reports a registry that could not be reached at all (name not resolved, refused, timed out). */
public final class RegistryUnreachableException extends ImageException {
  private static final long serialVersionUID = 1L;
  private final String registry;

  public RegistryUnreachableException(String registry, String reason, Throwable cause) {
    super("registry \"" + registry + "\" is unreachable: " + reason, cause);
    this.registry = registry;
  }

  public String registry() {
    return registry;
  }
}
