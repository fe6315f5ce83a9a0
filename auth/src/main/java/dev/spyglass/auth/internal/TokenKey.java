package dev.spyglass.auth.internal;

import java.net.URI;
import java.util.List;

/**
 * What a Bearer token was asked for: realm, service and scopes (sorted).
 *
 * @param realm the token server
 * @param service the service named by the challenge, empty when none
 * @param scopes the scopes asked for, sorted
 */
public record TokenKey(URI realm, String service, List<String> scopes) {
  /** Whether a token for this key serves a request needing {@code other}. */
  public boolean covers(TokenKey other) {
    return realm.equals(other.realm)
        && service.equals(other.service)
        && scopes.containsAll(other.scopes);
  }
}
