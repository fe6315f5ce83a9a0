package dev.spyglass.transport.docker;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import dev.spyglass.transport.docker.internal.AuthScope;
import dev.spyglass.transport.docker.internal.BlobUploader;
import dev.spyglass.transport.docker.internal.Endpoint;
import dev.spyglass.transport.docker.internal.RegistryClient;
import dev.spyglass.transport.docker.internal.RegistryClients;
import dev.spyglass.transport.docker.internal.RemoteText;
import dev.spyglass.transport.docker.internal.RequestSubject;
import java.io.InputStream;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Response;

/**
 * Writes one image to a repository of a registry through the Registry HTTP API v2. Thread safe
 * (blobs may be put from several threads at once); every method blocks on the network.
 *
 * <p>Every request asks for the scope {@code repository:NAME:pull,push} (a mount also for {@code
 * repository:FROM:pull}); connections, credentials and tokens are shared with the sources opened
 * on the same registry with the same settings. Blobs are checked with {@code HEAD}, mounted from
 * another repository of the same registry, or uploaded (see {@link #putBlob}); manifests are put
 * with their media type as {@code Content-Type} and the registry's {@code Docker-Content-Digest} is
 * checked against theirs. Closing releases nothing shared and never fails; a closed destination
 * refuses further calls.
 */
public final class DockerImageDestination implements ImageDestination {
  private static final System.Logger LOG = System.getLogger("dev.spyglass.transport.docker");

  private final DockerReference reference;
  private final RegistryClient client;
  private final ManifestFormats formats;
  private final BlobUploader uploader;
  private final AuthScope scope;
  private volatile boolean closed;

  private DockerImageDestination(
      DockerReference reference, ImageOptions options, RegistryClient client, int chunkBytes) {
    this.reference = reference;
    this.client = client;
    this.formats = options.formats();
    this.uploader = new BlobUploader(client, reference.repository(), chunkBytes, LOG);
    this.scope = AuthScope.push(reference.repository());
  }

  static DockerImageDestination open(
      DockerReference reference, ImageOptions options, RegistryClients clients, int chunkBytes)
      throws ImageException {
    return new DockerImageDestination(
        reference,
        options,
        clients.forRegistry(reference.registry(), reference.apiHost(), options),
        chunkBytes);
  }

  @Override
  public DockerReference reference() {
    return reference;
  }

  /**
   * Every media type of {@link ImageOptions#formats()}: a registry stores them all (distribution
   * stores schema1 only when configured to, and then only signed).
   */
  @Override
  public List<String> supportedManifestMediaTypes() {
    return formats.mediaTypes();
  }

  /**
   * {@code HEAD /v2/NAME/blobs/DIGEST}: true on 200 when the {@code Content-Length} is the
   * descriptor's size (any, when that is unknown), false on 404.
   */
  @Override
  public boolean hasBlob(Descriptor blob) throws ImageException {
    ensureOpen();
    String digest = blob.digest().toString();
    RequestSubject subject = subject(Endpoint.BLOB, reference.name() + "@" + digest, "HEAD");
    Response<Void> response;
    try {
      response =
          client.execute(subject, scope, api -> api.blobExists(reference.repository(), digest, scope));
    } catch (NotFoundException e) {
      return false;
    }
    if (blob.size() < 0) {
      return true;
    }
    String length = response.headers().get("Content-Length");
    return length != null && length.strip().equals(Long.toString(blob.size()));
  }

