package dev.spyglass.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import dev.spyglass.image.CopyListener.BlobKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link CopyProgress} in both modes, drawn into a captured stream with a fake clock. */
class CopyProgressTest {
  private static final long MIB = 1024 * 1024;
  private static final long SECOND = 1_000_000_000L;
  private static final String ESC = "\u001b[";

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(captured, true, StandardCharsets.UTF_8);
  private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

  private final Descriptor layer =
      descriptor(MediaType.OCI_LAYER_GZIP, "layer", 40 * MIB);
  private final Descriptor config =
      descriptor(MediaType.OCI_CONFIG, "config", 2 * MIB);
  private final Descriptor present =
      descriptor(MediaType.OCI_LAYER_GZIP, "present", 10);

  private static Descriptor descriptor(String mediaType, String content, long size) {
    return Descriptor.of(mediaType, Digest.sha256(content.getBytes(StandardCharsets.UTF_8)), size);
  }

  private String output() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static String prefix(Descriptor d) {
    return "sha256:" + d.digest().hex().substring(0, 8) + "…";
  }

  @Test
  void plainModeDrawsOnlyFinishedLinesAndNoEscapes() {
    CopyProgress progress = new CopyProgress(err, false, clock::get, false);
    progress.blobStarted(layer, BlobKind.LAYER);
    progress.blobProgress(layer, 5 * MIB);
    progress.blobSkipped(present, BlobKind.LAYER);
    progress.blobDone(layer, BlobKind.LAYER, 40 * MIB, Duration.ofMillis(2500));
    progress.manifestWritten(manifest(), true);

    assertEquals(
        "Copying blob " + present.digest() + " skipped: already exists\n"
            + "Copying blob " + layer.digest() + " done 40.0 MiB in 2.5 s\n"
            + "Writing manifest to image destination\n",
        output());
  }

  @Test
  void terminalModeDrawsALiveLinePerBlobWithRateAndEtaAndATotal() {
    CopyProgress progress = new CopyProgress(err, true, clock::get, false);
    progress.blobStarted(layer, BlobKind.LAYER);
    progress.blobStarted(config, BlobKind.CONFIG);
    clock.addAndGet(2 * SECOND);
    progress.blobProgress(layer, 10 * MIB); // 5 MiB/s, 30 MiB left: 6 s
    progress.blobProgress(config, 1 * MIB); // 512 KiB/s, 1 MiB left: 2 s
    progress.drawFrame();

    String first = output();
    assertFalse(first.contains(ESC), first); // nothing drawn before: nothing to erase
    assertEquals(
        prefix(layer) + " 10.0 MiB / 40.0 MiB  5.0 MiB/s  ETA 6s\n"
            + prefix(config) + " 1.0 MiB / 2.0 MiB  512.0 KiB/s  ETA 2s\n"
            + "Total 11.0 MiB / 42.0 MiB  5.5 MiB/s\n",
        first);

    captured.reset();
    clock.addAndGet(2 * SECOND);
    progress.blobDone(config, BlobKind.CONFIG, 2 * MIB, Duration.ofSeconds(4));
    progress.blobProgress(layer, 30 * MIB); // 7.5 MiB/s over 4 s, 10 MiB left: 2 s
    progress.drawFrame();

    assertEquals(
        (ESC + "1A" + ESC + "2K").repeat(3)
            + "Copying config " + config.digest() + " done 2.0 MiB in 4.0 s\n"
            + prefix(layer) + " 30.0 MiB / 40.0 MiB  7.5 MiB/s  ETA 2s\n"
            + "Total 32.0 MiB / 42.0 MiB  8.0 MiB/s\n",
        output());
  }

  @Test
  void terminalModeCollapsesFinishedBlobsToTheirPlainLinesAndKeepsTheTotal() {
    CopyProgress progress = new CopyProgress(err, true, clock::get, false);
    progress.blobStarted(layer, BlobKind.LAYER);
    clock.addAndGet(4 * SECOND);
    progress.blobProgress(layer, 20 * MIB);
    progress.drawFrame();
    progress.blobSkipped(present, BlobKind.LAYER);
    progress.blobDone(layer, BlobKind.LAYER, 40 * MIB, Duration.ofSeconds(4));
    progress.manifestWritten(manifest(), true);

    String out = output();
    String last = out.substring(out.lastIndexOf(ESC + "2K") + (ESC + "2K").length());
    assertEquals(
        "Copying blob " + present.digest() + " skipped: already exists\n"
            + "Copying blob " + layer.digest() + " done 40.0 MiB in 4.0 s\n"
            + "Writing manifest to image destination\n"
            + "Total 40.0 MiB / 40.0 MiB  10.0 MiB/s\n",
        last);
    assertTrue(out.contains((ESC + "1A" + ESC + "2K").repeat(2)), out);

    captured.reset();
    progress.drawFrame();
    progress.close();
    assertEquals("", output()); // the last frame stays on screen
  }

