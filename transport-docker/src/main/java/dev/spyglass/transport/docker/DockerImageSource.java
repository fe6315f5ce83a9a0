package dev.spyglass.transport.docker;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.RawManifest;
import dev.spyglass.transport.docker.internal.RegistryClients;
import dev.spyglass.transport.docker.internal.RepositoryReader;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

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
  private final RepositoryReader repository;
  private volatile boolean closed;

  private DockerImageSource(DockerReference reference, RepositoryReader repository) {
    this.reference = reference;
    this.repository = repository;
  }

  static DockerImageSource open(
      DockerReference reference, ImageOptions options, RegistryClients clients)
      throws ImageException {
    return new DockerImageSource(
        reference,
        new RepositoryReader(
            clients.forRegistry(reference.registry(), reference.apiHost(), options),
            reference.toDockerName(),
            options.formats(),
            clients.staging()));
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
    ensureOpen();
    return repository.manifest();
  }

  /**
   * {@inheritDoc}
   *
   * <p>One {@code HEAD} of the manifest, with every manifest type in {@code Accept} (so that the
   * registry neither converts it nor picks an image of a list): its {@code Docker-Content-Digest}.
   * Empty for Docker schema1, and when the registry sends no digest.
   */
  @Override
  public Optional<Digest> manifestDigest() throws ImageException {
    ensureOpen();
    return repository.manifestDigest();
  }

  @Override
  public RawManifest manifest(Digest digest) throws ImageException {
    ensureOpen();
    return repository.manifest(digest);
  }

  @Override
  public InputStream blob(Descriptor blob) throws ImageException {
    ensureOpen();
    return repository.blob(blob);
  }

  @Override
  public List<String> tags() throws ImageException {
    ensureOpen();
    return repository.tags();
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