  /**
   * {@code POST /v2/NAME/blobs/uploads/?mount=DIGEST&from=REPO} when {@code from} is a {@link
   * DockerReference} of the same registry and another repository (false at once otherwise): true
   * on 201; on 202 the registry opened an upload instead, which is cancelled, and false.
   */
  @Override
  public boolean mountBlob(Descriptor blob, ImageReference from) throws ImageException {
    ensureOpen();
    if (!(from instanceof DockerReference source)
        || !source.registry().equals(reference.registry())
        || !source.apiHost().equals(reference.apiHost())
        || source.repository().equals(reference.repository())) {
      return false;
    }
    String digest = blob.digest().toString();
    RequestSubject subject =
        subject(Endpoint.BLOB_UPLOAD, reference.name() + "@" + digest, "POST");
    AuthScope mountScope = AuthScope.pushMountingFrom(reference.repository(), source.repository());
    Response<ResponseBody> response =
        client.execute(
            subject,
            mountScope,
            true,
            api -> api.mountBlob(reference.repository(), digest, source.repository(), mountScope));
    if (response.code() == 201) {
      closeBody(response);
      return true;
    }
    uploader.cancel(subject, BlobUploader.required(response, subject));
    return false;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A blob of known size up to 8 MiB goes in one {@code PUT}, streamed; a larger one in one
   * streamed {@code PATCH}; a blob of unknown size in {@code PATCH} chunks of 8 MiB (one in memory
   * at a time), each sent to the newest upload {@code Location}; the last two then get a {@code PUT
   * ?digest=}. Digest and size are checked before
   * the upload is finished; a failed upload is cancelled.
   */
  @Override
  public void putBlob(Descriptor blob, InputStream content) throws ImageException {
    ensureOpen();
    uploader.upload(blob, content);
  }

  /** {@code PUT /v2/NAME/manifests/DIGEST}. */
  @Override
  public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
    ensureOpen();
    if (!instance.equals(manifest.digest())) {
      throw new DigestMismatchException(
          "manifest to put as \"" + reference.name() + "@" + instance + "\"",
          instance,
          manifest.digest());
    }
    put(manifest, instance.toString(), reference.name() + "@" + instance);
  }

  /** {@code PUT /v2/NAME/manifests/TAG} (or {@code DIGEST}, when the reference names one). */
  @Override
  public void putManifest(RawManifest manifest) throws ImageException {
    ensureOpen();
    if (reference.digest().isPresent()) {
      putManifest(manifest, reference.digest().get());
      return;
    }
    put(manifest, reference.manifestReference(), reference.fullName());
  }

  private void put(RawManifest manifest, String ref, String fullName) throws ImageException {
    Digest canonical = formats.digest(manifest.bytes(), manifest.mediaType());
    if (!canonical.equals(manifest.digest())) {
      throw new DigestMismatchException(
          "manifest to put as \"" + fullName + "\"", manifest.digest(), canonical);
    }
    RequestSubject subject = subject(Endpoint.MANIFEST, fullName, "PUT");
    RequestBody body = RequestBody.create(manifest.bytes(), MediaType.get(manifest.mediaType()));
    Response<ResponseBody> response =
        client.execute(
            subject, scope, true, api -> api.putManifest(reference.repository(), ref, body, scope));
    String header = response.headers().get("Docker-Content-Digest");
    closeBody(response);
    if (header == null) {
      return;
    }
    Digest stored;
    try {
      stored = Digest.parse(header.strip());
    } catch (IllegalArgumentException e) {
      throw new ImageException(
          "registry \""
              + reference.registry()
              + "\" stored manifest \""
              + fullName
              + "\" under an invalid Docker-Content-Digest \""
              + RemoteText.clean(header)
              + "\"");
    }
    if (!stored.equals(manifest.digest())) {
      throw new DigestMismatchException(
          "manifest \"" + fullName + "\" as stored by the registry", manifest.digest(), stored);
    }
  }

  private RequestSubject subject(Endpoint endpoint, String what, String method) {
    return new RequestSubject(
        reference.registry(), reference.repository(), endpoint, what, method);
  }

  private static void closeBody(Response<ResponseBody> response) {
    ResponseBody body = response.body();
    if (body != null) {
      body.close();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(
          "the image destination of \"" + reference.describe() + "\" is closed");
    }
  }

  /**
   * Marks the destination closed. Uploads are finished or cancelled by the call that began them, so
   * nothing is left to remove; connections stay pooled for other sources and destinations of the
   * run.
   */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "DockerImageDestination[" + reference.describe() + "]";
  }
}
