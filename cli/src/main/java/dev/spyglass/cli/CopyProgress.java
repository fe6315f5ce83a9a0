package dev.spyglass.cli;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import dev.spyglass.image.CopyListener;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Draws a copy's progress on stderr as skopeo does without a terminal: one line per blob when it is
 * finished ({@code Copying blob sha256:... done 1.2 MiB in 0.3 s}, {@code ... skipped: already
 * exists}, {@code ... mounted}), and {@code Writing manifest to image destination}. The same lines
 * are drawn on a terminal. Thread safe: lines from worker threads never interleave.
 */
final class CopyProgress implements CopyListener {
  private final PrintStream err;

  CopyProgress(PrintStream err) {
    this.err = err;
  }

  @Override
  public void blobSkipped(Descriptor blob, BlobKind kind) {
    line(subject(blob, kind) + " skipped: already exists");
  }

  @Override
  public void blobMounted(Descriptor blob, BlobKind kind, ImageReference from) {
    line(subject(blob, kind) + " mounted");
  }

  @Override
  public void blobDone(Descriptor blob, BlobKind kind, long bytes, Duration elapsed) {
    line(subject(blob, kind) + " done " + size(bytes) + " in " + seconds(elapsed));
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
  }

  private static String subject(Descriptor blob, BlobKind kind) {
    return (kind == BlobKind.CONFIG ? "Copying config " : "Copying blob ") + blob.digest();
  }

  private synchronized void line(String text) {
    err.println(text);
    err.flush();
  }

  /** {@code 512 B}, {@code 1.5 KiB}, {@code 1.2 MiB}, {@code 3.0 GiB}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes / 1024.0;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** {@code 0.3 s}, {@code 12.0 s}. */
  static String seconds(Duration elapsed) {
    return String.format(Locale.ROOT, "%.1f s", elapsed.toNanos() / 1e9);
  }
}
