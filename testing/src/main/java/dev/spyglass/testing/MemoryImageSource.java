package dev.spyglass.testing;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a {@link MemoryImage}: manifests by digest are checked with the options' formats, blobs
 * against their descriptor (unless the image says not to), as the api asks of every source. Thread
 * safe; closing counts and never fails.
 */
public final class MemoryImageSource implements ImageSource {
  private final MemoryReference reference;
  private final MemoryImage image;
  private final ImageOptions options;

  MemoryImageSource(MemoryReference reference, MemoryImage image, ImageOptions options) {
    this.reference = reference;
    this.image = image;
    this.options = options;
  }

  @Override
  public MemoryReference reference() {
    return reference;
  }

  /** The image's manifest; {@link NotFoundException} when none was set or put. */
  @Override
  public RawManifest manifest() throws ImageException {
    return image
        .manifest()
        .orElseThrow(() -> new NotFoundException("manifest", reference.describe(), ""));
  }

  @Override
  public RawManifest manifest(Digest digest) throws ImageException {
    RawManifest manifest =
        image
            .manifest(digest)
            .orElseThrow(
                () -> new NotFoundException("manifest", reference.describe() + "@" + digest, ""));
    Digest actual = options.formats().digest(manifest.bytes(), manifest.mediaType());
    if (!actual.equals(digest)) {
      throw new DigestMismatchException(
          "manifest \"" + reference.describe() + "@" + digest + "\"", digest, actual);
    }
    return manifest;
  }

  @Override
  public InputStream blob(Descriptor blob) throws ImageException {
    image.openedBlob(blob.digest());
    byte[] bytes = image.storedBlob(blob.digest());
    if (bytes == null) {
      throw new NotFoundException("blob", reference.describe() + "@" + blob.digest(), "");
    }
    if (image.nextBlobReadFails(blob.digest())) {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          throw new IOException("connection reset");
        }
      };
    }
    InputStream in = new ByteArrayInputStream(bytes);
    return image.verifiesBlobs() ? new DigestVerifyingInputStream(in, blob) : in;
  }

  /** The tags set with {@link MemoryImage#tags}. */
  @Override
  public List<String> tags() {
    return image.tagList();
  }

  @Override
  public void close() {
    image.closes.incrementAndGet();
  }

  @Override
  public String toString() {
    return "MemoryImageSource[" + reference.describe() + "]";
  }
}
