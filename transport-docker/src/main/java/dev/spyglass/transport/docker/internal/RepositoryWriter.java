package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DockerName;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.Quote;
import dev.spyglass.api.RawManifest;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;

/**
 * Writes to one repository of a registry for an image destination, with the scope {@code
 * repository:NAME:pull,push}: blob checks ({@code HEAD}), cross-repository mounts, uploads (through
 * {@link BlobUploader}) and manifests, whose digest is checked before they are sent and against the
 * registry's {@code Docker-Content-Digest} after. Thread safe; every method blocks on the network.
 */
public final class RepositoryWriter {
  private final RegistryClient client;
  private final DockerName name;
  private final ManifestFormats formats;
  private final BlobUploader uploader;
  private final AuthScope scope;

  /** @param chunkBytes the upload chunk size ({@link BlobUploader#CHUNK_BYTES} outside tests) */
  public RepositoryWriter(
      RegistryClient client,
      DockerName name,
      ManifestFormats formats,
      int chunkBytes,
      System.Logger log) {
    this(client, name, formats, chunkBytes, log, PartialBlobs.none());
  }

  /** @param staging where uploads are recorded so that a later process can continue them */
  public RepositoryWriter(
      RegistryClient client,
      DockerName name,
      ManifestFormats formats,
      int chunkBytes,
      System.Logger log,
      PartialBlobs staging) {
    this.client = client;
    this.name = name;
    this.formats = formats;
    this.uploader = new BlobUploader(client, name.repository(), chunkBytes, log, staging);
    this.scope = AuthScope.push(name.repository());
  }

  /**
   * {@code HEAD} of the manifest the name names, with the push scope already needed: the digest
   * stored there, empty when there is none (404) or it is Docker schema1.
   */
  public Optional<Digest> manifestDigest() throws ImageException {
    try {
      return RepositoryReader.headDigest(
          client, name, scope, new ManifestReader(formats).accept());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code HEAD /v2/NAME/blobs/DIGEST}: true on 200 when the {@code Content-Length} is the
   * descriptor's size (any, when that is unknown), false on 404.
   */
  public boolean hasBlob(Descriptor blob) throws ImageException {
    String digest = blob.digest().toString();
    RequestSubject subject = subject(Endpoint.BLOB, blobName(blob), "HEAD");
    RegistryResponse<Void> response;
    try {
      response =
          client.execute(subject, scope, api -> api.blobExists(name.repository(), digest, scope));
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
   * {@code POST /v2/NAME/blobs/uploads/?mount=DIGEST&from=REPO}, {@code from} being another
   * repository of the same registry: true on 201; on 202 the registry opened an upload instead,
   * which is cancelled, and false.
   */
  public boolean mountBlob(Descriptor blob, String from) throws ImageException {
    String digest = blob.digest().toString();
    RequestSubject subject = subject(Endpoint.BLOB_UPLOAD, blobName(blob), "POST");
    AuthScope mountScope = AuthScope.pushMountingFrom(name.repository(), from);
    RegistryResponse<ResponseBody> response =
        client.execute(
            subject,
            mountScope,
            true,
            api -> api.mountBlob(name.repository(), digest, from, mountScope));
    if (response.code() == 201) {
      closeBody(response);
      return true;
    }
    uploader.cancel(subject, BlobUploader.required(response, subject));
    return false;
  }

  /** Uploads {@code content} as {@code blob} (see {@link BlobUploader}); does not close it. */
  public void putBlob(Descriptor blob, InputStream content) throws ImageException {
    uploader.upload(blob, content);
  }

  /**
   * Stops the uploads: those streaming end at the bytes sent so far and are left open and recorded
   * for a later process (see {@link BlobUploader#stop}); true when the registry answered them all
   * within {@code wait}.
   */
  public boolean stopUploads(Duration wait) {
    return uploader.stop(wait);
  }

  /** {@code PUT /v2/NAME/manifests/DIGEST}. */
  public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
    DockerName target = name.withDigest(instance);
    if (!instance.equals(manifest.digest())) {
      throw new DigestMismatchException(
          "manifest to put as \"" + target.fullName() + "\"", instance, manifest.digest());
    }
    put(manifest, target);
  }

  /** {@code PUT /v2/NAME/manifests/TAG} (or {@code DIGEST}, when the name has one). */
  public void putManifest(RawManifest manifest) throws ImageException {
    if (name.digest().isPresent()) {
      putManifest(manifest, name.digest().get());
      return;
    }
    put(manifest, name);
  }

  private void put(RawManifest manifest, DockerName target) throws ImageException {
    String fullName = target.fullName();
    Digest canonical = formats.digest(manifest.bytes(), manifest.mediaType());
    if (!canonical.equals(manifest.digest())) {
      throw new DigestMismatchException(
          "manifest to put as \"" + fullName + "\"", manifest.digest(), canonical);
    }
    RequestSubject subject = subject(Endpoint.MANIFEST, fullName, "PUT");
    RequestBody body = RequestBody.create(manifest.bytes(), MediaType.get(manifest.mediaType()));
    String ref = target.manifestReference();
    RegistryResponse<ResponseBody> response =
        client.execute(
            subject, scope, true, api -> api.putManifest(name.repository(), ref, body, scope));
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
              + name.registry()
              + "\" stored manifest \""
              + fullName
              + "\" under an invalid Docker-Content-Digest "
              + Quote.of(header));
    }
    if (!stored.equals(manifest.digest())) {
      throw new DigestMismatchException(
          "manifest \"" + fullName + "\" as stored by the registry", manifest.digest(), stored);
    }
  }

  private String blobName(Descriptor blob) {
    return name.withDigest(blob.digest()).fullName();
  }

  private RequestSubject subject(Endpoint endpoint, String what, String method) {
    return new RequestSubject(name.registry(), name.repository(), endpoint, what, method);
  }

  private static void closeBody(RegistryResponse<ResponseBody> response) {
    ResponseBody body = response.body();
    if (body != null) {
      body.close();
    }
  }
}
