package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.RegistryUnreachableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.UnknownHostException;
import okhttp3.Connection;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fails a request whose proxy cannot be used (an {@code https://} proxy, an unknown scheme, a port
 * that is not a number, {@code HTTP_PROXY} in a CGI environment) with one message naming the proxy
 * and its variable, password hidden, rather than silently going around it. As an application
 * interceptor it stops the request before any connection; as a network interceptor it stops a
 * redirect OkHttp follows to a host whose proxy cannot be used, before the request is sent. A
 * proxy that refuses the connection, or whose name does not resolve, is named in the {@link
 * RegistryUnreachableException} (which would otherwise blame the registry).
 */
final class ProxyGuard implements Interceptor {
  private final ProxyRules rules;

  ProxyGuard(ProxyRules rules) {
    this.rules = rules;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Connection connection = chain.connection();
    if (connection == null || connection.route().proxy().type() == Proxy.Type.DIRECT) {
      check(request.url());
    }
    if (connection != null) {
      return chain.proceed(request);
    }
    try {
      return chain.proceed(request);
    } catch (ConnectException | UnknownHostException e) {
      // Through an HTTP proxy OkHttp connects to the proxy and resolves only the proxy's name.
      HttpUrl url = request.url();
      if (rules.route(url.scheme(), url.host(), url.port()) instanceof ProxyRules.Via via
          && via.proxy().scheme().equals("http")) {
        throw new RegistryUnreachableException(
            url.host() + ":" + url.port(),
            "its proxy \""
                + via.proxy().display()
                + "\" (from "
                + via.proxy().variable()
                + ") "
                + (e instanceof UnknownHostException
                    ? "has a host name that could not be resolved"
                    : "refused the connection"),
            e);
      }
      throw e;
    }
  }

  /** Throws when the environment names a proxy for {@code url} that cannot be used. */
  void check(HttpUrl url) throws ImageException {
    ProxyRules.Route route = rules.route(url.scheme(), url.host(), url.port());
    if (route instanceof ProxyRules.Refused refused) {
      throw new ImageException(refused.reason() + "; cannot reach \"" + url.host() + "\"");
    }
    if (route instanceof ProxyRules.Via via) {
      var reason = via.proxy().unsupported();
      if (reason.isPresent()) {
        throw new ImageException(reason.get() + "; cannot reach \"" + url.host() + "\"");
      }
    }
  }
}
