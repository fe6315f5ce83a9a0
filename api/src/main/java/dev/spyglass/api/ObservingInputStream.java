package dev.spyglass.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream whose subclass must see every byte read through it (to hash, count or check them): a
 * one-byte {@link #read()} and {@link #skip} go through {@link #read(byte[], int, int)}, and
 * mark/reset, which would replay bytes past it, is refused. Subclasses override only {@link
 * #read(byte[], int, int)}, reading from the stream under them with {@code super.read(b, off,
 * len)}. Not thread safe.
 */
public abstract class ObservingInputStream extends FilterInputStream {
  protected ObservingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  /** Skips by reading, so that the skipped bytes are seen too. */
  @Override
  public final long skip(long n) throws IOException {
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
  public final boolean markSupported() {
    return false;
  }

  @Override
  public final void mark(int readLimit) {
    // Not supported: see reset().
  }

  @Override
  public final void reset() throws IOException {
    throw new IOException("mark/reset is not supported: every byte is seen once");
  }
}
