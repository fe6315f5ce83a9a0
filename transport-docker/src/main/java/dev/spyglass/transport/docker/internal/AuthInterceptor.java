package dev.spyglass.transport.docker.internal;

import dev.spyglass.auth.RegistryAuthenticator;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the {@code Authorization} the {@link RegistryAuthenticator} has for the {@link AuthScope} a
 * request is tagged with (nothing before the registry has challenged). Answering a 401 is {@link
 * RegistryClient}'s job, between calls, so that the token request can reuse the connection. A request
 * to another server (e.g. an upload {@code Location} elsewhere) gets no header, and a redirect to
 * another host loses it: OkHttp drops {@code Authorization} when a redirect leaves the host.
 */
final class AuthInterceptor implements Interceptor {
  private static final int MAX_ORIGINS = 16;
  private final RegistryAuthenticator authenticator;
  private final ConcurrentMap<String, URI> origins = new ConcurrentHashMap<>();

  AuthInterceptor(RegistryAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    AuthScope scope = request.tag(AuthScope.class);
    if (scope == null) {
      return chain.proceed(request);
    }
    Optional<String> authorization = authenticator.authorization(origin(request.url()), scope.scopes());
    return chain.proceed(
        authorization.isEmpty()
            ? request
            : request.newBuilder().header("Authorization", authorization.get()).build());
  }

  /**
   * The scheme, host and port of {@code url}: all the authenticator compares. Not {@link
   * HttpUrl#uri()}, which re-encodes the whole URL on every request (a tenth of a re-sync's time in
   * OkHttp went there).
   */
  private URI origin(HttpUrl url) {
    String host = url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host();
    String origin = url.scheme() + "://" + host + ":" + url.port();
    URI known = origins.get(origin);
    if (known != null) {
      return known;
    }
    URI uri = URI.create(origin);
    if (origins.size() < MAX_ORIGINS) {
      origins.put(origin, uri);
    }
    return uri;
  }
}
