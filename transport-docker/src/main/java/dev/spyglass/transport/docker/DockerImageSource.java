package dev.spyglass.transport.docker;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.RawManifest;
import dev.spyglass.transport.docker.internal.Attempts;
import dev.spyglass.transport.docker.internal.AuthScope;
import dev.spyglass.transport.docker.internal.BlobStream;
import dev.spyglass.transport.docker.internal.Endpoint;
import dev.spyglass.transport.docker.internal.ManifestReader;
import dev.spyglass.transport.docker.internal.RegistryClient;
import dev.spyglass.transport.docker.internal.RegistryClients;
import dev.spyglass.transport.docker.internal.RequestSubject;
import dev.spyglass.transport.docker.internal.RetryPolicy;
import dev.spyglass.transport.docker.internal.TagLister;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Reads one image from a registry. Thread safe; every method blocks on the network.
 *
 * <p>Requests go over HTTPS, or plain HTTP when TLS verification is off and HTTPS fails below HTTP.
 * The first request of a run meets the registry's 401 challenge; credentials (explicit, auth files,
 * helpers) and tokens then come from an authenticator shared with every source opened on the same
 * registry with the same settings. Manifests are asked for with every media type of {@link
 * ImageOptions#formats()} in {@code Accept}, bounded, and checked against their digest. Closing
 * releases nothing shared and never fails; a closed source refuses further calls.
 */
public final class DockerImageSource implements ImageSource {
  private final DockerReference reference;
  private final RegistryClient client;
  private final ManifestReader manifests;
  private final AuthScope scope;
  private volatile boolean closed;

  private DockerImageSource(
      DockerReference reference, ImageOptions options, RegistryClient client) {
    this.reference = reference;
    this.client = client;
    this.manifests = new ManifestReader(options.formats());
    this.scope = AuthScope.pull(reference.repository());
  }

  static DockerImageSource open(
      DockerReference reference, ImageOptions options, RegistryClients clients)
      throws ImageException {
    return new DockerImageSource(
        reference,
        options,
        clients.forRegistry(reference.registry(), reference.apiHost(), options));
  }

  @Override
  public DockerReference reference() {
    return reference;
  }

  /**
   * {@inheritDoc}
   *
   * <p>When fetched by tag and the registry sends {@code Docker-Content-Digest}, the manifest is
   * refused unless its canonical digest is that one.
   */
  @Override
  public RawManifest manifest() throws ImageException {
    return fetch(
        reference.manifestReference(), reference.fullName(), reference.digest().orElse(null));
  }

  @Override
  public RawManifest manifest(Digest digest) throws ImageException {
    return fetch(digest.toString(), reference.name() + "@" + digest, digest);
  }

  private RawManifest fetch(String ref, String fullName, @Nullable Digest expected)
      throws ImageException {
    ensureOpen();
    RequestSubject subject = subject(Endpoint.MANIFEST, fullName);
    String accept = manifests.accept();
    Attempts attempts = client.attempts();
    while (true) {
      Response<ResponseBody> response =
          client.execute(
              subject, scope, api -> api.manifest(reference.repository(), ref, accept, scope));
      try {
        return manifests.read(response, expected, "manifest \"" + fullName + "\"", client.apiHost());
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

  @Override
  public InputStream blob(Descriptor blob) throws ImageException {
    ensureOpen();
    String digest = blob.digest().toString();
    RequestSubject subject = subject(Endpoint.BLOB, reference.name() + "@" + digest);
    String repository = reference.repository();
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

  @Override
  public List<String> tags() throws ImageException {
    ensureOpen();
    return new TagLister(client)
        .list(subject(Endpoint.TAGS, reference.name()), reference.repository());
  }

  private RequestSubject subject(Endpoint endpoint, String what) {
    return new RequestSubject(reference.registry(), reference.repository(), endpoint, what);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(
          "the image source of \"" + reference.describe() + "\" is closed");
    }
  }

  /** Marks the source closed; connections stay pooled for other sources of the run. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "DockerImageSource[" + reference.describe() + "]";
  }
}
