package dev.spyglass.api;

/**
 * Reports that a registry wants credentials ({@link #credentialsSent()} false) or refused the ones
 * it was given (true).
 */
public final class AuthenticationException extends ImageException {
  private static final long serialVersionUID = 1L;
  private final String registry;
  private final String repository;
  private final int status;
  private final boolean credentialsSent;

  public AuthenticationException(
      String registry, String repository, int status, boolean credentialsSent, String detail) {
    super(
        (credentialsSent ? "registry \"" + registry + "\" refused the credentials"
                : "registry \"" + registry + "\" requires authentication")
            + (repository.isEmpty() ? "" : " for repository \"" + repository + "\"")
            + " (HTTP "
            + status
            + (detail.isEmpty() ? "" : ", " + detail)
            + ")");
    this.registry = registry;
    this.repository = repository;
    this.status = status;
    this.credentialsSent = credentialsSent;
  }

  public String registry() {
    return registry;
  }

  /** The repository asked for, or empty for registry-wide requests. */
  public String repository() {
    return repository;
  }

  public int status() {
    return status;
  }

  /** Whether credentials were sent: true means they were refused, false that some are needed. */
  public boolean credentialsSent() {
    return credentialsSent;
  }
}
