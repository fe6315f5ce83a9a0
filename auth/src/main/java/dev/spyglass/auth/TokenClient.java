package dev.spyglass.auth;

import java.io.IOException;

/**
 * Fetches Bearer tokens from a token server. {@code auth} has no HTTP stack: a transport implements
 * this with its own client (and its own TLS settings, which must verify the token server as it
 * verifies the registry). Implementations are thread safe.
 */
public interface TokenClient {

  /**
   * Asks the realm for a token: a GET with {@code service} and each {@code scope} (Basic
   * credentials when the request has them), or an OAuth2 POST {@code grant_type=refresh_token} when
   * they are an identity token.
   *
   * @throws IOException when the token server cannot be reached or refuses; the message never
   *     contains a credential
   */
  TokenResponse fetch(TokenRequest request) throws IOException;
}
