package dev.spyglass.transport.docker.internal;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A proxy named by an environment variable ({@code HTTPS_PROXY}, ...), parsed as Go's {@code
 * httpproxy} parses it: a value without {@code scheme://} is {@code http://}; the port defaults to
 * the scheme's (http 80, https 443, socks5 1080); {@code user:password@} is percent-decoded. Holds
 * the password: {@link #toString()} and {@link #display()} never show it.
 *
 * @param variable the variable it came from, for messages
 * @param scheme lower case, as written (possibly one Spyglass does not support)
 * @param hostPort host and port as written ({@code [v6]:port} keeps its brackets), for messages
 * @param host the host, without brackets
 * @param port the port, the scheme's default when none is written; -1 when it is not a number
 * @param username the user name, or null when the URL has no user info
 * @param password the password, or null when the URL has none
 */
record ProxyEndpoint(
    String variable,
    String scheme,
    String hostPort,
    String host,
    int port,
    @Nullable String username,
    @Nullable String password) {

  /** Parses the value of {@code variable}, {@code value} (not empty). */
  static ProxyEndpoint parse(String variable, String value) {
    String text = value.trim();
    String scheme = "http";
    int separator = text.indexOf("://");
    if (separator > 0 && text.substring(0, separator).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
      text = text.substring(separator + 3);
    }
    int end = text.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = text.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String authority = text.substring(0, end);
    String username = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    String host = authority;
    String portText = "";
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      host = close < 0 ? authority.substring(1) : authority.substring(1, close);
      if (close >= 0 && authority.startsWith(":", close + 1)) {
        portText = authority.substring(close + 2);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon >= 0) {
        host = authority.substring(0, colon);
        portText = authority.substring(colon + 1);
      }
    }
    int port;
    if (portText.isEmpty()) {
      port = defaultPort(scheme);
    } else {
      try {
        port = Integer.parseInt(portText);
        port = port > 0 && port < 65536 ? port : -1;
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    return new ProxyEndpoint(variable, scheme, authority, host, port, username, password);
  }

  private static int defaultPort(String scheme) {
    return switch (scheme) {
      case "https" -> 443;
      case "socks5", "socks5h" -> 1080;
      default -> 80;
    };
  }

  /** Percent-decodes user info as Go's url package does ({@code %40} is {@code @}). */
  private static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%' && i + 2 < bytes.length) {
        int hi = Character.digit(bytes[i + 1], 16);
        int lo = Character.digit(bytes[i + 2], 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      out.write(bytes[i]);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Why Spyglass cannot use this proxy, when it cannot: OkHttp speaks to HTTP proxies (plain
   * requests and {@code CONNECT}) and SOCKS5 proxies (without credentials, which the JDK would take
   * only from a process-wide {@code Authenticator}); not to {@code https://} proxies.
   */
  Optional<String> unsupported() {
    String subject = "proxy \"" + display() + "\" (from " + variable + ")";
    if (host.isEmpty()) {
      return Optional.of(subject + " names no host");
    }
    if (port < 0) {
      return Optional.of(subject + " has an invalid port");
    }
    return switch (scheme) {
      case "http" -> Optional.empty();
      case "socks5", "socks5h" ->
          username == null
              ? Optional.empty()
              : Optional.of(subject + ": SOCKS5 proxies with a user name are not supported");
      case "https" ->
          Optional.of(
              subject
                  + ": proxies spoken to over TLS (https://) are not supported; use an http://"
                  + " proxy (https:// registries still go through it with CONNECT, end to end"
                  + " encrypted)");
      default ->
          Optional.of(
              subject + ": the scheme \"" + scheme + "\" is not supported (http://, socks5://)");
    };
  }

  /** The JDK proxy OkHttp is given for this endpoint; unresolved, so that the proxy resolves it. */
  Proxy toProxy() {
    Proxy.Type type = scheme.startsWith("socks") ? Proxy.Type.SOCKS : Proxy.Type.HTTP;
    return new Proxy(type, InetSocketAddress.createUnresolved(host, port));
  }

  /** Whether this endpoint is the one OkHttp connected through, {@code proxy}. */
  boolean is(Proxy proxy) {
    return proxy.type() != Proxy.Type.DIRECT
        && proxy.address() instanceof InetSocketAddress address
        && address.getPort() == port
        && address.getHostString().equalsIgnoreCase(host);
  }

  boolean hasCredentials() {
    return username != null;
  }

  /** The URL with its password replaced, as messages and {@code --debug} show it. */
  String display() {
    String user =
        username == null ? "" : username + (password == null ? "" : ":" + Redaction.REDACTED) + "@";
    return scheme + "://" + user + hostPort;
  }

  @Override
  public String toString() {
    return display();
  }
}
