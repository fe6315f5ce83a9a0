package dev.spyglass.image;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ObservingInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a layer's stored bytes through unchanged while {@link DiffIdDigest} decompresses and
 * hashes them, so the diff id is known when the copy has read the layer to its end. Not thread
 * safe.
 */
final class DiffIdInputStream extends ObservingInputStream {
  private final DiffIdDigest digest;

  DiffIdInputStream(InputStream in, String subject) {
    super(in);
    this.digest = new DiffIdDigest(subject);
  }

  /** The diff id; call once, after the stream was read to its end. */
  Digest diffId() throws ImageException {
    return digest.finish();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      digest.update(b, off, n);
    }
    return n;
  }
}
