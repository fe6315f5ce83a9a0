package dev.spyglass.transport.docker.internal;

import java.util.Set;

/**
 * The token scopes a request needs, carried as an OkHttp request tag from {@link RegistryApi} to
 * {@link AuthInterceptor}.
 */
public record AuthScope(Set<String> scopes) {
  /** No scope: registry-wide requests such as {@code GET /v2/}, whose challenge names none. */
  public static final AuthScope REGISTRY = new AuthScope(Set.of());

  public AuthScope {
    scopes = Set.copyOf(scopes);
  }

  /** {@code repository:NAME:pull}: what every read of {@code repository} needs. */
  public static AuthScope pull(String repository) {
    return new AuthScope(Set.of("repository:" + repository + ":pull"));
  }

  /** {@code repository:NAME:pull,push}: what every request of a push to {@code repository} needs. */
  public static AuthScope push(String repository) {
    return new AuthScope(Set.of("repository:" + repository + ":pull,push"));
  }

  /** A push to {@code repository} that mounts from {@code from}: also {@code repository:FROM:pull}. */
  public static AuthScope pushMountingFrom(String repository, String from) {
    return new AuthScope(
        Set.of("repository:" + repository + ":pull,push", "repository:" + from + ":pull"));
  }

  /**
   * {@code repository:NAME:*}: what deleting from {@code repository} needs. As containers/image asks:
   * distribution wants {@code pull} and {@code delete}, quay.io wants {@code push} and refuses a
   * request naming {@code delete}; both read {@code *} as every action.
   */
  public static AuthScope delete(String repository) {
    return new AuthScope(Set.of("repository:" + repository + ":*"));
  }
}
