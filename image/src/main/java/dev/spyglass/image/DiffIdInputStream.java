package dev.spyglass.image;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a layer's stored bytes through unchanged while {@link DiffIdDigest} decompresses and
 * hashes them, so the diff id is known when the copy has read the layer to its end. Not thread
 * safe.
 */
final class DiffIdInputStream extends FilterInputStream {
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
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      digest.update(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 0))];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
