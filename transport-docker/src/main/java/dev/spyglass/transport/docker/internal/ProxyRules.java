package dev.spyglass.transport.docker.internal;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which proxy a request goes through, decided from the environment as Go's {@code
 * http.ProxyFromEnvironment} (golang.org/x/net/http/httpproxy) decides it, so that Spyglass goes
 * where skopeo goes:
 *
 * <ul>
 *   <li>{@code https://} URLs use {@code HTTPS_PROXY}, {@code http://} URLs {@code HTTP_PROXY}
 *       (each variable read upper case first, then lower case; the first that is not empty wins);
 *       other schemes none. In a CGI environment ({@code REQUEST_METHOD} set) {@code HTTP_PROXY} is
 *       refused, as Go refuses it.
 *   <li>{@code localhost} and loopback addresses ({@code 127.0.0.0/8}, {@code ::1}) are never
 *       proxied.
 *   <li>{@code NO_PROXY} ({@code no_proxy}) is a comma-separated list: {@code *} (no proxy at all);
 *       an IP address or a CIDR range; a domain, which matches itself and its subdomains ({@code
 *       example.com}); a leading dot or {@code *.} matches subdomains only ({@code .example.com});
 *       any of them but a CIDR may end in {@code :PORT}, which must then match. Host names are
 *       compared in lower case and in their ASCII (punycode) form; a domain never matches an IP
 *       address.
 * </ul>
 *
 * <p>Pure: reads only the map it is given. Immutable and thread safe.
 */
final class ProxyRules {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final @Nullable ProxyEndpoint http;
  private final @Nullable ProxyEndpoint https;
  private final boolean cgi;
  private final boolean noProxyAll;
  private final List<IpRule> ipRules;
  private final List<DomainRule> domainRules;

  /** Where one request goes. */
  sealed interface Route {}

  /** Straight to the server. */
  record Direct() implements Route {}

  /**
   * Through {@code proxy} (which may be one Spyglass cannot use: see {@link
   * ProxyEndpoint#unsupported}).
   */
  record Via(ProxyEndpoint proxy) implements Route {}

  /** Nowhere: the environment's setting cannot be used for this request. */
  record Refused(String reason) implements Route {}

  private ProxyRules(Map<String, String> env) {
    String httpValue = firstSet(env, "HTTP_PROXY", "http_proxy");
    String httpsValue = firstSet(env, "HTTPS_PROXY", "https_proxy");
    this.http =
        httpValue == null ? null : ProxyEndpoint.parse(variable(env, "HTTP_PROXY"), httpValue);
    this.https =
        httpsValue == null ? null : ProxyEndpoint.parse(variable(env, "HTTPS_PROXY"), httpsValue);
    String requestMethod = env.get("REQUEST_METHOD");
    this.cgi = requestMethod != null && !requestMethod.isEmpty();
    String noProxy = firstSet(env, "NO_PROXY", "no_proxy");
    List<IpRule> ips = new ArrayList<>();
    List<DomainRule> domains = new ArrayList<>();
    boolean all = false;
    for (String entry : (noProxy == null ? "" : noProxy).split(",", -1)) {
      String p = entry.trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      if (p.equals("*")) {
        all = true;
        break;
      }
      Cidr cidr = Cidr.parse(p);
      if (cidr != null) {
        ips.add(cidr);
        continue;
      }
      String phost = p;
      String pport = "";
      String[] split = splitHostPort(p);
      if (split != null) {
        if (split[0].isEmpty()) {
          continue; // no host part: malformed, ignored as Go ignores it
        }
        phost = split[0];
        pport = split[1];
        if (phost.startsWith("[") && phost.endsWith("]")) {
          phost = phost.substring(1, phost.length() - 1);
        }
      }
      InetAddress ip = ipLiteral(phost);
      if (ip != null) {
        ips.add(new IpMatch(ip, pport));
        continue;
      }
      if (phost.startsWith("*.")) {
        phost = phost.substring(1);
      }
      boolean matchHost = false;
      if (!phost.startsWith(".")) {
        matchHost = true;
        phost = "." + phost;
      }
      domains.add(new DomainRule(ascii(phost), pport, matchHost));
    }
    this.noProxyAll = all;
    this.ipRules = List.copyOf(ips);
    this.domainRules = List.copyOf(domains);
  }

  /** The rules {@code env} sets (usually {@code System.getenv()}). */
  static ProxyRules fromEnvironment(Map<String, String> env) {
    return new ProxyRules(env);
  }

  /** The rules of this process's environment, read once. */
  static ProxyRules environment() {
    return Environment.RULES;
  }

  private static final class Environment {
    static final ProxyRules RULES = fromEnvironment(System.getenv());
  }

  /** Whether no proxy is set at all (then nothing needs to ask). */
  boolean isEmpty() {
    return http == null && https == null;
  }

  /** Every proxy set, for matching the one OkHttp connected through. */
  List<ProxyEndpoint> endpoints() {
    List<ProxyEndpoint> all = new ArrayList<>(2);
    if (http != null) {
      all.add(http);
    }
    if (https != null) {
      all.add(https);
    }
    return all;
  }

  /** The route of a request to {@code scheme://host:port}; {@code host} without brackets. */
  Route route(String scheme, String host, int port) {
    ProxyEndpoint proxy;
    if (scheme.equalsIgnoreCase("https")) {
      proxy = https;
    } else if (scheme.equalsIgnoreCase("http")) {
      proxy = http;
      if (proxy != null && cgi) {
        return new Refused(
            "refusing to use "
                + proxy.variable()
                + " in a CGI environment (REQUEST_METHOD is set)");
      }
    } else {
      proxy = null;
    }
    if (proxy == null || !useProxy(host, port)) {
      return new Direct();
    }
    return new Via(proxy);
  }

  /**
   * Whether a request to {@code host:port} may be proxied: not to localhost or a loopback address,
   * nor to a host {@code NO_PROXY} names.
   */
  boolean useProxy(String host, int port) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost")) {
      return false;
    }
    InetAddress ip = ipLiteral(h);
    if (ip != null && ip.isLoopbackAddress()) {
      return false;
    }
    if (noProxyAll) {
      return false;
    }
    String p = Integer.toString(port);
    if (ip != null) {
      for (IpRule rule : ipRules) {
        if (rule.matches(ip, p)) {
          return false;
        }
      }
      return true; // a domain never matches an address
    }
    if (h.contains(":")) {
      return true; // an IPv6 literal with a zone, or not an address at all: no domain matches it
    }
    String name = ascii(h);
    for (DomainRule rule : domainRules) {
      if (rule.matches(name, p)) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable String firstSet(Map<String, String> env, String upper, String lower) {
    String value = env.get(upper);
    if (value == null || value.isEmpty()) {
      value = env.get(lower);
    }
    return value == null || value.isEmpty() ? null : value;
  }

  /** The name of the variable that was used, {@code upper} or its lower-case form. */
  private static String variable(Map<String, String> env, String upper) {
    String value = env.get(upper);
    return value == null || value.isEmpty() ? upper.toLowerCase(Locale.ROOT) : upper;
  }

  /** Go's {@code net.SplitHostPort}: {@code host:port} or {@code [host]:port}; null otherwise. */
  private static String @Nullable [] splitHostPort(String text) {
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || !text.startsWith(":", close + 1)) {
        return null;
      }
      String rest = text.substring(close + 2);
      return rest.contains(":") ? null : new String[] {text.substring(1, close), rest};
    }
    int colon = text.indexOf(':');
    if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
      return null; // no port, or an IPv6 address without brackets
    }
    return new String[] {text.substring(0, colon), text.substring(colon + 1)};
  }

  /** The address {@code text} is the literal of (IPv4 dotted quad or IPv6), without a lookup. */
  static @Nullable InetAddress ipLiteral(String text) {
    String t = text;
    int zone = t.indexOf('%');
    if (t.contains(":")) {
      if (zone >= 0) {
        t = t.substring(0, zone);
      }
      if (!t.matches("[0-9a-fA-F:.]+")) {
        return null;
      }
    } else if (!IPV4.matcher(t).matches()) {
      return null;
    } else {
      for (String part : t.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    }
    try {
      return InetAddress.getByName(t); // a literal: no name service is asked
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** {@code name} in its ASCII (punycode) form; a leading dot is kept. */
  private static String ascii(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        boolean dot = name.startsWith(".");
        try {
          String converted =
              IDN.toASCII(dot ? name.substring(1) : name, IDN.ALLOW_UNASSIGNED)
                  .toLowerCase(Locale.ROOT);
          return dot ? "." + converted : converted;
        } catch (IllegalArgumentException e) {
          return name;
        }
      }
    }
    return name;
  }

  private interface IpRule {
    boolean matches(InetAddress ip, String port);
  }

  private record IpMatch(InetAddress ip, String port) implements IpRule {
    @Override
    public boolean matches(InetAddress candidate, String candidatePort) {
      return ip.equals(candidate) && (port.isEmpty() || port.equals(candidatePort));
    }
  }

  private record Cidr(byte[] network, int bits) implements IpRule {
    static @Nullable Cidr parse(String text) {
      int slash = text.indexOf('/');
      if (slash < 0) {
        return null;
      }
      InetAddress ip = ipLiteral(text.substring(0, slash));
      String bitsText = text.substring(slash + 1);
      if (ip == null || text.contains("%") || !bitsText.matches("\\d{1,3}")) {
        return null;
      }
      int bits = Integer.parseInt(bitsText);
      byte[] address = ip.getAddress();
      if (bits > address.length * 8) {
        return null;
      }
      return new Cidr(address, bits);
    }

    @Override
    public boolean matches(InetAddress candidate, String port) {
      byte[] address = candidate.getAddress();
      if (address.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /** A {@code NO_PROXY} domain: {@code host} starts with a dot. */
  private record DomainRule(String host, String port, boolean matchHost) {
    boolean matches(String name, String candidatePort) {
      if (name.endsWith(host) || (matchHost && name.equals(host.substring(1)))) {
        return port.isEmpty() || port.equals(candidatePort);
      }
      return false;
    }
  }

  @Override
  public String toString() {
    return "ProxyRules[http=" + http + ", https=" + https + "]";
  }
}
