package dev.spyglass.auth;

import dev.spyglass.api.Credentials;
import java.util.Objects;

/**
 * Credentials found for a registry and where they were found ({@code "--creds"}, {@code "file
 * /home/u/.docker/config.json (auths)"}, {@code "helper docker-credential-pass"}), for {@code
 * --debug}. {@link #toString()} never shows the secret.
 */
public record ResolvedCredentials(Credentials credentials, String source) {
  public ResolvedCredentials {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(source, "source");
  }
}
