package dev.spyglass.api;

/** Reports a TLS failure: an untrusted or invalid certificate, or a failed handshake. */
public final class TlsException extends ImageException {
  private static final long serialVersionUID = 1L;
  private final String registry;

  /** @param reason what was wrong with the certificate or handshake */
  public TlsException(String registry, String reason, Throwable cause) {
    super("TLS connection to \"" + registry + "\" failed: " + reason, cause);
    this.registry = registry;
  }

  public String registry() {
    return registry;
  }
}
