package dev.spyglass.cli.progress;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The live part of {@link CopyProgress} on a terminal: finished lines scroll up, and below them a
 * block is redrawn with ANSI escapes (cursor up, clear line): one line per blob in flight ({@code
 * sha256:abcd1234… 12.3 MiB / 40.0 MiB  8.1 MiB/s  ETA 3s}) and a total line ({@code Total 52.1
 * MiB / 80.0 MiB  8.1 MiB/s}, the total being the sizes of the blobs started so far).
 *
 * <p>Thread safe. Workers only record: {@link #progress} takes no lock, the other events take a
 * short lock on the state and never write. One daemon thread, started on the first event, draws a
 * frame at most every {@value #FRAME_MILLIS} ms when something changed and ends when nothing
 * changed for a frame (it starts again on the next event), so a stalled or failed copy is not
 * redrawn over later output. Writing happens under a lock only the drawing thread and {@link
 * #close} take.
 */
final class LiveBlock {
  static final long FRAME_MILLIS = 100;
  static final String UP_AND_CLEAR = "\u001b[1A\u001b[2K";

  private final PrintStream err;
  private final LongSupplier nanoTime;
  private final boolean drawInBackground;

  private final Map<Digest, Blob> inFlight = new ConcurrentHashMap<>();
  private final Object state = new Object();
  // Guarded by state.
  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private final Map<Digest, Long> started = new HashMap<>();
  private long order;
  private long firstStart = -1;
  private long doneBytes;
  private long doneTotal;

  private final Object drawing = new Object();
  // Guarded by drawing.
  private int drawnLines;
  private boolean ended;

  private volatile boolean dirty;
  private volatile boolean closed;
  private final AtomicBoolean drawerRunning = new AtomicBoolean();

  LiveBlock(PrintStream err, LongSupplier nanoTime, boolean drawInBackground) {
    this.err = err;
    this.nanoTime = nanoTime;
    this.drawInBackground = drawInBackground;
  }

  /** The blob's bytes start to flow (again, on a retry: its count restarts). */
  void started(Descriptor blob) {
    long now = nanoTime.getAsLong();
    synchronized (state) {
      if (firstStart < 0) {
        firstStart = now;
      }
      Long first = started.putIfAbsent(blob.digest(), order);
      inFlight.put(blob.digest(), new Blob(blob, first != null ? first : order++, now));
    }
    changed();
  }

  void progress(Descriptor blob, long bytes) {
    Blob b = inFlight.get(blob.digest());
    if (b != null) {
      b.bytes = bytes;
      changed();
    }
  }

  /**
   * The blob ended with {@code text} (none: no line, as for a sync's blobs); {@code bytesSent} is -1
   * when nothing was sent.
   */
  void finished(Descriptor blob, @org.jspecify.annotations.Nullable String text, long bytesSent) {
    synchronized (state) {
      inFlight.remove(blob.digest());
      started.remove(blob.digest());
      if (bytesSent >= 0) {
        doneBytes += bytesSent;
        doneTotal += bytesSent;
      }
      if (text != null) {
        lines.add(text);
      }
    }
    changed();
  }

  /** A line to print above the block. */
  void line(String text) {
    synchronized (state) {
      lines.add(text);
    }
    changed();
  }

  /** Draws a frame now unless {@link #close} drew the last one. */
  void drawFrame() {
    synchronized (drawing) {
      if (!ended) {
        draw(false);
      }
    }
  }

  /** Draws the last frame: the pending lines and the total line, which stays. Idempotent. */
  void close() {
    closed = true;
    synchronized (drawing) {
      if (!ended) {
        ended = true;
        draw(true);
      }
    }
  }

  private void changed() {
    dirty = true;
    if (drawInBackground
        && !closed
        && !drawerRunning.get()
        && drawerRunning.compareAndSet(false, true)) {
      Thread t = new Thread(this::drawLoop, "spyglass-progress");
      t.setDaemon(true);
      t.start();
    }
  }

  private void drawLoop() {
    while (true) {
      try {
        Thread.sleep(FRAME_MILLIS);
      } catch (InterruptedException e) {
        drawerRunning.set(false);
        return;
      }
      if (closed) {
        drawerRunning.set(false);
        return;
      }
      if (dirty) {
        drawFrame();
        continue;
      }
      drawerRunning.set(false);
      // An event between the check and the reset must not be left undrawn.
      if (!dirty || closed || !drawerRunning.compareAndSet(false, true)) {
        return;
      }
    }
  }

  /** Builds the frame from a snapshot, then writes it; called under {@code drawing}. */
  private void draw(boolean last) {
    dirty = false;
    List<String> newLines;
    List<Blob> blobs;
    long done;
    long total;
    long since;
    synchronized (state) {
      newLines = new ArrayList<>(lines);
      lines.clear();
      blobs = new ArrayList<>(inFlight.values());
      done = doneBytes;
      total = doneTotal;
      since = firstStart;
    }
    long now = nanoTime.getAsLong();
    blobs.sort((a, b) -> Long.compare(a.order, b.order));
    StringBuilder frame = new StringBuilder();
    frame.append(UP_AND_CLEAR.repeat(drawnLines));
    for (String l : newLines) {
      frame.append(l).append('\n');
    }
    int drawn = 0;
    for (Blob b : blobs) {
      long bytes = b.bytes;
      done += bytes;
      total += b.size >= 0 ? Math.max(b.size, bytes) : bytes;
      if (!last) {
        frame.append(blobLine(b, bytes, now)).append('\n');
        drawn++;
      }
    }
    if (since >= 0) {
      frame.append(totalLine(done, total, now - since)).append('\n');
      drawn += last ? 0 : 1;
    }
    drawnLines = drawn;
    err.print(frame);
    err.flush();
  }

  /** {@code sha256:abcd1234… 12.3 MiB / 40.0 MiB  8.1 MiB/s  ETA 3s}. */
  static String blobLine(Blob b, long bytes, long now) {
    StringBuilder s = new StringBuilder();
    Digest d = b.digest;
    s.append(d.algorithm()).append(':');
    s.append(d.hex(), 0, Math.min(8, d.hex().length())).append('…');
    s.append(' ').append(CopyProgress.size(bytes));
    if (b.size >= 0) {
      s.append(" / ").append(CopyProgress.size(b.size));
    }
    double rate = rate(bytes, now - b.startNanos);
    if (rate > 0) {
      s.append("  ").append(CopyProgress.size((long) rate)).append("/s");
      if (b.size >= bytes) {
        s.append("  ETA ").append(eta((long) Math.ceil((b.size - bytes) / rate)));
      }
    }
    return s.toString();
  }

  /** {@code Total 52.1 MiB / 80.0 MiB  8.1 MiB/s}. */
  static String totalLine(long done, long total, long elapsedNanos) {
    String s = "Total " + CopyProgress.size(done) + " / " + CopyProgress.size(total);
    double rate = rate(done, elapsedNanos);
    return rate > 0 ? s + "  " + CopyProgress.size((long) rate) + "/s" : s;
  }

  /** Bytes per second; 0 when no time has passed. */
  private static double rate(long bytes, long elapsedNanos) {
    return elapsedNanos > 0 ? bytes * 1e9 / elapsedNanos : 0;
  }

  /** {@code 3s}, {@code 2m05s}, {@code 1h02m}. */
  static String eta(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + twoDigits(seconds % 60) + "s";
    }
    return seconds / 3600 + "h" + twoDigits(seconds % 3600 / 60) + "m";
  }

  private static String twoDigits(long n) {
    return n < 10 ? "0" + n : Long.toString(n);
  }

  /** A blob in flight; only its worker writes {@link #bytes}. */
  static final class Blob {
    final Digest digest;
    final long size;
    final long order;
    final long startNanos;
    volatile long bytes;

    Blob(Descriptor blob, long order, long startNanos) {
      this.digest = blob.digest();
      this.size = blob.size();
      this.order = order;
      this.startNanos = startNanos;
    }
  }
}