  @Test
  void terminalModeRestartsABlobsCountOnRetryAndPrintsTheRetryAbove() {
    CopyProgress progress = new CopyProgress(err, true, clock::get, false);
    progress.blobStarted(layer, BlobKind.LAYER);
    clock.addAndGet(SECOND);
    progress.blobProgress(layer, 8 * MIB);
    progress.blobRetrying(layer, 1, 3, new IOException("connection reset"));
    progress.blobStarted(layer, BlobKind.LAYER);
    clock.addAndGet(SECOND);
    progress.blobProgress(layer, 4 * MIB);
    progress.drawFrame();

    assertEquals(
        "Copying blob " + layer.digest() + " failed (attempt 1 of 3), retrying: connection reset\n"
            + prefix(layer) + " 4.0 MiB / 40.0 MiB  4.0 MiB/s  ETA 9s\n"
            + "Total 4.0 MiB / 40.0 MiB  2.0 MiB/s\n",
        output());
  }

  @Test
  void progressSizesAndTimesReadAsSkopeosDo() {
    assertEquals("512 B", CopyProgress.size(512));
    assertEquals("1.5 KiB", CopyProgress.size(1536));
    assertEquals("1.2 MiB", CopyProgress.size(1_258_291));
    assertEquals("3.0 GiB", CopyProgress.size(3L * 1024 * 1024 * 1024));
    assertEquals("0.3 s", CopyProgress.seconds(Duration.ofMillis(300)));
  }

  @Test
  void tenthsRoundAsPercentPointOneFDoes() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 100_000; i++) {
      long bytes = i < 50_000 ? 1024 + i * 37L : (random.nextLong() >>> 20) + 1024;
      long unit = 1024;
      while (bytes / unit >= 1024 && unit < 1L << 40) {
        unit *= 1024;
      }
      assertEquals(
          String.format(java.util.Locale.ROOT, "%.1f", (double) bytes / unit),
          CopyProgress.tenths(bytes, unit),
          bytes + " bytes");
      long nanos = random.nextLong() >>> 8;
      assertEquals(
          String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9),
          CopyProgress.tenths(nanos, 1_000_000_000),
          nanos + " ns");
    }
  }

  @Test
  void etaReadsInSecondsMinutesAndHours() {
    assertEquals("0s", LiveBlock.eta(0));
    assertEquals("59s", LiveBlock.eta(59));
    assertEquals("2m05s", LiveBlock.eta(125));
    assertEquals("1h02m", LiveBlock.eta(3725));
  }

  @Test
  void terminalModeDrawsFromItsOwnThreadWhileWorkersOnlyRecord() throws Exception {
    CopyProgress progress = new CopyProgress(err, true, System::nanoTime, true);
    progress.blobStarted(layer, BlobKind.LAYER);
    progress.blobProgress(layer, 3 * MIB);
    long deadline = System.nanoTime() + 5 * SECOND;
    while (!output().contains("Total ") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(output().contains(prefix(layer) + " 3.0 MiB / 40.0 MiB"), output());

    progress.blobDone(layer, BlobKind.LAYER, 40 * MIB, Duration.ofSeconds(1));
    progress.manifestWritten(manifest(), true);
    String out = output();
    assertTrue(
        out.contains("Writing manifest to image destination\nTotal 40.0 MiB / 40.0 MiB"), out);
    assertTrue(out.endsWith("/s\n"), out);
    assertTrue(out.contains(ESC + "1A" + ESC + "2K"), out);

    captured.reset();
    Thread.sleep(3 * LiveBlock.FRAME_MILLIS);
    assertEquals("", output()); // nothing drawn after the last frame
  }

  private static RawManifest manifest() {
    byte[] bytes = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    return new RawManifest(bytes, MediaType.OCI_MANIFEST, Digest.sha256(bytes));
  }
}
