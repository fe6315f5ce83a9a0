package dev.spyglass.transport.layout;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Quote;
import dev.spyglass.api.RawManifest;
import dev.spyglass.transport.layout.internal.AtomicFiles;
import dev.spyglass.transport.layout.internal.Directories;
import dev.spyglass.transport.layout.internal.FileFailures;
import dev.spyglass.transport.layout.internal.OciLayoutIndex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes one image into an OCI layout: blobs and manifests as blobs, then the entry of {@code
 * index.json}, updated under a lock. Manifests are stored byte for byte, Docker schema2 and
 * manifest lists too, so that their digests are kept. Blobs may be put from several threads at
 * once; several destinations may write into one layout at once. When it created the layout's
 * directory and is closed before its manifest was written, it removes the directories it created
 * again, as {@code dir:} does, unless the layout has gained an {@code index.json} meanwhile
 * (another destination finished an image in it); a layout that existed before is never removed.
 */
final class OciImageDestination implements ImageDestination {
  static final String LAYOUT_TEXT = "{\"imageLayoutVersion\": \"1.0.0\"}";
  /**
   * OCI first (what a manifest of another type is converted to); then the Docker types, which the
   * OCI image-layout spec allows in {@code index.json}: stored as they are, they keep their digest.
   */
  private static final List<String> SUPPORTED =
      List.of(
          MediaType.OCI_MANIFEST,
          MediaType.OCI_INDEX,
          MediaType.DOCKER_SCHEMA2,
          MediaType.DOCKER_MANIFEST_LIST);

  private final OciReference reference;
  private final @Nullable Path createdRoot;
  private final AtomicFiles files = new AtomicFiles();
  private volatile boolean complete;

  private OciImageDestination(OciReference reference, @Nullable Path createdRoot) {
    this.reference = reference;
    this.createdRoot = createdRoot;
  }

  static OciImageDestination open(OciReference reference, ImageOptions options)
      throws ImageException {
    Path layout = reference.path();
    @Nullable Path created;
    try {
      created = Directories.create(layout).orElse(null);
    } catch (IOException e) {
      throw new ImageException(
          "creating OCI layout \"" + layout + "\" failed: " + FileFailures.reason(e), e);
    }
    OciImageDestination destination = new OciImageDestination(reference, created);
    if (!Files.isRegularFile(layout.resolve(OciLayoutIndex.LAYOUT))) {
      try {
        destination.files.writeBytes(
            layout.resolve(OciLayoutIndex.LAYOUT), LAYOUT_TEXT.getBytes(StandardCharsets.UTF_8));
      } catch (ImageException e) {
        destination.close();
        throw e;
      }
    }
    return destination;
  }

  static Path blobPath(Path layout, Digest digest) {
    // A Digest is validated (known algorithm, exact lowercase hex): safe as path segments.
    return layout.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }

  @Override
  public OciReference reference() {
    return reference;
  }

  /**
   * OCI manifests and indexes, Docker schema2 manifests and manifest lists (stored as they are);
   * Docker schema1 must be converted first.
   */
  @Override
  public List<String> supportedManifestMediaTypes() {
    return SUPPORTED;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The digest of the {@code index.json} entry named as the reference names its image, if any;
   * empty when the reference names none.
   */
  @Override
  public Optional<Digest> manifestDigest() {
    Optional<String> name = reference.name();
    if (name.isEmpty() || !Files.isRegularFile(reference.path().resolve(OciLayoutIndex.INDEX))) {
      return Optional.empty();
    }
    try {
      for (OciLayoutIndex.Entry entry : OciLayoutIndex.entries(reference.path())) {
        if (entry.refName().equals(name.get())) {
          return Optional.of(Digest.parse(entry.digest()));
        }
      }
    } catch (ImageException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  @Override
  public boolean hasBlob(Descriptor blob) {
    Path file = blobPath(reference.path(), blob.digest());
    try {
      return Files.isRegularFile(file) && (blob.size() < 0 || Files.size(file) == blob.size());
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void putBlob(Descriptor blob, InputStream content) throws ImageException {
    files.writeVerified(blobDirectory(blob.digest()), blob, content);
  }

  @Override
  public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
    storeManifest(manifest, instance);
  }

  @Override
  public void putManifest(RawManifest manifest) throws ImageException {
    Descriptor stored = storeManifest(manifest, manifest.digest());
    OciLayoutIndex.put(reference.path(), stored, reference.name().orElse(""), files);
    complete = true;
  }

  /** Removes temporary files, and the layout directory it created unless the image is complete. */
  @Override
  public void close() {
    files.close();
    if (createdRoot != null
        && !complete
        && !Files.exists(reference.path().resolve(OciLayoutIndex.INDEX))) {
      try {
        Directories.removeContents(createdRoot);
        Files.deleteIfExists(createdRoot);
      } catch (IOException e) {
        // Best effort: what is left has no index.json, so nothing reads it as an image.
      }
    }
  }

  private Descriptor storeManifest(RawManifest manifest, Digest digest) throws ImageException {
    String mediaType = MediaType.normalize(manifest.mediaType());
    if (!SUPPORTED.contains(mediaType)) {
      throw new ImageException(
          "manifest of media type "
              + Quote.of(manifest.mediaType())
              + " cannot be stored in OCI layout \""
              + reference.path()
              + "\"; supported: "
              + String.join(", ", SUPPORTED));
    }
    byte[] bytes = manifest.bytes();
    Digest actual = digest.recompute(bytes);
    if (!actual.equals(digest)) {
      throw new DigestMismatchException(
          "manifest for \"" + reference.describe() + "\"", digest, actual);
    }
    Descriptor descriptor = Descriptor.of(mediaType, digest, bytes.length);
    files.writeVerified(blobDirectory(digest), descriptor, new ByteArrayInputStream(bytes));
    return descriptor;
  }

  private Path blobDirectory(Digest digest) throws ImageException {
    Path file = blobPath(reference.path(), digest);
    try {
      Directories.create(file.getParent());
    } catch (IOException e) {
      throw new ImageException(
          "creating \"" + file.getParent() + "\" failed: " + FileFailures.reason(e), e);
    }
    return file;
  }
}
