package dev.spyglass.api;

/**
 * Reports that a forward proxy answered {@code 407 Proxy Authentication Required}: it wants
 * credentials in the proxy URL and none were given, or it refused the ones given. Names the proxy
 * as its URL without the password, and the environment variable that set it.
 */
public final class ProxyAuthenticationException extends ImageException {
  private static final long serialVersionUID = 1L;
  private final String proxy;
  private final String variable;
  private final boolean credentialsSent;

  /**
   * @param proxy the proxy URL, its password already hidden
   * @param variable the environment variable that named it, e.g. {@code HTTPS_PROXY}
   * @param target what was being reached through it, e.g. {@code registry.example:443}
   * @param credentialsSent whether the request carried {@code Proxy-Authorization}
   */
  public ProxyAuthenticationException(
      String proxy, String variable, String target, boolean credentialsSent) {
    super(
        "proxy \""
            + proxy
            + "\" (from "
            + variable
            + ") "
            + (credentialsSent ? "refused the credentials in its URL" : "requires authentication")
            + " for \""
            + target
            + "\" (HTTP 407)");
    this.proxy = proxy;
    this.variable = variable;
    this.credentialsSent = credentialsSent;
  }

  /** The proxy URL, without its password. */
  public String proxy() {
    return proxy;
  }

  /** The environment variable that named the proxy. */
  public String variable() {
    return variable;
  }

  /** Whether credentials were sent: false means the proxy URL needs some. */
  public boolean credentialsSent() {
    return credentialsSent;
  }
}
