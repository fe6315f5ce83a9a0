package dev.spyglass.it;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Pushes blobs and manifests to a registry with the JDK's HTTP client, the way a plain Registry v2
 * client does: a monolithic upload ({@code POST /v2/NAME/blobs/uploads/}, then {@code PUT} to the
 * newest {@code Location} with {@code digest=}), and {@code PUT /v2/NAME/manifests/REF} with the
 * manifest's media type as {@code Content-Type}. Test code only: it sends Basic credentials (or a
 * Bearer token, see {@link #withBearerToken}) up front when it has some and fails with the
 * registry's answer on any unexpected status.
 */
final class RegistryPusher {
  private final URI base;
  private final @Nullable String authorization;
  private final HttpClient client;

  RegistryPusher(URI base, @Nullable Credentials credentials, SSLContext sslContext) {
    this.base = base;
    this.authorization =
        credentials == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (credentials.username() + ":" + credentials.secret())
                            .getBytes(StandardCharsets.UTF_8));
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(sslContext)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  private RegistryPusher(URI base, String authorization, SSLContext sslContext) {
    this.base = base;
    this.authorization = authorization;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(sslContext)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * A pusher that sends {@code Authorization: Bearer token} up front, for a registry with token
   * auth; the token must grant {@code pull} and {@code push} on every repository pushed to.
   */
  static RegistryPusher withBearerToken(URI base, String token, SSLContext sslContext) {
    return new RegistryPusher(base, "Bearer " + token, sslContext);
  }

  /** Uploads {@code content} into {@code repository} and returns its SHA-256 digest. */
  Digest pushBlob(String repository, byte[] content) throws IOException, InterruptedException {
    Digest digest = Digest.sha256(content);
    HttpResponse<String> started =
        send(
            request(base.resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            202,
            "start upload to \"" + repository + "\"");
    String location =
        started
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new IOException("upload to \"" + repository + "\" has no Location"));
    URI upload = base.resolve(location);
    String separator = upload.getRawQuery() == null ? "?" : "&";
    send(
        request(URI.create(upload + separator + "digest=" + digest))
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(content)),
        201,
        "finish upload of \"" + digest + "\" to \"" + repository + "\"");
    return digest;
  }

  /**
   * Puts a manifest under {@code reference} (a tag or digest) and returns the digest the registry
   * reports in {@code Docker-Content-Digest}.
   */
  Digest pushManifest(String repository, String reference, byte[] manifest, String mediaType)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(
            request(base.resolve("/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)),
            201,
            "put manifest \"" + repository + ":" + reference + "\"");
    return Digest.parse(
        response
            .headers()
            .firstValue("Docker-Content-Digest")
            .orElseThrow(
                () ->
                    new IOException(
                        "manifest \"" + repository + ":" + reference + "\" put without a digest")));
  }

  /**
   * Fetches a manifest as the registry serves it to a client accepting {@code mediaType}; returns
   * the response so tests can read {@code Docker-Content-Digest} and {@code Content-Type}.
   */
  HttpResponse<byte[]> getManifest(String repository, String reference, String mediaType)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        client.send(
            request(base.resolve("/v2/" + repository + "/manifests/" + reference))
                .header("Accept", mediaType)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET manifest \""
              + repository
              + ":"
              + reference
              + "\" answered HTTP "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8).strip());
    }
    return response;
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest.Builder request, int expected, String what)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != expected) {
      throw new IOException(
          what + " answered HTTP " + response.statusCode() + ": " + response.body().strip());
    }
    return response;
  }
}
