package dev.spyglass.transport.layout;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.RawManifest;
import dev.spyglass.transport.layout.internal.BlobFiles;
import dev.spyglass.transport.layout.internal.ManifestFiles;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import dev.spyglass.api.MediaType;
import java.nio.file.Files;

/** Reads a {@code dir:} image. Stateless apart from its reference; thread safe. */
final class DirImageSource implements ImageSource {
  static final String MANIFEST = "manifest.json";
  static final String VERSION = "version";
  static final String VERSION_TEXT = "Directory Transport Version: 1.1\n";

  private final DirReference reference;
  private final ImageOptions options;

  DirImageSource(DirReference reference, ImageOptions options) {
    this.reference = reference;
    this.options = options;
  }

  @Override
  public DirReference reference() {
    return reference;
  }

  @Override
  public RawManifest manifest() throws ImageException {
    byte[] bytes =
        ManifestFiles.read(reference.path().resolve(MANIFEST), "manifest", reference.describe());
    String what = "manifest \"" + reference.describe() + "\"";
    String mediaType = ManifestFiles.mediaType(bytes, options.formats(), what);
    return new RawManifest(bytes, mediaType, options.formats().digest(bytes, mediaType));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The digest of {@code manifest.json}, read from the disk (empty for Docker schema1).
   *
   * @throws dev.spyglass.api.NotFoundException when the directory holds no manifest
   */
  @Override
  public Optional<Digest> manifestDigest() throws ImageException {
    RawManifest manifest = manifest();
    return isSchema1(manifest.mediaType()) ? Optional.empty() : Optional.of(manifest.digest());
  }

  /** The digest of the manifest {@code reference} holds; empty when none can be read. */
  static Optional<Digest> localDigest(DirReference reference, ImageOptions options) {
    if (!Files.isRegularFile(reference.path().resolve(MANIFEST))) {
      return Optional.empty();
    }
    try {
      return new DirImageSource(reference, options).manifestDigest();
    } catch (ImageException e) {
      return Optional.empty();
    }
  }

  static boolean isSchema1(String mediaType) {
    String type = MediaType.normalize(mediaType);
    return type.equals(MediaType.DOCKER_SCHEMA1) || type.equals(MediaType.DOCKER_SCHEMA1_SIGNED);
  }

  /** The manifest of a list's image, stored as {@code <hex>.manifest.json}. */
  @Override
  public RawManifest manifest(Digest digest) throws ImageException {
    Path file = reference.path().resolve(instanceFileName(digest));
    String name = reference.describe() + "@" + digest;
    byte[] bytes = ManifestFiles.read(file, "manifest", name);
    String mediaType = ManifestFiles.mediaType(bytes, options.formats(), "manifest \"" + name + "\"");
    Digest actual = options.formats().digest(bytes, mediaType);
    if (!actual.equals(digest)) {
      throw new DigestMismatchException("manifest \"" + name + "\"", digest, actual);
    }
    return new RawManifest(bytes, mediaType, digest);
  }

  @Override
  public InputStream blob(Descriptor blob) throws ImageException {
    return BlobFiles.open(reference.path().resolve(blobFileName(blob.digest())), blob);
  }

  /** A directory has no tags: an empty list, as skopeo prints {@code "RepoTags": []}. */
  @Override
  public List<String> tags() {
    return List.of();
  }

  @Override
  public void close() {}

  /** skopeo names blobs by the hex of their SHA-256 digest alone. */
  static String blobFileName(Digest digest) throws ImageException {
    requireSha256(digest);
    return digest.hex();
  }

  static String instanceFileName(Digest digest) throws ImageException {
    requireSha256(digest);
    return digest.hex() + ".manifest.json";
  }

  private static void requireSha256(Digest digest) throws ImageException {
    if (!digest.algorithm().equals(Digest.SHA256)) {
      throw new ImageException(
          "digest \""
              + digest
              + "\" cannot be stored in a dir: layout, which names files by SHA-256 only");
    }
  }
}
