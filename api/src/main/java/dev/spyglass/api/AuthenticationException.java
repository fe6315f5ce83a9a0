package dev.spyglass.api;

/**
 * Reports that a registry wants credentials ({@link Reason#REQUIRED}), refused the ones it was given
 * ({@link Reason#REFUSED}), or accepted them but grants them no access to the repository ({@link
 * Reason#DENIED}, e.g. a token without the scope asked for).
 */
public final class AuthenticationException extends ImageException {
  private static final long serialVersionUID = 1L;
  private final String registry;
  private final String repository;
  private final int status;
  private final Reason reason;

  /** Why the registry said no. */
  public enum Reason {
    /** No credentials were sent, and the registry wants some. */
    REQUIRED,
    /** The credentials sent were refused (wrong user name or password). */
    REFUSED,
    /** The credentials were accepted but give no access to what was asked for. */
    DENIED
  }

  /** A required ({@code credentialsSent} false) or refused (true) authentication. */
  public AuthenticationException(
      String registry, String repository, int status, boolean credentialsSent, String detail) {
    this(registry, repository, status, credentialsSent ? Reason.REFUSED : Reason.REQUIRED, detail);
  }

  public AuthenticationException(
      String registry, String repository, int status, Reason reason, String detail) {
    super(
        switch (reason) {
              case REQUIRED -> "registry \"" + registry + "\" requires authentication";
              case REFUSED -> "registry \"" + registry + "\" refused the credentials";
              case DENIED -> "registry \"" + registry + "\" denied the credentials access";
            }
            + (repository.isEmpty()
                ? ""
                : (reason == Reason.DENIED ? " to" : " for")
                    + " repository \""
                    + repository
                    + "\"")
            + " (HTTP "
            + status
            + (detail.isEmpty() ? "" : ", " + detail)
            + ")");
    this.registry = registry;
    this.repository = repository;
    this.status = status;
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
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

  /** Whether credentials were sent: false means some are needed. */
  public boolean credentialsSent() {
    return reason != Reason.REQUIRED;
  }
}
