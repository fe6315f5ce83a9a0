package dev.spyglass.auth.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Bearer tokens of one registry by what they were asked for. Not thread safe: guarded by the
 * lock of the authenticator that holds it.
 */
public final class TokenCache {
  private final Map<TokenKey, CachedToken> tokens = new HashMap<>();

  /**
   * A token handed out.
   *
   * @param key what the token was asked for, which covers what was needed
   * @param token the token
   */
  public record HandOut(TokenKey key, String token) {
    @Override
    public String toString() {
      return "HandOut[key=" + key + ", token=<redacted>]";
    }
  }

  /**
   * Hands out the token usable at {@code now} for {@code key}: the one asked for it, or else one
   * whose scopes include its scopes.
   */
  public Optional<HandOut> handOut(TokenKey key, Instant now) {
    CachedToken token = tokens.get(key);
    TokenKey used = key;
    if (token == null || !token.usableAt(now)) {
      token = null;
      for (Map.Entry<TokenKey, CachedToken> e : tokens.entrySet()) {
        if (e.getKey().covers(key) && e.getValue().usableAt(now)) {
          token = e.getValue();
          used = e.getKey();
          break;
        }
      }
    }
    if (token == null) {
      return Optional.empty();
    }
    token.handedOut();
    return Optional.of(new HandOut(used, token.token()));
  }

  /**
   * Caches {@code token} for {@code key}, first dropping the tokens no longer usable at {@code
   * now}.
   */
  public void put(TokenKey key, CachedToken token, Instant now) {
    tokens.values().removeIf(t -> !t.usableAt(now));
    tokens.put(key, token);
  }

  /** The cached entry whose token is {@code token}, if still cached. */
  public Optional<Map.Entry<TokenKey, CachedToken>> findByToken(String token) {
    return tokens.entrySet().stream().filter(e -> e.getValue().token().equals(token)).findFirst();
  }

  public @Nullable CachedToken get(TokenKey key) {
    return tokens.get(key);
  }

  /** Drops {@code token} if it is still the one cached for {@code key}. */
  public void remove(TokenKey key, CachedToken token) {
    tokens.remove(key, token);
  }

  public int size() {
    return tokens.size();
  }
}
