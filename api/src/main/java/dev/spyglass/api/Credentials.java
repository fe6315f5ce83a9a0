package dev.spyglass.api;

import java.util.Objects;

/**
 * A user name and secret for one registry. When {@code username} is empty the secret is an identity
 * (refresh) token. {@link #toString()} never shows the secret.
 */
public record Credentials(String username, String secret) {

  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
  }

  /** Returns whether the secret is an OAuth2 identity token rather than a password. */
  public boolean isIdentityToken() {
    return username.isEmpty() || username.equals("<token>");
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", secret=<redacted>]";
  }
}
