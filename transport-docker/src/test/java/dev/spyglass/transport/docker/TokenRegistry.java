package dev.spyglass.transport.docker;

import dev.spyglass.api.Digest;
import dev.spyglass.api.MediaType;
import dev.spyglass.testing.OpaqueManifestFormat;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A registry behind Bearer token auth on one MockWebServer, as distribution with {@code auth.token}
 * behaves: requests without a valid token get a 401 challenge naming the realm ({@code /token} on
 * the same server), the service and the repository scope.
 */
final class TokenRegistry extends Dispatcher {
  static final String SERVICE = "test-registry";
  static final byte[] MANIFEST = OpaqueManifestFormat.manifest(MediaType.OCI_MANIFEST, "token-protected");
  static final byte[] CONFIG =
      "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);

  final AtomicInteger challenges = new AtomicInteger();
  final AtomicInteger tokens = new AtomicInteger();
  private final MockWebServer server;
  private final String token;

  TokenRegistry(MockWebServer server, String token) {
    this.server = server;
    this.token = token;
    server.setDispatcher(this);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    if (path.startsWith("/token")) {
      tokens.incrementAndGet();
      return new MockResponse()
          .setHeader("Content-Type", "application/json")
          .setBody("{\"token\":\"" + token + "\",\"expires_in\":300}");
    }
    if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
      challenges.incrementAndGet();
      String repository = path.replaceFirst("^/v2/(.*)/(manifests|blobs|tags)/.*$", "$1");
      return new MockResponse()
          .setResponseCode(401)
          .setHeader(
              "WWW-Authenticate",
              "Bearer realm=\"https://127.0.0.1:"
                  + server.getPort()
                  + "/token\",service=\""
                  + SERVICE
                  + "\",scope=\"repository:"
                  + repository
                  + ":pull\"")
          .setBody(
              "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
    }
    if (path.contains("/manifests/")) {
      return new MockResponse()
          .setHeader("Content-Type", MediaType.OCI_MANIFEST)
          .setHeader("Docker-Content-Digest", Digest.sha256(MANIFEST))
          .setBody(new okio.Buffer().write(MANIFEST));
    }
    if (path.contains("/blobs/")) {
      return new MockResponse().setBody(new okio.Buffer().write(CONFIG));
    }
    return new MockResponse().setBody("{\"name\":\"app\",\"tags\":[\"1\",\"2\"]}");
  }
}
