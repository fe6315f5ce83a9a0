package dev.spyglass.image;

import dev.spyglass.api.ObservingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Counts the bytes read, reports the count every {@link #STEP} bytes and at the end, and stops with
 * {@link BlobTransfer.CancelledException} as soon as {@code cancelled} says so. Not thread safe.
 */
final class ProgressInputStream extends ObservingInputStream {
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
}
