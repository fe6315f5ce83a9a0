package dev.spyglass.auth;

import dev.spyglass.api.Quote;
import dev.spyglass.auth.internal.ChallengeParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authentication challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme and its
 * parameters. Scheme and parameter names are lowercased; values are unquoted and unescaped. A
 * challenge carrying a token68 instead of parameters keeps it under the empty name, see {@link
 * #token68()}.
 */
public record Challenge(String scheme, Map<String, String> params) {

  public Challenge {
    Objects.requireNonNull(scheme, "scheme");
    if (scheme.isBlank()) {
      throw new IllegalArgumentException("a challenge scheme must not be blank");
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    Map<String, String> lowered = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (lowered.put(name, Objects.requireNonNull(e.getValue(), name)) != null) {
        throw new IllegalArgumentException(
            "challenge parameter " + Quote.of(name) + " appears twice");
      }
    }
    params = Map.copyOf(lowered);
  }

  /**
   * Parses every challenge of every header value (several challenges may share one value, and one
   * response may carry several values). Malformed challenges are skipped, never fatal.
   */
  public static List<Challenge> parse(List<String> headerValues) {
    return ChallengeParser.parse(headerValues);
  }

  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  /** The token68 of a challenge such as {@code Negotiate YWJj==}; empty when it has parameters. */
  public Optional<String> token68() {
    return Optional.ofNullable(params.get(""));
  }
}
