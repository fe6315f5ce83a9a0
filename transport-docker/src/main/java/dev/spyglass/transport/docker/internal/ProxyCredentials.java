package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.ProxyAuthenticationException;
import java.io.IOException;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.Connection;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.jspecify.annotations.Nullable;

/**
 * Sends the {@code user:password} of a proxy URL as {@code Proxy-Authorization: Basic}, up front,
 * as Go does: on {@code CONNECT} (OkHttp asks the proxy authenticator before every tunnel, with a
 * fake {@code OkHttp-Preemptive} challenge: the JDK's own {@code Authenticator} would not send
 * Basic to a tunnel) and, as a network interceptor, on plain-HTTP requests sent to an HTTP proxy;
 * never on a request inside a tunnel, which the registry reads. The {@code CONNECT} also carries
 * Spyglass's {@code User-Agent}. A real {@code 407} is final: it becomes a {@link
 * ProxyAuthenticationException} naming the proxy (password hidden), never a retry.
 */
final class ProxyCredentials implements Authenticator, Interceptor {
  private static final String PREEMPTIVE = "OkHttp-Preemptive";

  private final ProxyRules rules;
  private final String userAgent;

  ProxyCredentials(ProxyRules rules, String userAgent) {
    this.rules = rules;
    this.userAgent = userAgent;
  }

  @Override
  public @Nullable Request authenticate(@Nullable Route route, Response response)
      throws IOException {
    Request request = response.request();
    Optional<ProxyEndpoint> proxy =
        route == null ? Optional.empty() : endpoint(route.proxy(), request.url());
    if (PREEMPTIVE.equalsIgnoreCase(response.header("Proxy-Authenticate"))) {
      Request.Builder connect = request.newBuilder().header("User-Agent", userAgent);
      proxy
          .flatMap(ProxyCredentials::basic)
          .ifPresent(b -> connect.header("Proxy-Authorization", b));
      return connect.build();
    }
    if (response.code() != 407) {
      return null;
    }
    String target = request.url().host() + ":" + request.url().port();
    throw new ProxyAuthenticationException(
        proxy.map(ProxyEndpoint::display).orElse(route == null ? "?" : route.proxy().toString()),
        proxy.map(ProxyEndpoint::variable).orElse("the environment"),
        target,
        request.header("Proxy-Authorization") != null);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Connection connection = chain.connection();
    if (connection != null
        && !request.isHttps()
        && connection.route().proxy().type() == Proxy.Type.HTTP
        && request.header("Proxy-Authorization") == null) {
      Optional<String> basic =
          endpoint(connection.route().proxy(), request.url()).flatMap(ProxyCredentials::basic);
      if (basic.isPresent()) {
        request = request.newBuilder().header("Proxy-Authorization", basic.get()).build();
      }
    }
    return chain.proceed(request);
  }

  /**
   * The endpoint OkHttp connected through to reach {@code url}: the one the rules chose for it
   * (HTTP_PROXY and HTTPS_PROXY may name the same proxy with different credentials), else any
   * endpoint at that address.
   */
  private Optional<ProxyEndpoint> endpoint(Proxy proxy, HttpUrl url) {
    if (rules.route(url.scheme(), url.host(), url.port()) instanceof ProxyRules.Via via
        && via.proxy().is(proxy)) {
      return Optional.of(via.proxy());
    }
    return rules.endpoints().stream().filter(e -> e.is(proxy)).findFirst();
  }

  private static Optional<String> basic(ProxyEndpoint proxy) {
    String user = proxy.username();
    if (user == null) {
      return Optional.empty();
    }
    String password = proxy.password();
    return Optional.of(
        okhttp3.Credentials.basic(user, password == null ? "" : password, StandardCharsets.UTF_8));
  }
}
