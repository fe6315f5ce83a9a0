package dev.spyglass.auth;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** A token server that hands out numbered tokens and remembers what it was asked. */
final class FakeTokenClient implements TokenClient {
  final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
  volatile Duration expiresIn = Duration.ofSeconds(300);
  volatile @Nullable Instant issuedAt;
  volatile @Nullable IOException failure;

  @Override
  public TokenResponse fetch(TokenRequest request) throws IOException {
    requests.add(request);
    IOException f = failure;
    if (f != null) {
      throw f;
    }
    return new TokenResponse("tok-" + requests.size(), expiresIn, issuedAt);
  }

  TokenRequest last() {
    return requests.get(requests.size() - 1);
  }
}
