package dev.spyglass.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Counts the bytes read, reports the count every {@link #STEP} bytes and at the end, and stops with
 * {@link BlobTransfer.CancelledException} as soon as {@code cancelled} says so. Not thread safe.
 */
final class ProgressInputStream extends FilterInputStream {
  static final long STEP = 256 * 1024;

  private final LongConsumer progress;
  private final BooleanSupplier cancelled;
  private long count;
  private long reported;
  private @Nullable IOException failure;

  ProgressInputStream(InputStream in, LongConsumer progress, BooleanSupplier cancelled) {
    super(in);
    this.progress = progress;
    this.cancelled = cancelled;
  }

  long count() {
    return count;
  }

  /** The failure reading the stream under this one threw, if any. */
  @Nullable IOException failure() {
    return failure;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (cancelled.getAsBoolean()) {
      throw new BlobTransfer.CancelledException();
    }
    int n;
    try {
      n = super.read(b, off, len);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
    if (n < 0) {
      if (count != reported) {
        reported = count;
        progress.accept(count);
      }
      return -1;
    }
    count += n;
    if (count - reported >= STEP) {
      reported = count;
      progress.accept(count);
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
