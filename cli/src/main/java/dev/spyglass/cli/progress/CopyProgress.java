package dev.spyglass.cli.progress;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import dev.spyglass.image.CopyListener;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Draws a copy's progress on stderr. Without a terminal it draws as skopeo does: one line per blob
 * when it is finished ({@code Copying blob sha256:... done 1.2 MiB in 0.3 s}, {@code ... skipped:
 * already exists}, {@code ... mounted}), and {@code Writing manifest to image destination}. On a
 * terminal the same lines are drawn above a live block ({@link LiveBlock}): one line per blob in
 * flight with bytes, rate and ETA, and a total line, redrawn at most ten times a second.
 *
 * <p>Thread safe: lines from worker threads never interleave. In terminal mode the listener methods
 * only record state and never write; a drawing thread writes. {@link #close()} draws the last frame
 * and is called by {@link #manifestWritten} for the top manifest; calling it again does nothing.
 */
public final class CopyProgress implements CopyListener, AutoCloseable {
  private final PrintStream err;
  private final @Nullable LiveBlock live;

  /** Draws live when stderr is a terminal ({@link #isTerminal()}), else plain lines. */
  public CopyProgress(PrintStream err) {
    this(err, isTerminal(), System::nanoTime, true);
  }

  /**
   * Draws live when {@code terminal}, timing with {@code nanoTime}; {@code drawInBackground} false
   * leaves the drawing of each frame to {@link #drawFrame()} (tests).
   */
  CopyProgress(PrintStream err, boolean terminal, LongSupplier nanoTime, boolean drawInBackground) {
    this.err = err;
    this.live = terminal ? new LiveBlock(err, nanoTime, drawInBackground) : null;
  }

  /** Whether stderr is (very likely) an interactive terminal that understands ANSI escapes. */
  static boolean isTerminal() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
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
    finished(blob, subject(blob, kind) + " skipped: already exists", -1);
  }

  @Override
  public void blobMounted(Descriptor blob, BlobKind kind, ImageReference from) {
    finished(blob, subject(blob, kind) + " mounted", -1);
  }

  @Override
  public void blobDone(Descriptor blob, BlobKind kind, long bytes, Duration elapsed) {
    finished(blob, subject(blob, kind) + " done " + size(bytes) + " in " + seconds(elapsed), bytes);
  }

  @Override
  public void blobRetrying(Descriptor blob, int attempt, int attempts, IOException cause) {
    line(
        "Copying blob "
            + blob.digest()
            + " failed (attempt "
            + attempt
            + " of "
            + attempts
            + "), retrying: "
            + String.valueOf(cause.getMessage()).replace('\n', ' '));
  }

  @Override
  public void manifestWritten(RawManifest manifest, boolean top) {
    line(
        MediaType.isList(manifest.mediaType())
            ? "Writing manifest list to image destination"
            : "Writing manifest to image destination");
    if (top) {
      close();
    }
  }

  /** Draws one live frame now (terminal mode); nothing in plain mode or after {@link #close}. */
  void drawFrame() {
    if (live != null) {
      live.drawFrame();
    }
  }

  /** Draws the last frame and stops drawing live; plain mode has nothing to do. */
  @Override
  public void close() {
    if (live != null) {
      live.close();
    }
  }

  private void finished(Descriptor blob, String text, long bytesSent) {
    if (live != null) {
      live.finished(blob, text, bytesSent);
    } else {
      line(text);
    }
  }

  private void line(String text) {
    if (live != null) {
      live.line(text);
    } else {
      plainLine(text);
    }
  }

  private synchronized void plainLine(String text) {
    err.println(text);
    err.flush();
  }

  private static String subject(Descriptor blob, BlobKind kind) {
    return (kind == BlobKind.CONFIG ? "Copying config " : "Copying blob ") + blob.digest();
  }

  /** {@code 512 B}, {@code 1.5 KiB}, {@code 1.2 MiB}, {@code 3.0 GiB}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    long unitSize = 1024;
    int unit = 0;
    while (bytes / unitSize >= 1024 && unit < units.length - 1) {
      unitSize *= 1024;
      unit++;
    }
    return tenths(bytes, unitSize) + " " + units[unit];
  }

  /** {@code 0.3 s}, {@code 12.0 s}. */
  static String seconds(Duration elapsed) {
    return tenths(elapsed.toNanos(), 1_000_000_000) + " s";
  }

  /**
   * {@code numerator / denominator} to one decimal, rounded half up as {@code %.1f} rounds. Not
   * {@code String.format}: its first floating-point conversion loads the JDK's locale data, about
   * 10 ms of a command's start.
   */
  static String tenths(long numerator, long denominator) {
    long tenths = (numerator * 20 / denominator + 1) / 2;
    return tenths / 10 + "." + tenths % 10;
  }
}
