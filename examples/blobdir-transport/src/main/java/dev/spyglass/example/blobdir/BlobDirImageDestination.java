package dev.spyglass.example.blobdir;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes one image into a {@code blobdir:} directory. Every file goes to a temporary file first and
 * is renamed once complete and verified, so nothing half-written is ever visible; the {@code image}
 * file goes last. Closing before the manifest was put removes the directory when this destination
 * created it. Blobs may be put from several threads at once.
 */
final class BlobDirImageDestination implements ImageDestination {
  private final BlobDirReference reference;
  private final boolean created;
  private volatile boolean complete;

  private BlobDirImageDestination(BlobDirReference reference, boolean created) {
    this.reference = reference;
    this.created = created;
  }

  static BlobDirImageDestination open(BlobDirReference reference) throws ImageException {
    boolean created = !Files.exists(reference.path());
    try {
      Files.createDirectories(reference.path().resolve("blobs"));
    } catch (IOException e) {
      throw new ImageException("creating \"" + reference.path() + "\" failed: " + e, e);
    }
    return new BlobDirImageDestination(reference, created);
  }

  @Override
  public BlobDirReference reference() {
    return reference;
  }

  /** Any manifest is stored as it is. */
  @Override
  public List<String> supportedManifestMediaTypes() {
    return List.of();
  }

  @Override
  public boolean hasBlob(Descriptor blob) {
    Path file = reference.blob(blob.digest());
    try {
      return Files.isRegularFile(file) && (blob.size() < 0 || Files.size(file) == blob.size());
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void putBlob(Descriptor blob, InputStream content) throws ImageException {
    write(reference.blob(blob.digest()), DigestVerifyingInputStream.of(content, blob));
  }

  @Override
  public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
    store(manifest, instance);
  }

  @Override
  public void putManifest(RawManifest manifest) throws ImageException {
    store(manifest, manifest.digest());
    String image = manifest.mediaType() + "\n" + manifest.digest() + "\n";
    write(reference.path().resolve(BlobDirReference.IMAGE), bytes(image));
    complete = true;
  }

  @Override
  public void close() {
    if (complete || !created) {
      return;
    }
    try (Stream<Path> files = Files.walk(reference.path())) {
      files.sorted(Comparator.reverseOrder()).forEach(BlobDirImageDestination::delete);
    } catch (IOException | UncheckedIOException e) {
      // best effort: a directory we could not remove holds no image file
    }
  }

  private void store(RawManifest manifest, Digest digest) throws ImageException {
    Digest actual = digest.recompute(manifest.bytes());
    if (!actual.equals(digest)) {
      throw new DigestMismatchException("manifest for \"" + reference.describe() + "\"", digest, actual);
    }
    write(reference.mediaType(digest), bytes(manifest.mediaType()));
    write(reference.blob(digest), new ByteArrayInputStream(manifest.bytes()));
  }

  /** Copies {@code content} to a temporary file beside {@code file}, then renames it. */
  private static void write(Path file, InputStream content) throws ImageException {
    Path tmp = null;
    try {
      tmp = Files.createTempFile(file.getParent(), ".tmp-", "");
      try (InputStream in = content) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException("writing \"" + file + "\" failed: " + e, e);
    } finally {
      if (tmp != null) {
        delete(tmp);
      }
    }
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort
    }
  }
}
