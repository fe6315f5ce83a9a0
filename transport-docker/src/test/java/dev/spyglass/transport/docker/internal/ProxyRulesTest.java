package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's own test tables of golang.org/x/net/http/httpproxy, with Spyglass's answers beside. */
class ProxyRulesTest {
  private static final String GO_NO_PROXY =
      "foobar.com, .barbaz.net, *.wildcard.io, 192.168.1.1, 192.168.1.2:81, 192.168.1.3:80,"
          + " 10.0.0.0/30, 2001:db8::52:0:1, [2001:db8::52:0:2]:443, [2001:db8::52:0:3]:80,"
          + " 2002:db8:a::45/64";

  /** Go's UseProxyTests: host (at port 80), whether it is proxied under GO_NO_PROXY. */
  @ParameterizedTest
  @CsvSource({
    "localhost, false",
    "127.0.0.1, false",
    "127.0.0.2, false",
    "[::1], false",
    "[::2], true",
    "192.168.1.1, false",
    "192.168.1.2, true",
    "192.168.1.3, false",
    "192.168.1.4, true",
    "10.0.0.2, false",
    "[2001:db8::52:0:1], false",
    "[2001:db8::52:0:2], true",
    "[2001:db8::52:0:3], false",
    "[2002:db8:a::123], false",
    "[fe80::424b:c8be:1643:a1b6], true",
    "barbaz.net, true",
    "www.barbaz.net, false",
    "foobar.com, false",
    "www.foobar.com, false",
    "foofoobar.com, true",
    "baz.com, true",
    "localhost.net, true",
    "local.localhost, true",
    "barbarbaz.net, true",
    "wildcard.io, true",
    "nested.wildcard.io, false",
    "awildcard.io, true",
  })
  void noProxyMatchesAsGoDoes(String host, boolean proxied) {
    ProxyRules rules = ProxyRules.fromEnvironment(Map.of("NO_PROXY", GO_NO_PROXY));
    assertEquals(proxied, rules.useProxy(host, 80), host);
  }

  /** Go's TestAllNoProxy: "*" proxies nothing. */
  @ParameterizedTest
  @CsvSource({"localhost", "192.168.1.4", "[fe80::424b:c8be:1643:a1b6]", "barbaz.net", "a.b.c"})
  void starProxiesNothing(String host) {
    assertFalse(ProxyRules.fromEnvironment(Map.of("NO_PROXY", "*")).useProxy(host, 80));
  }

  /** Go's TestInvalidNoProxy: an entry without a host is ignored. */
  @Test
  void entryWithoutHostIsIgnored() {
    assertTrue(ProxyRules.fromEnvironment(Map.of("NO_PROXY", ":1")).useProxy("example.com", 80));
  }

  @Test
  void noProxyPortMustMatchTheRequestsPort() {
    ProxyRules rules = ProxyRules.fromEnvironment(Map.of("no_proxy", "registry.corp:5000"));
    assertFalse(rules.useProxy("registry.corp", 5000));
    assertFalse(rules.useProxy("a.registry.corp", 5000));
    assertTrue(rules.useProxy("registry.corp", 443));
  }

  @Test
  void namesAreComparedIgnoringCaseAndSpaces() {
    ProxyRules rules = ProxyRules.fromEnvironment(Map.of("NO_PROXY", " Example.COM ,other"));
    assertFalse(rules.useProxy("WWW.example.com", 443));
    assertFalse(rules.useProxy("other", 443));
  }

