package dev.spyglass.transport.docker.internal;

import dev.spyglass.auth.RegistryAuthenticator;
import java.io.IOException;
import java.util.Optional;
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
  private final RegistryAuthenticator authenticator;

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
    Optional<String> authorization = authenticator.authorization(request.url().uri(), scope.scopes());
    return chain.proceed(
        authorization.isEmpty()
            ? request
            : request.newBuilder().header("Authorization", authorization.get()).build());
  }
}
