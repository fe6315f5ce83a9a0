package dev.spyglass.auth;

import dev.spyglass.api.Credentials;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What to ask a token server for. {@link #toString()} never shows the credentials. */
public final class TokenRequest {
  private final URI realm;
  private final String service;
  private final List<String> scopes;
  private final @Nullable Credentials credentials;

  public TokenRequest(
      URI realm, String service, List<String> scopes, @Nullable Credentials credentials) {
    this.realm = Objects.requireNonNull(realm, "realm");
    this.service = Objects.requireNonNull(service, "service");
    this.scopes = List.copyOf(scopes);
    this.credentials = credentials;
  }

  public URI realm() {
    return realm;
  }

  /** The {@code service} parameter of the challenge; empty when it had none. */
  public String service() {
    return service;
  }

  /** Scopes such as {@code repository:library/busybox:pull}, in a stable order. */
  public List<String> scopes() {
    return scopes;
  }

  /** Credentials to present; empty for an anonymous token. */
  public Optional<Credentials> credentials() {
    return Optional.ofNullable(credentials);
  }

  @Override
  public String toString() {
    return "TokenRequest[realm="
        + realm
        + ", service="
        + service
        + ", scopes="
        + scopes
        + ", credentials="
        + (credentials == null ? "none" : credentials.username())
        + "]";
  }
}
