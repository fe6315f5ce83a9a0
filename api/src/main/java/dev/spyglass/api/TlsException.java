package dev.spyglass.api;

/** Reports a TLS failure: an untrusted or invalid certificate, or a failed handshake. */
public final class TlsException extends ImageException {
  private static final long serialVersionUID = 1L;
  private final String registry;
  private final Problem problem;

  /** Which side's certificate was the problem. */
  public enum Problem {
    /** The server's certificate could not be verified, or the handshake failed otherwise. */
    SERVER_CERTIFICATE,
    /** The server wants a client certificate it accepts, and none was presented. */
    CLIENT_CERTIFICATE
  }

  /** @param reason what was wrong with the certificate or handshake */
  public TlsException(String registry, String reason, Throwable cause) {
    this(registry, reason, Problem.SERVER_CERTIFICATE, cause);
  }

  public TlsException(String registry, String reason, Problem problem, Throwable cause) {
    super("TLS connection to \"" + registry + "\" failed: " + reason, cause);
    this.registry = registry;
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public String registry() {
    return registry;
  }
}
