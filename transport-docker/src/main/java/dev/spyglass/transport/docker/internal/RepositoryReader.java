package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DockerName;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.RawManifest;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import okhttp3.ResponseBody;
import retrofit2.Response;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

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

  public RepositoryReader(RegistryClient client, DockerName name, ManifestFormats formats) {
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
    Response<Void> response =
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
      Response<ResponseBody> response =
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

  /** The blob's bytes as they stream, verified against {@code blob} as they are read. */
  public InputStream blob(Descriptor blob) throws ImageException {
    String digest = blob.digest().toString();
    RequestSubject subject = subject(Endpoint.BLOB, name.withDigest(blob.digest()).fullName());
    String repository = name.repository();
    return BlobStream.open(
        client.execute(subject, scope, api -> api.blob(repository, digest, scope)),
        blob,
        client.apiHost(),
        offset ->
            client.execute(
                subject,
                scope,
                api -> api.blobRange(repository, digest, "bytes=" + offset + "-", scope)),
        client.attempts(),
        client.log());
  }

  /** Every tag of the repository, all pages, in the registry's order. */
  public List<String> tags() throws ImageException {
    return new TagLister(client).list(subject(Endpoint.TAGS, name.name()), name.repository());
  }

  private RequestSubject subject(Endpoint endpoint, String what) {
    return new RequestSubject(name.registry(), name.repository(), endpoint, what);
  }
}
