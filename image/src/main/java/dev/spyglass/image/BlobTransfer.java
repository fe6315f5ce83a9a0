package dev.spyglass.image;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Moves a set of distinct blobs from one source to one destination on at most {@code parallel}
 * worker threads: each is skipped when the destination has it, else mounted, else streamed through
 * a digest check. The first failure cancels the blobs not yet finished; {@link #run} returns or
 * throws only when no worker touches the destination any more. One instance per copy.
 */
final class BlobTransfer {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ImageSource source;
  private final ImageDestination destination;
  private final int parallel;
  private final RetryPolicy retry;
  private final CopyListener listener;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicReference<IOException> failure = new AtomicReference<>();
  private final Map<Digest, CopiedLayer> copiedLayers = new ConcurrentHashMap<>();

  /**
   * A blob to move and what it is to the image; {@code content}, when set, is sent instead of the
   * source's blob (never mounted). With {@code diffId}, the blob is a layer whose diff id (and
   * size) the copy must learn: it is always sent (never skipped or mounted, which would not read
   * it), and decompressed and hashed as it streams; see {@link #copiedLayers()}.
   */
  record Blob(
      Descriptor descriptor, CopyListener.BlobKind kind, byte @Nullable [] content, boolean diffId) {
    Blob(Descriptor descriptor, CopyListener.BlobKind kind) {
      this(descriptor, kind, null, false);
    }

    Blob(Descriptor descriptor, CopyListener.BlobKind kind, byte @Nullable [] content) {
      this(descriptor, kind, content, false);
    }
  }

  /** A layer sent with {@link Blob#diffId}: its stored size and its diff id. */
  record CopiedLayer(long size, Digest diffId) {}

  /** What happened to the blobs. */
  record Counts(int copied, int skipped, int mounted, long bytes) {}

  private enum Outcome {
    COPIED,
    SKIPPED,
    MOUNTED
  }

  /** Stops a blob because another one failed; never the failure reported. */
  static final class CancelledException extends ImageException {
    private static final long serialVersionUID = 1L;

    CancelledException() {
      super("blob copy cancelled because another blob failed");
    }
  }

  BlobTransfer(
      ImageSource source,
      ImageDestination destination,
      int parallel,
      RetryPolicy retry,
      CopyListener listener) {
    this.source = source;
    this.destination = destination;
    this.parallel = parallel;
    this.retry = retry;
    this.listener = listener;
  }

  /** The size and diff id of each blob sent with {@link Blob#diffId}, by digest, after {@link #run}. */
  Map<Digest, CopiedLayer> copiedLayers() {
    return Map.copyOf(copiedLayers);
  }

  Counts run(List<Blob> blobs) throws ImageException {
    if (blobs.isEmpty()) {
      return new Counts(0, 0, 0, 0);
    }
    int threads = Math.min(parallel, blobs.size());
    int pool = POOLS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "spyglass-copy-" + pool + "-" + thread.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ExecutorService executor = Executors.newFixedThreadPool(threads, factory);
    AtomicInteger skipped = new AtomicInteger();
    AtomicInteger mounted = new AtomicInteger();
    AtomicInteger copied = new AtomicInteger();
    java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (Blob blob : blobs) {
        futures.add(
            executor.submit(
                () -> {
                  if (cancelled.get()) {
                    return;
                  }
                  try {
                    long[] sent = new long[1];
                    switch (copyWithRetries(blob, sent)) {
                      case SKIPPED -> skipped.incrementAndGet();
                      case MOUNTED -> mounted.incrementAndGet();
                      case COPIED -> {
                        copied.incrementAndGet();
                        bytes.addAndGet(sent[0]);
                      }
                    }
                  } catch (CancelledException e) {
                    // another blob failed first; that failure is the one reported
                  } catch (IOException e) {
                    failure.compareAndSet(null, e);
                    cancelled.set(true);
                  } catch (RuntimeException | Error e) {
                    failure.compareAndSet(
                        null,
                        new ImageException(
                            "copying blob \"" + blob.descriptor().digest() + "\" failed: " + e, e));
                    cancelled.set(true);
                  }
                }));
      }
      awaitAll(futures);
    } finally {
      executor.shutdownNow();
    }
    IOException first = failure.get();
    if (first != null) {
      throw asImageException(first);
    }
    return new Counts(copied.get(), skipped.get(), mounted.get(), bytes.get());
  }

  private void awaitAll(List<Future<?>> futures) throws ImageException {
    for (Future<?> future : futures) {
      while (true) {
        try {
          future.get();
          break;
        } catch (InterruptedException e) {
          cancelled.set(true);
          Thread.currentThread().interrupt();
          throw new ImageException("copy interrupted");
        } catch (ExecutionException e) {
          break; // the task records its own failure
        }
      }
    }
  }

  private Outcome copyWithRetries(Blob blob, long[] sent) throws IOException {
    Descriptor d = blob.descriptor();
    try {
      return retry.run(
          () -> copyOnce(blob, sent),
          (attempt, attempts, cause) -> listener.blobRetrying(d, attempt, attempts, cause));
    } catch (DigestMismatchException e) {
      DigestMismatchException named =
          new DigestMismatchException(
              "blob copied from \"" + source.reference().describe() + "\"",
              e.expected(),
              e.actual());
      named.initCause(e);
      throw named;
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "copying blob \""
              + d.digest()
              + "\" from \""
              + source.reference().describe()
              + "\" to \""
              + destination.reference().describe()
              + "\" failed: "
              + e.getMessage(),
          e);
    }
  }

  private Outcome copyOnce(Blob blob, long[] sent) throws IOException {
    Descriptor d = blob.descriptor();
    checkCancelled();
    if (!blob.diffId() && destination.hasBlob(d)) {
      listener.blobSkipped(d, blob.kind());
      return Outcome.SKIPPED;
    }
    checkCancelled();
    byte[] content = blob.content();
    if (content == null && !blob.diffId() && destination.mountBlob(d, source.reference())) {
      listener.blobMounted(d, blob.kind(), source.reference());
      return Outcome.MOUNTED;
    }
    checkCancelled();
    listener.blobStarted(d, blob.kind());
    long start = System.nanoTime();
    InputStream raw = content != null ? new ByteArrayInputStream(content) : source.blob(d);
    ProgressInputStream[] counted = new ProgressInputStream[1];
    // The source's verifier stays outermost, the progress count under it: a destination taking it
    // through DigestVerifyingInputStream.of hashes nothing a second time.
    try (DigestVerifyingInputStream in =
        DigestVerifyingInputStream.of(raw, d)
            .interpose(
                under ->
                    counted[0] =
                        new ProgressInputStream(
                            under, n -> listener.blobProgress(d, n), cancelled::get))) {
      ProgressInputStream progress = counted[0];
      DiffIdInputStream layer =
          blob.diffId() ? new DiffIdInputStream(in, "\"" + d.digest() + "\"") : null;
      try {
        destination.putBlob(d, layer != null ? layer : in);
      } catch (IOException e) {
        // A destination may wrap what reading the source threw; the source's failure is the cause.
        IOException fromSource = progress.failure() != null ? progress.failure() : in.failure();
        throw fromSource != null ? fromSource : e;
      }
      if (in.read() >= 0) {
        throw new ImageException(
            "destination \""
                + destination.reference().describe()
                + "\" stored blob \""
                + d.digest()
                + "\" without reading it to its end");
      }
      sent[0] = progress.count();
      if (layer != null) {
        copiedLayers.put(d.digest(), new CopiedLayer(progress.count(), layer.diffId()));
      }
    }
    listener.blobDone(d, blob.kind(), sent[0], Duration.ofNanos(System.nanoTime() - start));
    return Outcome.COPIED;
  }

  private void checkCancelled() throws CancelledException {
    if (cancelled.get()) {
      throw new CancelledException();
    }
  }

  private ImageException asImageException(IOException e) {
    return e instanceof ImageException image
        ? image
        : new ImageException(
            "copying a blob from \""
                + source.reference().describe()
                + "\" to \""
                + destination.reference().describe()
                + "\" failed: "
                + e.getMessage(),
            e);
  }
}
