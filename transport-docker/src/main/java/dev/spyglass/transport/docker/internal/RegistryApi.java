package dev.spyglass.transport.docker.internal;

import java.io.IOException;
import java.util.List;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The Registry HTTP API v2 endpoints this transport reads and writes, on one registry over one
 * client. Every body is streamed: callers bound what they read. Names, tags and digests are
 * validated before they get here, so they go into paths as they are. Every request carries its
 * {@link AuthScope} as a tag, for {@link AuthInterceptor}.
 *
 * <p>Over TLS, where a registry answers in HTTP/2, a blob transfer of {@link #LARGE} or more (or of
 * unknown size) goes over an HTTP/1.1 connection of its own, and everything else over the one
 * HTTP/2 connection. OkHttp reads an HTTP/2 connection on a single thread, which then decrypts
 * every stream's bytes and buffers up to 16 MiB per stream for readers slower than the network:
 * six layers pulled at once were decrypted on one core, and a pull of 800 MiB peaked at 210-250 MiB
 * of RSS instead of about 110 MiB. Over HTTP/1.1 each transfer's thread decrypts its own bytes, and
 * TCP holds back what it has not read. Small blobs (configs) stay on HTTP/2, where they cost no
 * TLS handshake of their own.
 */
public final class RegistryApi {
  private static final Headers IDENTITY = Headers.of("Accept-Encoding", "identity");

  /** The size from which a blob moves over HTTP/1.1 when over TLS. */
  public static final long LARGE = 1 << 20;

  private final OkHttpClient client;
  private final OkHttpClient blobs;
  private final HttpUrl base;

  /** @param base the registry's root, {@code scheme://host[:port]/} */
  public RegistryApi(OkHttpClient client, HttpUrl base) {
    this.client = client;
    this.blobs =
        base.isHttps() ? client.newBuilder().protocols(List.of(Protocol.HTTP_1_1)).build() : client;
    this.base = base;
  }

  public RegistryCall<ResponseBody> manifest(
      String name, String reference, @Nullable String accept, AuthScope scope) {
    return streamed(request(path("v2/" + name + "/manifests/" + reference), scope, accept(accept)));
  }

  /**
   * Whether a manifest is there, and its digest ({@code Docker-Content-Digest}) and media type
   * ({@code Content-Type}), without its bytes: 200, or 404.
   */
  public RegistryCall<Void> manifestHead(
      String name, String reference, @Nullable String accept, AuthScope scope) {
    return bodiless(
        request(path("v2/" + name + "/manifests/" + reference), scope, accept(accept)).head());
  }

  /**
   * Asks for the bytes as stored: no transparent decompression may change what is hashed. {@code
   * size} is the size the descriptor gives.
   */
  public RegistryCall<ResponseBody> blob(String name, String digest, long size, AuthScope scope) {
    return transfer(size, request(path("v2/" + name + "/blobs/" + digest), scope, IDENTITY));
  }

  /** The blob from an offset on: {@code range} is {@code bytes=N-}; 206, or 200 when ignored. */
  public RegistryCall<ResponseBody> blobRange(
      String name, String digest, String range, AuthScope scope) {
    Headers headers = IDENTITY.newBuilder().add("Range", range).build();
    return transfer(-1, request(path("v2/" + name + "/blobs/" + digest), scope, headers));
  }

  /** Up to {@code n} tags of a repository; a {@code Link} header names the next page. */
  public RegistryCall<ResponseBody> tags(String name, int n, AuthScope scope) {
    HttpUrl url =
        path("v2/" + name + "/tags/list").newBuilder().addQueryParameter("n", Integer.toString(n)).build();
    return streamed(request(url, scope, Headers.of()));
  }

  /** The API version check: 200 when the client may use the registry, else a 401 challenge. */
  public RegistryCall<ResponseBody> apiRoot(AuthScope scope) {
    return streamed(request(path("v2/"), scope, Headers.of()));
  }

  /** A page named by a {@code Link} header. */
  public RegistryCall<ResponseBody> page(HttpUrl url, AuthScope scope) {
    return streamed(request(url, scope, Headers.of()));
  }

