package dev.spyglass.testing.registry;

import static dev.spyglass.testing.registry.Responses.error;
import static dev.spyglass.testing.registry.Responses.json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * The mock registry's authentication: the Basic credentials or Bearer token every {@code /v2/}
 * request must carry, the 401 challenge of one that does not, and the {@code /token} endpoint
 * that hands the token out. Thread safe.
 */
final class AuthChallenge {
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private volatile @Nullable String basicAuthorization;
  private volatile @Nullable String bearerToken;

  void requireBasic(String user, String password) {
    basicAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  void requireBearer(String token) {
    bearerToken = token;
  }

  /** The answer of {@code /token}: the Bearer token, counted. */
  MockResponse issueToken() {
    tokensIssued.incrementAndGet();
    return json(200, "{\"token\":\"" + bearerToken + "\",\"expires_in\":300}");
  }

  int tokensIssued() {
    return tokensIssued.get();
  }

  /** The 401 answer of {@code request} when it lacks the right {@code Authorization}. */
  @Nullable MockResponse challenge(RecordedRequest request) {
    String authorization = request.getHeader("Authorization");
    String basic = basicAuthorization;
    if (basic != null && !basic.equals(authorization)) {
      return error(401, "UNAUTHORIZED", "authentication required")
          .setHeader("WWW-Authenticate", "Basic realm=\"mock-registry\"");
    }
    String token = bearerToken;
    if (token != null && !("Bearer " + token).equals(authorization)) {
      HttpUrl url = Responses.asAddressed(request);
      Matcher m = Responses.PATH.matcher(url.encodedPath());
      String scope = m.matches() ? ",scope=\"repository:" + m.group(1) + ":pull\"" : "";
      String realm = url.newBuilder().encodedPath("/token").query(null).build().toString();
      return error(401, "UNAUTHORIZED", "authentication required")
          .setHeader(
              "WWW-Authenticate",
              "Bearer realm=\"" + realm + "\",service=\"mock-registry\"" + scope);
    }
    return null;
  }
}
