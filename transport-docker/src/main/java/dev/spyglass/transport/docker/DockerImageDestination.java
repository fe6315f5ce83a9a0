package dev.spyglass.transport.docker;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.RawManifest;
import dev.spyglass.transport.docker.internal.BlobUploader;
import dev.spyglass.transport.docker.internal.RegistryClients;
import dev.spyglass.transport.docker.internal.RepositoryWriter;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

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
 * refuses further calls. Closing while blobs are being uploaded (another thread: the JVM is
 * stopping on SIGTERM or Ctrl-C) ends each streamed upload cleanly at the bytes sent so far, so
 * that a later process continues it from there, and waits for that at most 3 s (see {@link
 * #close}).
 */
public final class DockerImageDestination implements ImageDestination {
  private static final System.Logger LOG = System.getLogger("dev.spyglass.transport.docker");

  private final DockerReference reference;
  private final List<String> mediaTypes;
  private final RepositoryWriter repository;
  private volatile boolean closed;

  private DockerImageDestination(
      DockerReference reference, List<String> mediaTypes, RepositoryWriter repository) {
    this.reference = reference;
    this.mediaTypes = mediaTypes;
    this.repository = repository;
  }

  static DockerImageDestination open(
      DockerReference reference, ImageOptions options, RegistryClients clients, int chunkBytes)
      throws ImageException {
    return new DockerImageDestination(
        reference,
        options.formats().mediaTypes(),
        new RepositoryWriter(
            clients.forRegistry(reference.registry(), reference.apiHost(), options),
            reference.toDockerName(),
            options.formats(),
            chunkBytes,
            LOG,
            clients.staging()));
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
    return mediaTypes;
  }

  /**
   * {@inheritDoc}
   *
   * <p>One {@code HEAD} of the manifest the reference names (tag or digest), with every manifest
   * type in {@code Accept}: its {@code Docker-Content-Digest}; empty on 404.
   */
  @Override
  public Optional<Digest> manifestDigest() throws ImageException {
    ensureOpen();
    return repository.manifestDigest();
  }

  /**
   * {@code HEAD /v2/NAME/blobs/DIGEST}: true on 200 when the {@code Content-Length} is the
   * descriptor's size (any, when that is unknown), false on 404.
   */
  @Override
  public boolean hasBlob(Descriptor blob) throws ImageException {
    ensureOpen();
    return repository.hasBlob(blob);
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
    return repository.mountBlob(blob, source.repository());
  }

  /**
   * {@inheritDoc}
   *
   * <p>A blob of known size up to 8 MiB goes in one {@code PUT}, streamed; a larger one in one
   * streamed {@code PATCH} of unknown length (chunked, so that {@link #close} can end it early); a
   * blob of unknown size in {@code PATCH} chunks of 8 MiB (one in memory at a time), each sent to
   * the newest upload {@code Location}; the last two then get a {@code PUT ?digest=}. Digest and
   * size are checked before the upload is finished; a failed upload is cancelled.
   */
  @Override
  public void putBlob(Descriptor blob, InputStream content) throws ImageException {
    ensureOpen();
    repository.putBlob(blob, content);
  }

  /** {@code PUT /v2/NAME/manifests/DIGEST}. */
  @Override
  public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
    ensureOpen();
    repository.putManifest(manifest, instance);
  }

  /** {@code PUT /v2/NAME/manifests/TAG} (or {@code DIGEST}, when the reference names one). */
  @Override
  public void putManifest(RawManifest manifest) throws ImageException {
    ensureOpen();
    repository.putManifest(manifest);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(
          "the image destination of \"" + reference.describe() + "\" is closed");
    }
  }

  /**
   * Marks the destination closed; connections stay pooled for other sources and destinations of
   * the run. An upload that has ended is finished or cancelled by the call that began it, so nothing
   * is left to remove. An upload still streaming its {@code PATCH} (closed from a shutdown hook or
   * another thread) ends it at the bytes sent so far: this waits up to 3 s for the registry's
   * answer, records the new upload URL in the staging area for a later process to continue, and
   * leaves the upload open; its {@link #putBlob} fails, and no manifest follows. Other uploads
   * under way are left as they are.
   */
  @Override
  public void close() {
    closed = true;
    if (!repository.stopUploads(BlobUploader.STOP_WAIT)) {
      LOG.log(
          System.Logger.Level.DEBUG,
          () ->
              "closing \""
                  + reference.describe()
                  + "\": the registry did not answer every stopped upload within "
                  + BlobUploader.STOP_WAIT.toSeconds()
                  + " s");
    }
  }

  @Override
  public String toString() {
    return "DockerImageDestination[" + reference.describe() + "]";
  }
}
