package dev.spyglass.cli.sync;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.Quote;
import dev.spyglass.cli.progress.SyncProgress;
import dev.spyglass.image.CopyResult;
import dev.spyglass.image.ImageCopier;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Copies the images of a sync, {@code jobs} at once, each skipped when the destination already
 * holds its manifest: the source's digest is asked for cheaply ({@link ImageSource#manifestDigest},
 * a registry's {@code HEAD}) and compared with the destination's (a {@code HEAD}, or the local
 * file), so that an unchanged image costs two requests and no manifest or blob is read. Those
 * checks run {@link #CHECKS_AT_ONCE} images at once even when fewer are copied at once: a re-sync
 * is mostly checks, two round trips per image, and waits on the network rather than on blobs.
 * When the digests differ but the destination holds something, the copy is planned first ({@link
 * ImageCopier#plan}: the manifests, and the config for a conversion, no layer) and skipped when it
 * would write what is there: an image chosen out of a list, or a converted one.
 *
 * <p>One line per image on stderr; without {@code keepGoing} the first failure stops the images not
 * yet begun. Images being copied when a sync is stopped are left whole or not at all, so a sync run
 * again continues where it stopped.
 */
public final class SyncRunner {
  /** Images checked at once, at least; each check is two small requests. */
  static final int CHECKS_AT_ONCE = 8;

  private final ImageCopier copier;
  private final SyncNames names;
  private final SyncKind destinationKind;
  private final ImageOptions destinationOptions;
  private final int jobs;
  private final boolean keepGoing;
  private final boolean dryRun;
  private final SyncProgress progress;
  private final @Nullable Writer digests;
  private final Function<Closeable, AutoCloseable> closeOnShutdown;
  private final SharedUploads uploads = new SharedUploads();
  private final Semaphore copies;
  private final AtomicBoolean stop = new AtomicBoolean();

  /** The fate of one image. */
  public enum Status {
    COPIED,
    SKIPPED,
    WOULD_COPY,
    WOULD_SKIP,
    FAILED,
    NOT_STARTED
  }

  /** What happened to one image; {@code failure} is set when it failed. */
  public record Outcome(
      SyncImage image,
      String destination,
      Status status,
      long bytes,
      Duration elapsed,
      @Nullable Exception failure) {}

  /**
   * @param digests where {@code DIGEST REFERENCE} lines go for images copied (--digestfile)
   * @param closeOnShutdown guards a destination against the JVM stopping mid-copy
   */
  public SyncRunner(
      ImageCopier copier,
      SyncNames names,
      SyncKind destinationKind,
      ImageOptions destinationOptions,
      int jobs,
      boolean keepGoing,
      boolean dryRun,
      SyncProgress progress,
      @Nullable Writer digests,
      Function<Closeable, AutoCloseable> closeOnShutdown) {
    this.copier = copier;
    this.names = names;
    this.destinationKind = destinationKind;
    this.destinationOptions = destinationOptions;
    this.jobs = jobs;
    this.copies = new Semaphore(Math.max(1, jobs), true);
    this.keepGoing = keepGoing;
    this.dryRun = dryRun;
    this.progress = progress;
    this.digests = digests;
    this.closeOnShutdown = closeOnShutdown;
  }

  /** Runs every image of {@code groups}; returns the outcomes in the order of the images. */
  public List<Outcome> run(List<SyncGroup> groups) throws InterruptedException {
    List<SyncImage> images = new ArrayList<>();
    groups.forEach(g -> images.addAll(g.images()));
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(Math.max(jobs, CHECKS_AT_ONCE), images.size())),
            r -> {
              Thread t = new Thread(r, "spyglass-sync");
              t.setDaemon(true);
              return t;
            });
    List<Future<Outcome>> futures = new ArrayList<>();
    try {
      for (SyncImage image : images) {
        futures.add(
            pool.submit(
                () -> {
                  if (stop.get()) {
                    return new Outcome(image, "", Status.NOT_STARTED, 0, Duration.ZERO, null);
                  }
                  Outcome outcome = one(image);
                  if (outcome.status() != Status.NOT_STARTED) {
                    progress.line(line(outcome, done.incrementAndGet(), images.size()));
                  }
                  return outcome;
                }));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        try {
          outcomes.add(future.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a sync task failed unexpectedly", e.getCause());
        }
      }
      return Collections.unmodifiableList(outcomes);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Syncs one image; never throws (a failure is an outcome). */
  Outcome one(SyncImage image) {
    long start = System.nanoTime();
    String destination = image.suffix();
    try {
      ImageReference to = names.reference(image);
      destination = to.describe();
      try (ImageSource in = image.source().newImageSource(image.sourceOptions())) {
        Optional<Digest> source = in.manifestDigest();
        boolean forced = copier.format().isPresent();
        if (dryRun) {
          // Only the cheap check: a dry run reads no manifest, so a list or a conversion is
          // reported as to copy.
          Optional<Digest> held = heldWithoutWriting(to);
          boolean same = !forced && source.isPresent() && source.equals(held);
          return outcome(
              image, destination, same ? Status.WOULD_SKIP : Status.WOULD_COPY, 0, start, null);
        }
        try (ImageDestination out = shared(to, to.newImageDestination(destinationOptions));
            AutoCloseable guard = closeOnShutdown.apply(out)) {
          Optional<Digest> held =
              destinationKind == SyncKind.DOCKER ? out.manifestDigest() : heldWithoutWriting(to);
          if (!forced && source.isPresent() && source.equals(held)) {
            return outcome(image, destination, Status.SKIPPED, 0, start, null);
          }
          copies.acquire();
          try {
            if (stop.get()) {
              return outcome(image, destination, Status.NOT_STARTED, 0, start, null);
            }
            // An image chosen out of a list, or converted: compare what the copy would write.
            if (held.isPresent() && copier.plan(in, out).written().equals(held)) {
              return outcome(image, destination, Status.SKIPPED, 0, start, null);
            }
            CopyResult result = copier.copy(in, out);
            writeDigest(result.manifestDigest(), destination);
            return outcome(image, destination, Status.COPIED, result.bytesCopied(), start, null);
          } catch (Exception e) {
            failed(); // before the next copy may begin
            throw e;
          } finally {
            copies.release();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return outcome(image, destination, Status.NOT_STARTED, 0, start, null);
    } catch (Exception e) {
      failed();
      return outcome(image, destination, Status.FAILED, 0, start, e);
    }
  }

  /** Without {@code keepGoing}, a failure stops the copies not yet begun. */
  private void failed() {
    if (!keepGoing) {
      stop.set(true);
    }
  }

  /**
   * A registry destination shares its blob uploads with the sync's other images to its repository.
   */
  private ImageDestination shared(ImageReference to, ImageDestination out) {
    return destinationKind == SyncKind.DOCKER && to.dockerName().isPresent()
        ? uploads.wrap(to.dockerName().get(), out)
        : out;
  }

  /**
   * The digest the destination holds, read through a source on it (a {@code HEAD}, a local file):
   * opens nothing for writing, so a dry run and a local destination change nothing.
   */
  private Optional<Digest> heldWithoutWriting(ImageReference to) throws ImageException {
    try (ImageSource view = to.newImageSource(destinationOptions)) {
      return view.manifestDigest();
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (ImageException e) {
      if (destinationKind == SyncKind.DOCKER) {
        throw e;
      }
      return Optional.empty(); // a local destination that holds no readable image
    }
  }

  private synchronized void writeDigest(Digest digest, String destination) throws ImageException {
    if (digests == null) {
      return;
    }
    try {
      digests.write(digest + " " + destination + "\n");
      digests.flush();
    } catch (IOException e) {
      throw new ImageException(
          "the image was copied, but writing its digest to the digest file failed: "
              + e.getMessage(),
          e);
    }
  }

  private static Outcome outcome(
      SyncImage image,
      String destination,
      Status status,
      long bytes,
      long start,
      @Nullable Exception failure) {
    return new Outcome(
        image, destination, status, bytes, Duration.ofNanos(System.nanoTime() - start), failure);
  }

  /** {@code [3/12] "docker://a/app:1" -> "docker://b/app:1": copied 1.2 MiB in 0.4 s}. */
  static String line(Outcome o, int n, int total) {
    String head =
        "["
            + n
            + "/"
            + total
            + "] "
            + Quote.of(o.image().describe())
            + " -> "
            + Quote.of(o.destination())
            + ": ";
    String time = SyncProgress.seconds(o.elapsed());
    return head
        + switch (o.status()) {
          case COPIED -> "copied " + SyncProgress.size(o.bytes()) + " in " + time;
          case SKIPPED -> "skipped: already present (" + time + ")";
          case WOULD_COPY -> "would copy";
          case WOULD_SKIP -> "would skip: already present";
          case FAILED -> "failed: " + reason(o.failure()) + " (" + time + ")";
          case NOT_STARTED -> "not started";
        };
  }

  /** A failure in one line. */
  public static String reason(@Nullable Exception failure) {
    if (failure == null) {
      return "";
    }
    String message = failure.getMessage();
    return Quote.line(
        message == null || message.isBlank() ? failure.getClass().getSimpleName() : message);
  }
}
