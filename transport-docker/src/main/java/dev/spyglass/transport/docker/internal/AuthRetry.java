package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.ImageException;
import dev.spyglass.auth.RegistryAuthenticator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request that got a 401 is worth sending again, by the rules of {@link
 * RegistryAuthenticator}: once after it records the challenge and has a new authorization, and
 * also, for a request sent without authorization, when another request met the challenge meanwhile
 * (sources run concurrently) and an authorization now exists.
 */
final class AuthRetry {
  private final RegistryAuthenticator authenticator;

  AuthRetry(RegistryAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  /** What to do about a 401. */
  enum Decision {
    /** Report it. */
    GIVE_UP,
    /** Send again: another request met the challenge meanwhile. */
    USE_MEANWHILE,
    /** Send again: the challenge was recorded and there is a new authorization to send. */
    ANSWER_CHALLENGE
  }

  /**
   * Called once per 401 until it answers {@link Decision#ANSWER_CHALLENGE}; a 401 after that is
   * final.
   *
   * @param sent the {@code Authorization} the refused request carried, or null
   * @param challenges its {@code WWW-Authenticate} values
   * @param meanwhileTried whether {@link Decision#USE_MEANWHILE} was already answered for it
   */
  Decision decide(
      @Nullable String sent, List<String> challenges, AuthScope scope, boolean meanwhileTried)
      throws ImageException {
    if (sent == null
        && !meanwhileTried
        && authenticator.authorization(scope.scopes()).isPresent()) {
      return Decision.USE_MEANWHILE;
    }
    if (!authenticator.challenged(challenges, scope.scopes())) {
      return Decision.GIVE_UP;
    }
    Optional<String> next = authenticator.authorization(scope.scopes());
    return next.isPresent() && !next.get().equals(sent)
        ? Decision.ANSWER_CHALLENGE
        : Decision.GIVE_UP;
  }

  boolean hasCredentials() {
    return authenticator.hasCredentials();
  }
}
