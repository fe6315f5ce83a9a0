package dev.spyglass.testing.registry;

import dev.spyglass.api.Digest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Answers as a Docker Registry HTTP API v2 does (distribution 2.8 is the model):
 *
 * <ul>
 *   <li>{@code GET /v2/}: 200 with {@code Docker-Distribution-API-Version};
 *   <li>{@code GET}/{@code HEAD /v2/NAME/manifests/TAG|DIGEST}: the stored bytes with their {@code
 *       Content-Type} and {@code Docker-Content-Digest}, or 404 {@code MANIFEST_UNKNOWN};
 *   <li>{@code PUT /v2/NAME/manifests/TAG|DIGEST}: stores under the SHA-256 of the body (400 {@code
 *       DIGEST_INVALID} when a digest reference does not match), 201 with {@code Location} and
 *       {@code Docker-Content-Digest}; {@code DELETE} by digest: 202, removing its tags;
 *   <li>{@code GET}/{@code HEAD /v2/NAME/blobs/DIGEST}: the blob, or 404 {@code BLOB_UNKNOWN};
 *   <li>{@code POST /v2/NAME/blobs/uploads/}: 201 for a {@code ?mount=&from=} of a blob {@code
 *       from} holds, else 202 opening an upload; {@code PATCH} appends, {@code PUT ?digest=}
 *       appends and finishes (400 {@code DIGEST_INVALID} when the bytes do not match), {@code
 *       DELETE} cancels. Every answer of an upload carries an absolute {@code Location} with a new
 *       {@code _state}; a request naming a stale one gets 404 {@code BLOB_UPLOAD_INVALID};
 *   <li>{@code GET /v2/NAME/tags/list}: the tags in the order they were first put, paginated with
 *       {@code n} and {@code last} and a {@code Link} header, as distribution does.
 * </ul>
 *
 * <p>With {@link #requireBasic} or {@link #requireBearer} every {@code /v2/} request without the
 * right {@code Authorization} gets a 401 challenge; Bearer tokens are handed out at {@code /token}
 * of the same server. Requests that MockWebServer made of TLS bytes (a client trying HTTPS first)
 * get 400 and are not recorded. {@link #override} answers the next matching request as a test
 * says. Every other request is recorded ({@link #requests()}). Thread safe.
 */
public final class RegistryDispatcher extends Dispatcher {
  private static final Pattern PATH =
      Pattern.compile("^/v2/(.+)/(manifests|blobs|tags)/(.*)$");

  private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final AtomicInteger uploadIds = new AtomicInteger();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> cancelledUploads = new CopyOnWriteArrayList<>();
  private final List<Override> overrides = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private volatile @Nullable String basicAuthorization;
  private volatile @Nullable String bearerToken;

  /** A stored manifest: its bytes and the media type it was put with. */
  public record StoredManifest(byte[] bytes, String mediaType) {
    public StoredManifest {
      bytes = bytes.clone();
    }

    @java.lang.Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  private record Override(Predicate<RecordedRequest> matches, MockResponse response) {}

  private static final class Repository {
    final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<Digest, StoredManifest> manifests = new ConcurrentHashMap<>();
    final Map<String, Digest> tags = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  }

  private static final class Upload {
    final String repository;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int state;

    Upload(String repository) {
      this.repository = repository;
    }
  }

  // ---- setting up

  /** Stores a blob in {@code repository} and returns its SHA-256 digest. */
  public Digest addBlob(String repository, byte[] bytes) {
    Digest digest = Digest.sha256(bytes);
    repository(repository).blobs.put(digest, bytes.clone());
    return digest;
  }

  /** Stores a manifest in {@code repository} under its SHA-256, tagged {@code tag} unless empty. */
  public Digest addManifest(String repository, String tag, byte[] bytes, String mediaType) {
    Digest digest = Digest.sha256(bytes);
    Repository repo = repository(repository);
    repo.manifests.put(digest, new StoredManifest(bytes, mediaType));
    if (!tag.isEmpty()) {
      repo.tags.put(tag, digest);
    }
    return digest;
  }

  /**
   * Replaces what {@code repository} stores under {@code digest} (a blob, a manifest or both) with
   * {@code bytes}, keeping the digest: content corrupted behind the registry's back.
   */
  public void tamper(String repository, Digest digest, byte[] bytes) {
    Repository repo = repository(repository);
    StoredManifest manifest = repo.manifests.get(digest);
    if (manifest != null) {
      repo.manifests.put(digest, new StoredManifest(bytes, manifest.mediaType()));
    }
    if (repo.blobs.containsKey(digest) || manifest == null) {
      repo.blobs.put(digest, bytes.clone());
    }
  }

  /** Challenges every request without these Basic credentials. */
  public RegistryDispatcher requireBasic(String user, String password) {
    basicAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Challenges every request without {@code Bearer token}; {@code /token} hands it out. */
  public RegistryDispatcher requireBearer(String token) {
    bearerToken = token;
    return this;
  }

  /** Answers the next request {@code matches} accepts with {@code response} (once). */
  public RegistryDispatcher override(Predicate<RecordedRequest> matches, MockResponse response) {
    overrides.add(new Override(matches, response));
    return this;
  }

  // ---- what is stored

  public Optional<byte[]> blob(String repository, Digest digest) {
    byte[] bytes = repository(repository).blobs.get(digest);
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  public Optional<StoredManifest> manifest(String repository, Digest digest) {
    return Optional.ofNullable(repository(repository).manifests.get(digest));
  }

  /** The digests of the blobs {@code repository} holds. */
  public java.util.Set<Digest> blobDigests(String repository) {
    return java.util.Set.copyOf(repository(repository).blobs.keySet());
  }

  /** The digest {@code tag} points at. */
  public Optional<Digest> tag(String repository, String tag) {
    return Optional.ofNullable(repository(repository).tags.get(tag));
  }

  /** The tags of {@code repository}, in the order they were first put. */
  public List<String> tags(String repository) {
    synchronized (repository(repository).tags) {
      return List.copyOf(repository(repository).tags.keySet());
    }
  }

  // ---- what was asked

  /** Every request answered (TLS bytes aside), in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests of {@code method} whose path starts with {@code pathPrefix}. */
  public List<RecordedRequest> requests(String method, String pathPrefix) {
    return requests.stream()
        .filter(r -> method.equals(r.getMethod()) && r.getPath() != null && r.getPath().startsWith(pathPrefix))
        .toList();
  }

  /** The ids of uploads cancelled with {@code DELETE}. */
  public List<String> cancelledUploads() {
    return List.copyOf(cancelledUploads);
  }

  /** The number of uploads begun and neither finished nor cancelled. */
  public int openUploads() {
    return uploads.size();
  }

  public int tokensIssued() {
    return tokensIssued.get();
  }

  // ---- answering

  /** Whether MockWebServer made {@code request} of an HTTP request line, not of TLS bytes. */
  public static boolean isHttp(RecordedRequest request) {
    String method = request.getMethod();
    String path = request.getPath();
    return request.getFailure() == null
        && method != null
        && method.matches("[A-Z]+")
        && path != null
        && path.startsWith("/");
  }

  @java.lang.Override
  public MockResponse dispatch(RecordedRequest request) {
    if (!isHttp(request)) {
      return new MockResponse().setResponseCode(400);
    }
    MockResponse response = answer(request);
    if (request.getMethod().equals("HEAD") && response.getBody() != null) {
      // MockWebServer would send the body; a HEAD answer has none (its length stays in the headers).
      return new MockResponse().setStatus(response.getStatus()).setHeaders(response.getHeaders());
    }
    return response;
  }

  private MockResponse answer(RecordedRequest request) {
    requests.add(request);
    for (Override o : overrides) {
      if (o.matches().test(request) && overrides.remove(o)) {
        return o.response();
      }
    }
    String path = request.getPath();
    if (path.startsWith("/token")) {
      tokensIssued.incrementAndGet();
      return json(200, "{\"token\":\"" + bearerToken + "\",\"expires_in\":300}");
    }
    if (!path.startsWith("/v2/")) {
      return error(404, "NOT_FOUND", "not a registry path");
    }
    MockResponse challenge = challenge(request);
    if (challenge != null) {
      return challenge;
    }
    HttpUrl url = asAddressed(request);
    String encodedPath = url.encodedPath();
    if (encodedPath.equals("/v2/")) {
      return new MockResponse()
          .setHeader("Docker-Distribution-API-Version", "registry/2.0")
          .setHeader("Content-Type", "application/json")
          .setBody("{}");
    }
    Matcher m = PATH.matcher(encodedPath);
    if (!m.matches()) {
      return error(404, "NAME_UNKNOWN", "repository name not known to registry");
    }
    String repository = m.group(1);
    String kind = m.group(2);
    String rest = m.group(3);
    synchronized (this) {
      return switch (kind) {
        case "manifests" -> manifests(request, repository, rest);
        case "blobs" -> rest.startsWith("uploads/")
            ? uploads(request, url, repository, rest.substring("uploads/".length()))
            : blobs(request, repository, rest);
        default -> tags(url, repository, rest);
      };
    }
  }

  /**
   * The URL as the client addressed it: MockWebServer names the host by the socket's address
   * (e.g. {@code localhost}), the client by the {@code Host} header; a {@code Location} or realm
   * on another host name would be another registry to it.
   */
  private static HttpUrl asAddressed(RecordedRequest request) {
    HttpUrl url = request.getRequestUrl();
    String host = request.getHeader("Host");
    if (host == null) {
      host = request.getHeader(":authority"); // HTTP/2
    }
    if (host == null) {
      // Without either, a loopback server (MockRegistry listens on 127.0.0.1) keeps the address.
      return url.host().equals("localhost") ? url.newBuilder().host("127.0.0.1").build() : url;
    }
    HttpUrl parsed = HttpUrl.parse(url.scheme() + "://" + host + "/");
    return parsed == null ? url : url.newBuilder().host(parsed.host()).port(parsed.port()).build();
  }

  private @Nullable MockResponse challenge(RecordedRequest request) {
    String authorization = request.getHeader("Authorization");
    String basic = basicAuthorization;
    if (basic != null && !basic.equals(authorization)) {
      return error(401, "UNAUTHORIZED", "authentication required")
          .setHeader("WWW-Authenticate", "Basic realm=\"mock-registry\"");
    }
    String token = bearerToken;
    if (token != null && !("Bearer " + token).equals(authorization)) {
      HttpUrl url = asAddressed(request);
      Matcher m = PATH.matcher(url.encodedPath());
      String scope = m.matches() ? ",scope=\"repository:" + m.group(1) + ":pull\"" : "";
      String realm = url.newBuilder().encodedPath("/token").query(null).build().toString();
      return error(401, "UNAUTHORIZED", "authentication required")
          .setHeader(
              "WWW-Authenticate",
              "Bearer realm=\"" + realm + "\",service=\"mock-registry\"" + scope);
    }
    return null;
  }

  private MockResponse manifests(RecordedRequest request, String repository, String reference) {
    Repository repo = repository(repository);
    String method = request.getMethod();
    if (method.equals("PUT")) {
      byte[] body = request.getBody().clone().readByteArray();
      Digest digest = Digest.sha256(body);
      if (Digest.isValid(reference) && !Digest.parse(reference).equals(digest)) {
        return error(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
      }
      String type = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
      repo.manifests.put(digest, new StoredManifest(body, type));
      if (!Digest.isValid(reference)) {
        repo.tags.put(reference, digest);
      }
      return new MockResponse()
          .setResponseCode(201)
          .setHeader("Location", "/v2/" + repository + "/manifests/" + digest)
          .setHeader("Docker-Content-Digest", digest);
    }
    Digest digest =
        Digest.isValid(reference) ? Digest.parse(reference) : repo.tags.get(reference);
    StoredManifest manifest = digest == null ? null : repo.manifests.get(digest);
    if (digest == null || manifest == null) {
      return error(404, "MANIFEST_UNKNOWN", "manifest unknown");
    }
    if (method.equals("DELETE")) {
      if (!Digest.isValid(reference)) {
        return error(400, "UNSUPPORTED", "delete by tag is not supported");
      }
      repo.manifests.remove(digest);
      repo.tags.values().removeIf(digest::equals);
      return new MockResponse().setResponseCode(202);
    }
    MockResponse response =
        new MockResponse()
            .setHeader("Content-Type", manifest.mediaType())
            .setHeader("Docker-Content-Digest", digest);
    return body(response, manifest.bytes(), method.equals("HEAD"));
  }

  private MockResponse blobs(RecordedRequest request, String repository, String reference) {
    if (!Digest.isValid(reference)) {
      return error(400, "DIGEST_INVALID", "invalid digest");
    }
    Digest digest = Digest.parse(reference);
    byte[] bytes = repository(repository).blobs.get(digest);
    if (bytes == null) {
      return error(404, "BLOB_UNKNOWN", "blob unknown to registry");
    }
    MockResponse response =
        new MockResponse()
            .setHeader("Content-Type", "application/octet-stream")
            .setHeader("Docker-Content-Digest", digest);
    return body(response, bytes, request.getMethod().equals("HEAD"));
  }

  private MockResponse uploads(RecordedRequest request, HttpUrl url, String repository, String id) {
    String method = request.getMethod();
    byte[] body = request.getBody().clone().readByteArray();
    if (id.isEmpty()) {
      if (!method.equals("POST")) {
        return error(405, "UNSUPPORTED", "method not allowed");
      }
      String mount = url.queryParameter("mount");
      String from = url.queryParameter("from");
      if (mount != null && from != null && Digest.isValid(mount)) {
        byte[] there = repository(from).blobs.get(Digest.parse(mount));
        if (there != null) {
          repository(repository).blobs.put(Digest.parse(mount), there);
          return new MockResponse()
              .setResponseCode(201)
              .setHeader("Location", "/v2/" + repository + "/blobs/" + mount)
              .setHeader("Docker-Content-Digest", mount);
        }
      }
      String digest = url.queryParameter("digest");
      if (digest != null) {
        return finish(repository, body, digest);
      }
      String newId = "u" + uploadIds.incrementAndGet();
      uploads.put(newId, new Upload(repository));
      return next(url, repository, newId, 202);
    }
    Upload upload = uploads.get(id);
    if (upload == null || !upload.repository.equals(repository)) {
      return error(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
    }
    if (!String.valueOf(upload.state).equals(url.queryParameter("_state"))) {
      return error(404, "BLOB_UPLOAD_INVALID", "blob upload invalid");
    }
    switch (method) {
      case "PATCH" -> {
        upload.bytes.writeBytes(body);
        return next(url, repository, id, 202)
            .setHeader("Range", "0-" + Math.max(0, upload.bytes.size() - 1));
      }
      case "PUT" -> {
        upload.bytes.writeBytes(body);
        String digest = url.queryParameter("digest");
        MockResponse finished =
            finish(repository, upload.bytes.toByteArray(), digest == null ? "" : digest);
        if (finished.getStatus().contains(" 201 ")) {
          uploads.remove(id);
        }
        return finished;
      }
      case "DELETE" -> {
        uploads.remove(id);
        cancelledUploads.add(id);
        return new MockResponse().setResponseCode(204);
      }
      default -> {
        return error(405, "UNSUPPORTED", "method not allowed");
      }
    }
  }

  private MockResponse finish(String repository, byte[] bytes, String digestText) {
    if (!Digest.isValid(digestText)) {
      return error(400, "DIGEST_INVALID", "invalid digest");
    }
    Digest digest = Digest.parse(digestText);
    if (!digest.matches(bytes)) {
      return error(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
    }
    repository(repository).blobs.put(digest, bytes);
    return new MockResponse()
        .setResponseCode(201)
        .setHeader("Location", "/v2/" + repository + "/blobs/" + digest)
        .setHeader("Docker-Content-Digest", digest);
  }

  /** A new {@code _state} for upload {@code id}, in an absolute {@code Location}. */
  private MockResponse next(HttpUrl url, String repository, String id, int status) {
    Upload upload = uploads.get(id);
    upload.state++;
    HttpUrl location =
        url.newBuilder()
            .encodedPath("/v2/" + repository + "/blobs/uploads/" + id)
            .query(null)
            .addQueryParameter("_state", String.valueOf(upload.state))
            .build();
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Location", location)
        .setHeader("Docker-Upload-UUID", id)
        .setHeader("Range", "0-0");
  }

  private MockResponse tags(HttpUrl url, String repository, String rest) {
    if (!rest.equals("list")) {
      return error(404, "NOT_FOUND", "not found");
    }
    Repository repo = repositories.get(repository);
    if (repo == null) {
      return error(404, "NAME_UNKNOWN", "repository name not known to registry");
    }
    List<String> all;
    synchronized (repo.tags) {
      all = new ArrayList<>(repo.tags.keySet());
    }
    String last = url.queryParameter("last");
    if (last != null) {
      int at = all.indexOf(last);
      all = at < 0 ? List.of() : all.subList(at + 1, all.size());
    }
    String n = url.queryParameter("n");
    MockResponse response = new MockResponse();
    if (n != null && Integer.parseInt(n) < all.size()) {
      all = all.subList(0, Integer.parseInt(n));
      response.setHeader(
          "Link",
          "</v2/" + repository + "/tags/list?n=" + n + "&last=" + all.get(all.size() - 1) + ">; rel=\"next\"");
    }
    StringBuilder json = new StringBuilder("{\"name\":\"" + repository + "\",\"tags\":[");
    for (int i = 0; i < all.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(all.get(i)).append('"');
    }
    return response
        .setHeader("Content-Type", "application/json")
        .setBody(json.append("]}").toString());
  }

  private Repository repository(String name) {
    return repositories.computeIfAbsent(name, n -> new Repository());
  }

  private static MockResponse body(MockResponse response, byte[] bytes, boolean head) {
    if (head) {
      // MockWebServer sends no body for HEAD; the length is what a registry reports.
      return response.setHeader("Content-Length", bytes.length);
    }
    return response.setBody(new Buffer().write(bytes));
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /** A registry error body, as distribution writes it. */
  public static MockResponse error(int status, String code, String message) {
    return json(
        status,
        "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":null}]}");
  }
}
