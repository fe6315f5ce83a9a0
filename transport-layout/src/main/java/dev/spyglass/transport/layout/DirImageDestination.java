package dev.spyglass.transport.layout;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.RawManifest;
import dev.spyglass.transport.layout.internal.AtomicFiles;
import dev.spyglass.transport.layout.internal.Directories;
import dev.spyglass.transport.layout.internal.FileFailures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@code dir:} image; blobs may be put from several threads at once. One image per
 * directory, as skopeo: the image a directory held is replaced, but only once the new one is
 * complete (its manifest written), so that a failed copy leaves the old image whole and a copy of
 * a directory onto itself keeps it. The directories it created are removed again when it is closed
 * before the manifest was written.
 */
final class DirImageDestination implements ImageDestination {
  private static final System.Logger LOG = System.getLogger(DirImageDestination.class.getName());
  private final DirReference reference;
  private final ImageOptions options;
  private final @Nullable Path createdRoot;
  private final AtomicFiles files = new AtomicFiles();
  /** The names of the files of the image being written: the others are removed once it is. */
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private volatile boolean complete;

  private DirImageDestination(
      DirReference reference, ImageOptions options, @Nullable Path createdRoot) {
    this.reference = reference;
    this.options = options;
    this.createdRoot = createdRoot;
  }

  static DirImageDestination open(DirReference reference, ImageOptions options)
      throws ImageException {
    Path dir = reference.path();
    @Nullable Path created = null;
    try {
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
        throw new ImageException(
            "destination \"" + reference.describe() + "\" is not a directory");
      }
      if (Files.isDirectory(dir)) {
        if (!isEmpty(dir)) {
          if (!Files.isRegularFile(dir.resolve(DirImageSource.VERSION))) {
            throw new ImageException(
                "directory \""
                    + dir
                    + "\" is not empty and holds no dir: image (no \"version\" file); it is not"
                    + " overwritten");
          }
          // The image it holds is replaced when the new one is complete (removeReplaced).
        }
      } else {
        created = Directories.create(dir).orElse(null);
      }
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "preparing directory \"" + dir + "\" for writing failed: " + FileFailures.reason(e), e);
    }
    DirImageDestination destination = new DirImageDestination(reference, options, created);
    try {
      destination.write(
          DirImageSource.VERSION, DirImageSource.VERSION_TEXT.getBytes(StandardCharsets.US_ASCII));
    } catch (ImageException e) {
      destination.close();
      throw e;
    }
    return destination;
  }

  @Override
  public DirReference reference() {
    return reference;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The digest of the {@code manifest.json} the directory holds, if any (empty for Docker
   * schema1 and for a manifest that cannot be read).
   */
  @Override
  public Optional<Digest> manifestDigest() {
    return DirImageSource.localDigest(reference, options);
  }

  /** Empty: a directory stores a manifest of any type as it is. */
  @Override
  public List<String> supportedManifestMediaTypes() {
    return List.of();
  }

  @Override
  public boolean hasBlob(Descriptor blob) throws ImageException {
    String name = DirImageSource.blobFileName(blob.digest());
    Path file = reference.path().resolve(name);
    try {
      boolean present =
          Files.isRegularFile(file) && (blob.size() < 0 || Files.size(file) == blob.size());
      if (present) {
        written.add(name); // skipped by the copy: part of the new image as it is
      }
      return present;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void putBlob(Descriptor blob, InputStream content) throws ImageException {
    String name = DirImageSource.blobFileName(blob.digest());
    files.writeVerified(reference.path().resolve(name), blob, content);
    written.add(name);
  }

  @Override
  public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
    check(manifest, instance);
    write(DirImageSource.instanceFileName(instance), manifest.bytes());
  }

  @Override
  public void putManifest(RawManifest manifest) throws ImageException {
    check(manifest, manifest.digest());
    write(DirImageSource.MANIFEST, manifest.bytes());
    complete = true;
    removeReplaced();
  }

  private void write(String name, byte[] bytes) throws ImageException {
    files.writeBytes(reference.path().resolve(name), bytes);
    written.add(name);
  }

  /**
   * Removes what the directory held besides the image just written: the image it replaced, and
   * temporary files of copies stopped before. Best effort: the new image is complete either way.
   */
  private void removeReplaced() {
    Path dir = reference.path();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        if (!written.contains(entry.getFileName().toString())) {
          Directories.removeContents(entry);
          Files.deleteIfExists(entry);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.log(
          Level.WARNING,
          () -> "removing the image \"" + reference.describe() + "\" replaced failed: " + e);
    }
  }

  @Override
  public void close() {
    files.close();
    if (createdRoot != null && !complete) {
      try {
        Directories.removeContents(createdRoot);
        Files.deleteIfExists(createdRoot);
      } catch (IOException e) {
        // Best effort: what is left has no manifest, so nothing reads it as an image.
      }
    }
  }

  private void check(RawManifest manifest, Digest expected) throws ImageException {
    Digest actual = options.formats().digest(manifest.bytes(), manifest.mediaType());
    if (!actual.equals(expected)) {
      throw new DigestMismatchException(
          "manifest for \"" + reference.describe() + "\"", expected, actual);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
