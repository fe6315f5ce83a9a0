package dev.spyglass.cli.progress;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageReference;
import dev.spyglass.image.CopyListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Draws a sync's progress on stderr: one line per image ({@link #line}), and on a terminal, below
 * them, {@link CopyProgress}'s live block of the blobs in flight, of every image being copied at
 * once, with a total line. Blobs get no line of their own (a sync moves hundreds). Thread safe.
 */
public final class SyncProgress implements CopyListener, AutoCloseable {
  private final PrintStream err;
  private final @Nullable LiveBlock live;
  private volatile boolean closed;

  /** Draws the live block when {@code live} and stderr is a terminal. */
  public SyncProgress(PrintStream err, boolean live) {
    this(err, live && CopyProgress.isTerminal(), System::nanoTime, true);
  }

  SyncProgress(PrintStream err, boolean terminal, LongSupplier nanoTime, boolean drawInBackground) {
    this.err = err;
    this.live = terminal ? new LiveBlock(err, nanoTime, drawInBackground) : null;
  }

  /** Prints a line (above the live block on a terminal). */
  public void line(String text) {
    if (live != null && !closed) {
      live.line(text);
    } else {
      synchronized (this) {
        err.println(text);
        err.flush();
      }
    }
  }

  @Override
  public void blobStarted(Descriptor blob, BlobKind kind) {
    if (live != null) {
      live.started(blob);
    }
  }

  @Override
  public void blobProgress(Descriptor blob, long bytes) {
    if (live != null) {
      live.progress(blob, bytes);
    }
  }

  @Override
  public void blobSkipped(Descriptor blob, BlobKind kind) {
    if (live != null) {
      live.finished(blob, null, -1);
    }
  }

  @Override
  public void blobMounted(Descriptor blob, BlobKind kind, ImageReference from) {
    if (live != null) {
      live.finished(blob, null, -1);
    }
  }

  @Override
  public void blobDone(Descriptor blob, BlobKind kind, long bytes, Duration elapsed) {
    if (live != null) {
      live.finished(blob, null, bytes);
    }
  }

  /** Draws the last frame (terminal); lines printed after it go straight to stderr. */
  @Override
  public void close() {
    closed = true;
    if (live != null) {
      live.close();
    }
  }

  /** {@code 1.2 MiB}: {@link CopyProgress}'s sizes. */
  public static String size(long bytes) {
    return CopyProgress.size(bytes);
  }

  /** {@code 0.3 s}. */
  public static String seconds(Duration elapsed) {
    return CopyProgress.seconds(elapsed);
  }
}
