package dev.spyglass.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A token server's answer: the token ({@code token}, else {@code access_token}), how long it lives
 * ({@code expires_in}, 60 s when absent) and when it was issued ({@code issued_at}, when given).
 * {@link #toString()} never shows the token.
 */
public final class TokenResponse {
  private final String token;
  private final Duration expiresIn;
  private final @Nullable Instant issuedAt;

  public TokenResponse(String token, Duration expiresIn, @Nullable Instant issuedAt) {
    this.token = Objects.requireNonNull(token, "token");
    this.expiresIn = Objects.requireNonNull(expiresIn, "expiresIn");
    this.issuedAt = issuedAt;
  }

  public String token() {
    return token;
  }

  public Duration expiresIn() {
    return expiresIn;
  }

  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  @Override
  public String toString() {
    return "TokenResponse[token=<redacted>, expiresIn="
        + expiresIn
        + ", issuedAt="
        + issuedAt
        + "]";
  }
}
