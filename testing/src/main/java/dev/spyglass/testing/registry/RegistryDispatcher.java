package dev.spyglass.testing.registry;

import static dev.spyglass.testing.registry.Responses.PATH;

import dev.spyglass.api.Digest;
import dev.spyglass.testing.registry.RegistryStore.Repository;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

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
 *
 * <p>This class holds the setup and the record and routes requests; each kind of path is answered
 * by a package-private endpoint ({@code ManifestEndpoint}, {@code BlobEndpoint}, {@code
 * UploadEndpoint}, {@code TagsEndpoint}) over a shared {@code RegistryStore}, authentication by
 * {@code AuthChallenge}.
 */
public final class RegistryDispatcher extends Dispatcher {
  private final RegistryStore store = new RegistryStore();
  private final AuthChallenge auth = new AuthChallenge();
  private final ManifestEndpoint manifests = new ManifestEndpoint(store);
  private final BlobEndpoint blobs = new BlobEndpoint(store);
  private final UploadEndpoint uploads = new UploadEndpoint(store);
  private final TagsEndpoint tags = new TagsEndpoint(store);
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<Override> overrides = new CopyOnWriteArrayList<>();

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

  // ---- setting up

  /** Stores a blob in {@code repository} and returns its SHA-256 digest. */
  public Digest addBlob(String repository, byte[] bytes) {
    Digest digest = Digest.sha256(bytes);
    store.repository(repository).blobs.put(digest, bytes.clone());
    return digest;
  }

  /** Stores a manifest in {@code repository} under its SHA-256, tagged {@code tag} unless empty. */
  public Digest addManifest(String repository, String tag, byte[] bytes, String mediaType) {
    Digest digest = Digest.sha256(bytes);
    Repository repo = store.repository(repository);
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
    Repository repo = store.repository(repository);
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
    auth.requireBasic(user, password);
    return this;
  }

  /** Challenges every request without {@code Bearer token}; {@code /token} hands it out. */
  public RegistryDispatcher requireBearer(String token) {
    auth.requireBearer(token);
    return this;
  }

  /** Answers the next request {@code matches} accepts with {@code response} (once). */
  public RegistryDispatcher override(Predicate<RecordedRequest> matches, MockResponse response) {
    overrides.add(new Override(matches, response));
    return this;
  }

  // ---- what is stored

  public Optional<byte[]> blob(String repository, Digest digest) {
    byte[] bytes = store.repository(repository).blobs.get(digest);
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  public Optional<StoredManifest> manifest(String repository, Digest digest) {
    return Optional.ofNullable(store.repository(repository).manifests.get(digest));
  }

  /** The digests of the blobs {@code repository} holds. */
  public Set<Digest> blobDigests(String repository) {
    return Set.copyOf(store.repository(repository).blobs.keySet());
  }

  /** The digest {@code tag} points at. */
  public Optional<Digest> tag(String repository, String tag) {
    return Optional.ofNullable(store.repository(repository).tags.get(tag));
  }

  /** The tags of {@code repository}, in the order they were first put. */
  public List<String> tags(String repository) {
    synchronized (store.repository(repository).tags) {
      return List.copyOf(store.repository(repository).tags.keySet());
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
    return uploads.cancelledUploads();
  }

  /** The number of uploads begun and neither finished nor cancelled. */
  public int openUploads() {
    return uploads.openUploads();
  }

  public int tokensIssued() {
    return auth.tokensIssued();
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
      return auth.issueToken();
    }
    if (!path.startsWith("/v2/")) {
      return error(404, "NOT_FOUND", "not a registry path");
    }
    MockResponse challenge = auth.challenge(request);
    if (challenge != null) {
      return challenge;
    }
    HttpUrl url = Responses.asAddressed(request);
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
        case "manifests" -> manifests.answer(request, repository, rest);
        case "blobs" -> rest.startsWith("uploads/")
            ? uploads.answer(request, url, repository, rest.substring("uploads/".length()))
            : blobs.answer(request, repository, rest);
        default -> tags.answer(url, repository, rest);
      };
    }
  }

  /** A registry error body, as distribution writes it. */
  public static MockResponse error(int status, String code, String message) {
    return Responses.error(status, code, message);
  }
}