  /**
   * Go's proxyForURLTests: HTTP_PROXY, HTTPS_PROXY, NO_PROXY, the request URL, and the proxy URL Go
   * answers (empty for none).
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1:8080 | | | http://example.com | http://127.0.0.1:8080",
        "cache.corp.example.com:1234 | | | http://example.com | http://cache.corp.example.com:1234",
        "cache.corp.example.com | | | http://example.com | http://cache.corp.example.com",
        "localhost | | | http://example.com | http://localhost",
        "https://cache.corp.example.com | | | http://example.com | https://cache.corp.example.com",
        "http://127.0.0.1:8080 | | | http://example.com | http://127.0.0.1:8080",
        "https://127.0.0.1:8080 | | | http://example.com | https://127.0.0.1:8080",
        "socks5://127.0.0.1 | | | http://example.com | socks5://127.0.0.1",
        "foo://host | | | http://example.com | foo://host",
        "http.proxy.tld | secure.proxy.tld | | http://insecure.tld/ | http://http.proxy.tld",
        "http.proxy.tld | secure.proxy.tld | | https://secure.tld/ | http://secure.proxy.tld",
        "http.proxy.tld | https://secure.proxy.tld | | https://secure.tld/ |"
            + " https://secure.proxy.tld",
        "http.proxy.tld | | | https://secure.tld/ | ",
        "http.proxy.tld | | | ftp://insecure.tld/ | ",
        " | | | http://example.com | ",
        "proxy | | example.com | http://example.com/ | ",
        "proxy | | .example.com | http://example.com/ | http://proxy",
        "proxy | | ample.com | http://example.com/ | http://proxy",
        "proxy | | example.com | http://foo.example.com/ | ",
        "proxy | | .foo.com | http://example.com/ | http://proxy",
        "proxy | | .示例.com | http://www.示例.com | ",
        "proxy | | xn--fsq092h.com | http://www.示例.com | ",
        "proxy | | 示例.com | http://www.xn--fsq092h.com | ",
        "proxy | | example.com | http://[1000::%25.example.com]:123 | http://proxy",
      })
  void choosesTheProxyGoChooses(
      String httpProxy, String httpsProxy, String noProxy, String url, String expected) {
    Map<String, String> env = new HashMap<>();
    Optional.ofNullable(httpProxy).ifPresent(v -> env.put("HTTP_PROXY", v));
    Optional.ofNullable(httpsProxy).ifPresent(v -> env.put("HTTPS_PROXY", v));
    Optional.ofNullable(noProxy).ifPresent(v -> env.put("NO_PROXY", v));
    ProxyRules rules = ProxyRules.fromEnvironment(env);
    String scheme = url.substring(0, url.indexOf(':'));
    HttpUrl parsed = HttpUrl.parse(url); // as OkHttp hands URLs over: host in punycode
    String host;
    int port;
    if (parsed != null) {
      host = parsed.host();
      port = parsed.port();
    } else if (scheme.equals("ftp")) {
      host = URI.create(url).getHost();
      port = 21;
    } else {
      host = "1000::%.example.com"; // the IPv6 literal with a zone, which OkHttp does not parse
      port = 123;
    }
    ProxyRules.Route route = rules.route(scheme, host, port);
    String chosen =
        route instanceof ProxyRules.Via via
            ? via.proxy().scheme() + "://" + via.proxy().hostPort()
            : null;
    assertEquals(expected, chosen, url);
  }

  /** Go's CGI case: HTTP_PROXY is refused when REQUEST_METHOD is set; HTTPS_PROXY still used. */
  @Test
  void refusesHttpProxyInCgiEnvironment() {
    ProxyRules rules =
        ProxyRules.fromEnvironment(
            Map.of(
                "HTTP_PROXY", "http://10.1.2.3:8080",
                "HTTPS_PROXY", "https://secure.proxy.tld",
                "REQUEST_METHOD", "PUT"));
    assertInstanceOf(ProxyRules.Refused.class, rules.route("http", "example.com", 80));
    assertInstanceOf(ProxyRules.Via.class, rules.route("https", "secure.tld", 443));
  }

  @Test
  void upperCaseVariableWinsThenLowerCase() {
    ProxyRules both =
        ProxyRules.fromEnvironment(
            Map.of("HTTPS_PROXY", "upper:1", "https_proxy", "lower:2", "no_proxy", "x"));
    assertEquals("upper:1", via(both, "https").hostPort());
    assertEquals("HTTPS_PROXY", via(both, "https").variable());
    ProxyRules emptyUpper =
        ProxyRules.fromEnvironment(Map.of("HTTPS_PROXY", "", "https_proxy", "lower:2"));
    assertEquals("lower:2", via(emptyUpper, "https").hostPort());
    assertEquals("https_proxy", via(emptyUpper, "https").variable());
  }

  @Test
  void userInfoIsDecodedAndNeverDisplayed() {
    ProxyEndpoint proxy =
        ProxyEndpoint.parse("HTTPS_PROXY", "http://alice:s%40cr%3Aet@proxy.corp:3128/");
    assertEquals("alice", proxy.username());
    assertEquals("s@cr:et", proxy.password());
    assertEquals("proxy.corp", proxy.host());
    assertEquals(3128, proxy.port());
    assertEquals("http://alice:<redacted>@proxy.corp:3128", proxy.display());
    assertFalse(proxy.toString().contains("cr"));
    assertEquals(Optional.empty(), proxy.unsupported());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "proxy.corp | 80",
        "https://proxy.corp | 443",
        "socks5://proxy.corp | 1080",
        "[::1]:3128 | 3128",
      })
  void portDefaultsToTheSchemes(String value, int port) {
    assertEquals(port, ProxyEndpoint.parse("HTTP_PROXY", value).port());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://u:secret@proxy.corp | proxies spoken to over TLS (https://) are not supported",
        "foo://proxy.corp | the scheme \"foo\" is not supported",
        "socks5://u:secret@proxy.corp | SOCKS5 proxies with a user name are not supported",
        "proxy.corp:port | has an invalid port",
      })
  void refusesWhatItCannotSpeakWithoutShowingThePassword(String value, String reason) {
    String message = ProxyEndpoint.parse("HTTPS_PROXY", value).unsupported().orElseThrow();
    assertTrue(message.contains(reason), message);
    assertTrue(message.contains("(from HTTPS_PROXY)"), message);
    assertFalse(message.contains("secret"), message);
  }

  private static ProxyEndpoint via(ProxyRules rules, String scheme) {
    return ((ProxyRules.Via) rules.route(scheme, "registry.example", 443)).proxy();
  }
}
