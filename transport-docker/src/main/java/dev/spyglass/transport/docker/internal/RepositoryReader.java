package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DockerName;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.RawManifest;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Reads one repository of a registry for an image source: manifests (asked for with every media
 * type of the formats in {@code Accept}, bounded, checked against their digest), blobs (verified as
 * they are read) and tags, with the scope {@code repository:NAME:pull}. Thread safe; every method
 * blocks on the network.
 */
public final class RepositoryReader {
  private final RegistryClient client;
  private final DockerName name;
  private final ManifestReader manifests;
  private final AuthScope scope;
  private final PartialBlobs staging;

  public RepositoryReader(RegistryClient client, DockerName name, ManifestFormats formats) {
    this(client, name, formats, PartialBlobs.none());
  }

  /** @param staging where blob downloads are staged so that a later process can continue them */
  public RepositoryReader(
      RegistryClient client, DockerName name, ManifestFormats formats, PartialBlobs staging) {
    this.staging = staging;
    this.client = client;
    this.name = name;
    this.manifests = new ManifestReader(formats);
    this.scope = AuthScope.pull(name.repository());
  }

  /**
   * The manifest {@code name} names; fetched by tag, it is refused unless its canonical digest is
   * the registry's {@code Docker-Content-Digest} (when sent).
   */
  public RawManifest manifest() throws ImageException {
    return fetch(name, name.digest().orElse(null));
  }

  /** The manifest {@code digest} of the repository. */
  public RawManifest manifest(Digest digest) throws ImageException {
    return fetch(name.withDigest(digest), digest);
  }

  /**
   * {@code HEAD} of the manifest {@code name} names, with every manifest type in {@code Accept} so
   * that the registry reports the digest of the manifest as stored: its {@code
   * Docker-Content-Digest}, empty for Docker schema1 or without the header.
   *
   * @throws dev.spyglass.api.NotFoundException when there is no such manifest
   */
  public Optional<Digest> manifestDigest() throws ImageException {
    return headDigest(client, name, scope, manifests.accept());
  }

  /** {@code HEAD} of the manifest {@code target} names, as {@link #manifestDigest()}. */
  static Optional<Digest> headDigest(
      RegistryClient client, DockerName target, AuthScope scope, @Nullable String accept)
      throws ImageException {
    RequestSubject subject =
        new RequestSubject(
            target.registry(), target.repository(), Endpoint.MANIFEST, target.fullName(), "HEAD");
    String repository = target.repository();
    String ref = target.manifestReference();
    RegistryResponse<Void> response =
        client.execute(subject, scope, api -> api.manifestHead(repository, ref, accept, scope));
    return ManifestReader.headDigest(
        response.headers(), "manifest \"" + target.fullName() + "\"", client.apiHost());
  }

  private RawManifest fetch(DockerName target, @Nullable Digest expected) throws ImageException {
    RequestSubject subject = subject(Endpoint.MANIFEST, target.fullName());
    String accept = manifests.accept();
    String repository = name.repository();
    String ref = target.manifestReference();
    Attempts attempts = client.attempts();
    while (true) {
      RegistryResponse<ResponseBody> response =
          client.execute(subject, scope, api -> api.manifest(repository, ref, accept, scope));
      try {
        return manifests.read(
            response, expected, "manifest \"" + target.fullName() + "\"", client.apiHost());
      } catch (ImageException e) {
        // A body that broke while being read is asked for again; its answer was already retried.
        if (e.getClass() != ImageException.class
            || !RetryPolicy.isRetryable(e)
            || !attempts.another(subject.describe(), e.getMessage(), Optional.empty())) {
          throw e;
        }
      }
    }
  }

  /**
   * The blob's bytes as they stream, verified against {@code blob} as they are read. When the
   * staging area takes the blob, the bytes an earlier run staged are replayed first (and hashed
   * again) and only the rest is asked for, with {@code Range: bytes=N-}: a {@code 206} must carry
   * {@code Content-Range: bytes N-LAST/SIZE}; another answer, or a failure, drops the staged bytes
   * and the blob is read from its start.
   */
  public InputStream blob(Descriptor blob) throws ImageException {
    String digest = blob.digest().toString();
    RequestSubject subject = subject(Endpoint.BLOB, name.withDigest(blob.digest()).fullName());
    String repository = name.repository();
    ResumingBlobStream.Reopen range =
        offset ->
            client.execute(
                subject,
                scope,
                api -> api.blobRange(repository, digest, "bytes=" + offset + "-", scope));
    PartialBlobs.Partial partial = staging.claim(blob.digest(), blob.size()).orElse(null);
    if (partial == null) {
      return BlobStream.open(
          client.execute(subject, scope, api -> api.blob(repository, digest, blob.size(), scope)),
          blob,
          client.apiHost(),
          range,
          client.attempts(),
          client.log());
    }
    try {
      long held = partial.held();
      RegistryResponse<ResponseBody> response = null;
      if (held > 0 && held < blob.size()) {
        response = continuation(range, held, blob).orElse(null);
        if (response == null) {
          partial.truncate();
          held = 0;
        } else if (response.code() == 200) {
          client.log().log(Level.DEBUG, () -> "GET blob \"" + digest + "\": the range was ignored; reading it from the start");
          partial.truncate();
          held = 0;
        }
      } else if (held > 0) {
        client.log().log(Level.DEBUG, () -> "GET blob \"" + digest + "\": staged whole by an earlier run; checking it");
      }
      if (held == 0 && response == null) {
        response =
            client.execute(subject, scope, api -> api.blob(repository, digest, blob.size(), scope));
      }
      return BlobStream.open(
          response,
          held,
          partial,
          blob,
          client.apiHost(),
          range,
          client.attempts(),
          client.log());
    } catch (ImageException | RuntimeException e) {
      partial.close();
      throw e;
    }
  }

  /**
   * The blob from {@code held} on: a {@code 206} from there to the end, or a {@code 200} with all
   * of it; empty (and DEBUG) when the registry answered otherwise or failed.
   */
  private Optional<RegistryResponse<ResponseBody>> continuation(
      ResumingBlobStream.Reopen range, long held, Descriptor blob) {
    String digest = blob.digest().toString();
    RegistryResponse<ResponseBody> response;
    try {
      response = range.from(held);
    } catch (ImageException e) {
      client.log().log(Level.DEBUG, () -> "GET blob \"" + digest + "\" from byte " + held + " failed (" + e.getMessage() + "); reading it from the start");
      return Optional.empty();
    }
    String expected = "bytes " + held + "-" + (blob.size() - 1) + "/" + blob.size();
    String contentRange = response.headers().get("Content-Range");
    if (response.code() == 200
        || (response.code() == 206 && contentRange != null && contentRange.strip().equals(expected))) {
      client.log().log(Level.DEBUG, () -> "GET blob \"" + digest + "\": " + held + " bytes staged by an earlier run; HTTP " + response.code() + " for the rest");
      return Optional.of(response);
    }
    if (response.body() != null) {
      response.body().close();
    }
    client.log().log(Level.DEBUG, () -> "GET blob \"" + digest + "\" from byte " + held + ": HTTP " + response.code() + " with Content-Range " + contentRange + "; reading it from the start");
    return Optional.empty();
  }

  /** Every tag of the repository, all pages, in the registry's order. */
  public List<String> tags() throws ImageException {
    return new TagLister(client).list(subject(Endpoint.TAGS, name.name()), name.repository());
  }

  private RequestSubject subject(Endpoint endpoint, String what) {
    return new RequestSubject(name.registry(), name.repository(), endpoint, what);
  }
}
