package dev.spyglass.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A Bearer token, when it stops being used, and how many times it was handed out; guarded by the
 * lock of the authenticator that holds it.
 */
public final class CachedToken {
  /** How long a token lives when the token server does not say. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

  /** A cached token is renewed this long before it expires, so it does not expire in flight. */
  public static final Duration RENEW_BEFORE = Duration.ofSeconds(5);

  private final String token;
  private final Instant expires;
  private int handOuts = 1;

  /** A token just fetched, counted as handed out once. */
  public CachedToken(String token, Instant expires) {
    this.token = token;
    this.expires = expires;
  }

  /**
   * When a token that arrived at {@code now} expires: {@code expiresIn} ({@link #DEFAULT_LIFETIME}
   * when not positive) from {@code issuedAt}, never later than from {@code now}.
   */
  public static Instant expiry(Instant now, Duration expiresIn, Optional<Instant> issuedAt) {
    Duration lifetime = expiresIn;
    if (lifetime.isZero() || lifetime.isNegative()) {
      lifetime = DEFAULT_LIFETIME;
    }
    Instant expires = now.plus(lifetime);
    if (issuedAt.isPresent()) {
      Instant fromIssue = issuedAt.get().plus(lifetime);
      if (fromIssue.isBefore(expires)) {
        expires = fromIssue;
      }
    }
    return expires;
  }

  /** The token itself, a secret. */
  public String token() {
    return token;
  }

  /** How many times the token was handed out. */
  public int handOuts() {
    return handOuts;
  }

  /** Counts one more hand-out. */
  void handedOut() {
    handOuts++;
  }

  /** Whether the token may still be sent at {@code now} (not within {@link #RENEW_BEFORE}). */
  public boolean usableAt(Instant now) {
    return now.plus(RENEW_BEFORE).isBefore(expires);
  }

  @Override
  public String toString() {
    return "CachedToken[token=<redacted>, expires=" + expires + "]";
  }
}
