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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@code dir:} image; blobs may be put from several threads at once. The directories it
 * created are removed again when it is closed before the manifest was written.
 */
final class DirImageDestination implements ImageDestination {
  private final DirReference reference;
  private final ImageOptions options;
  private final @Nullable Path createdRoot;
  private final AtomicFiles files = new AtomicFiles();
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
          // One image per directory, as skopeo: the manifest goes first so that no reader ever
          // sees it pointing at removed blobs.
          Files.deleteIfExists(dir.resolve(DirImageSource.MANIFEST));
          removeContents(dir);
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
      destination.files.writeBytes(
          dir.resolve(DirImageSource.VERSION),
          DirImageSource.VERSION_TEXT.getBytes(StandardCharsets.US_ASCII));
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

  /** Empty: a directory stores a manifest of any type as it is. */
  @Override
  public List<String> supportedManifestMediaTypes() {
    return List.of();
  }

  @Override
  public boolean hasBlob(Descriptor blob) throws ImageException {
    Path file = reference.path().resolve(DirImageSource.blobFileName(blob.digest()));
    try {
      return Files.isRegularFile(file) && (blob.size() < 0 || Files.size(file) == blob.size());
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void putBlob(Descriptor blob, InputStream content) throws ImageException {
    files.writeVerified(
        reference.path().resolve(DirImageSource.blobFileName(blob.digest())), blob, content);
  }

  @Override
  public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
    check(manifest, instance);
    files.writeBytes(
        reference.path().resolve(DirImageSource.instanceFileName(instance)), manifest.bytes());
  }

  @Override
  public void putManifest(RawManifest manifest) throws ImageException {
    check(manifest, manifest.digest());
    files.writeBytes(reference.path().resolve(DirImageSource.MANIFEST), manifest.bytes());
    complete = true;
  }

  @Override
  public void close() {
    files.close();
    if (createdRoot != null && !complete) {
      try {
        removeContents(createdRoot);
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

  private static void removeContents(Path dir) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.filter(p -> !p.equals(dir)).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }
}