  /** Whether a blob is in the repository: 200 with its {@code Content-Length}, or 404. */
  public RegistryCall<Void> blobExists(String name, String digest, AuthScope scope) {
    return bodiless(request(path("v2/" + name + "/blobs/" + digest), scope, Headers.of()).head());
  }

  /** Opens an upload session: 202 with its {@code Location}. */
  public RegistryCall<ResponseBody> startUpload(String name, AuthScope scope) {
    return streamed(
        request(path("v2/" + name + "/blobs/uploads/"), scope, Headers.of()).post(empty()));
  }

  /** Mounts a blob from another repository: 201, or 202 with an upload session instead. */
  public RegistryCall<ResponseBody> mountBlob(
      String name, String digest, String from, AuthScope scope) {
    HttpUrl url =
        path("v2/" + name + "/blobs/uploads/")
            .newBuilder()
            .addQueryParameter("mount", digest)
            .addQueryParameter("from", from)
            .build();
    return streamed(request(url, scope, Headers.of()).post(empty()));
  }

  /**
   * Appends a chunk to the upload at {@code location}: 202 with the next {@code Location}. No
   * {@code Content-Range} when {@code range} is null (a streamed, chunked body).
   */
  public RegistryCall<ResponseBody> uploadChunk(
      HttpUrl location, @Nullable String range, RequestBody chunk, AuthScope scope) {
    Headers headers = range == null ? Headers.of() : Headers.of("Content-Range", range);
    return transfer(length(chunk), request(location, scope, headers).patch(chunk));
  }

  /** The state of the upload at {@code location}: 204 with {@code Range: 0-LAST} and a new {@code Location}. */
  public RegistryCall<ResponseBody> uploadStatus(HttpUrl location, AuthScope scope) {
    return streamed(request(location, scope, Headers.of()));
  }

  /** Finishes the upload at {@code location} (which carries {@code digest=}): 201. */
  public RegistryCall<ResponseBody> finishUpload(
      HttpUrl location, RequestBody rest, AuthScope scope) {
    return transfer(length(rest), request(location, scope, Headers.of()).put(rest));
  }

  /** Cancels the upload at {@code location}: 204. */
  public RegistryCall<ResponseBody> cancelUpload(HttpUrl location, AuthScope scope) {
    return streamed(request(location, scope, Headers.of()).delete());
  }

  /** Stores a manifest under a tag or digest: 201 with {@code Docker-Content-Digest}. */
  public RegistryCall<ResponseBody> putManifest(
      String name, String reference, RequestBody manifest, AuthScope scope) {
    return streamed(
        request(path("v2/" + name + "/manifests/" + reference), scope, Headers.of()).put(manifest));
  }

  /** Deletes the manifest {@code digest} and every tag pointing at it: 202. */
  public RegistryCall<ResponseBody> deleteManifest(String name, String digest, AuthScope scope) {
    return streamed(
        request(path("v2/" + name + "/manifests/" + digest), scope, Headers.of()).delete());
  }

  private HttpUrl path(String encodedPath) {
    return base.newBuilder().addEncodedPathSegments(encodedPath).build();
  }

  private static Headers accept(@Nullable String accept) {
    return accept == null ? Headers.of() : Headers.of("Accept", accept);
  }

  private static Request.Builder request(HttpUrl url, AuthScope scope, Headers headers) {
    return new Request.Builder().url(url).headers(headers).tag(AuthScope.class, scope);
  }

  private static RequestBody empty() {
    return RequestBody.create(new byte[0], null);
  }

  private RegistryCall<ResponseBody> streamed(Request.Builder request) {
    return RegistryCall.streamed(client, request.build());
  }

  /** A request that moves {@code size} bytes of a blob (-1: unknown); see the class comment. */
  private RegistryCall<ResponseBody> transfer(long size, Request.Builder request) {
    boolean small = size >= 0 && size < LARGE;
    return RegistryCall.streamed(small ? client : blobs, request.build());
  }

  private static long length(RequestBody body) {
    try {
      return body.contentLength();
    } catch (IOException e) {
      return -1;
    }
  }

  private RegistryCall<Void> bodiless(Request.Builder request) {
    return RegistryCall.bodiless(client, request.build());
  }
}
