package dev.spyglass.transport.docker.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * Gives OkHttp the proxy {@link ProxyRules} chooses for each connection it opens (registry, token
 * server, blob redirect alike), and says which at DEBUG, password hidden. A route the rules refuse,
 * or a proxy Spyglass cannot speak to, gets no proxy here: {@link ProxyGuard} fails such requests
 * before they are sent.
 */
final class EnvironmentProxySelector extends ProxySelector {
  private final ProxyRules rules;
  private final System.Logger log;

  EnvironmentProxySelector(ProxyRules rules, System.Logger log) {
    this.rules = rules;
    this.log = log;
  }

  @Override
  public List<Proxy> select(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    String host = uri.getHost() == null ? "" : uri.getHost();
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equalsIgnoreCase("https") ? 443 : 80;
    ProxyRules.Route route = rules.route(scheme, host, port);
    if (route instanceof ProxyRules.Via via && via.proxy().unsupported().isEmpty()) {
      log.log(
          Level.DEBUG,
          () ->
              "connecting to "
                  + scheme
                  + "://"
                  + host
                  + ":"
                  + port
                  + " through proxy \""
                  + via.proxy().display()
                  + "\" (from "
                  + via.proxy().variable()
                  + ")");
      return List.of(via.proxy().toProxy());
    }
    if (!rules.isEmpty()) {
      log.log(
          Level.DEBUG,
          () ->
              "connecting to "
                  + scheme
                  + "://"
                  + host
                  + ":"
                  + port
                  + " directly (no proxy for it)");
    }
    return List.of(Proxy.NO_PROXY);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException e) {
    // One proxy per scheme: there is no other to try.
  }
}
