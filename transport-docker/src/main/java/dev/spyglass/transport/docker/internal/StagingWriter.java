package dev.spyglass.transport.docker.internal;

import static dev.spyglass.transport.docker.internal.PartialBlobs.BLOCK;
import static dev.spyglass.transport.docker.internal.PartialBlobs.QUEUED_BYTES;
import static dev.spyglass.transport.docker.internal.PartialBlobs.WAIT_BUDGET_NANOS;
import static dev.spyglass.transport.docker.internal.PartialBlobs.WRITE_BYTES;

import dev.spyglass.api.Digest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The writer of one {@link PartialBlobs.Partial} file: bytes appended are copied into blocks of
 * {@link PartialBlobs#WRITE_BYTES} and written in order by a thread of their own, so that the
 * reader never waits for the disk; when more than {@link PartialBlobs#QUEUED_BYTES} wait (the disk
 * is slower than the download) or writing fails, staging stops for this blob (the file keeps the
 * bytes written whole). Appended to by one reading thread.
 */
final class StagingWriter {
  private static final ByteBuffer END = ByteBuffer.allocate(0);
  private static final int BUFFERS = (int) (QUEUED_BYTES / WRITE_BYTES);

  private final Path path;
  private final FileChannel channel;
  private final Digest digest;
  private final System.Logger log;
  private final LinkedBlockingQueue<ByteBuffer> full = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<ByteBuffer> free = new LinkedBlockingQueue<>();
  private int allocated;
  private long waited;
  private @Nullable ByteBuffer filling;
  private volatile long written;
  private volatile boolean failed;
  private volatile boolean discard;
  private @Nullable Thread writer;

  StagingWriter(Path path, FileChannel channel, Digest digest, System.Logger log)
      throws IOException {
    this.path = path;
    this.channel = channel;
    this.digest = digest;
    this.log = log;
    this.written = channel.size();
  }

  /** The bytes written to the file. */
  long written() {
    return written;
  }

  /** Forgets the staged bytes; before any append. */
  void truncate() {
    if (failed) {
      return;
    }
    try {
      channel.truncate(0);
      written = 0;
    } catch (IOException e) {
      fail(e);
    }
  }

  /**
   * Appends {@code b[off, off + len)}, the blob's bytes after those appended before: copied into a
   * block handed to the writer thread once full.
   */
  void append(byte[] b, int off, int len) {
    while (len > 0 && !failed) {
      ByteBuffer block = filling;
      if (block == null) {
        block = free.poll();
        if (block == null && allocated == BUFFERS) {
          block = awaitFree(); // the writer is behind: wait a little, within a budget
        }
        if (block == null) {
          if (allocated == BUFFERS) {
            failed = true; // the bytes after these would leave a gap: stop here
            log.log(
                Level.DEBUG,
                () ->
                    "the disk is slower than the download: staging of blob \""
                        + digest
                        + "\" stops");
            return;
          }
          try {
            block = ByteBuffer.allocateDirect(WRITE_BYTES + BLOCK).alignedSlice(BLOCK);
          } catch (OutOfMemoryError e) { // direct memory exhausted: not worth failing the copy
            failed = true;
            log.log(Level.DEBUG, () -> "no memory left to stage blob \"" + digest + "\": " + e);
            return;
          }
          allocated++;
          block.limit(WRITE_BYTES);
        }
        filling = block;
      }
      int n = Math.min(len, block.remaining());
      block.put(b, off, n);
      off += n;
      len -= n;
      if (!block.hasRemaining()) {
        hand(block);
        filling = null;
      }
    }
  }

  /**
   * A block the writer freed within 100 ms, while this blob's reader has waited less than {@link
   * PartialBlobs#WAIT_BUDGET_NANOS} in all (a writer thread not scheduled for a while on a busy
   * machine); null after that (the disk is slower than the download).
   */
  private @Nullable ByteBuffer awaitFree() {
    if (waited >= WAIT_BUDGET_NANOS) {
      return null;
    }
    long start = System.nanoTime();
    try {
      return free.poll(100, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      waited += System.nanoTime() - start;
    }
  }

  private void hand(ByteBuffer block) {
    Thread thread = writer;
    if (thread == null) {
      thread = new Thread(this::writeQueued, "spyglass-staging");
      thread.setDaemon(true);
      writer = thread;
      thread.start();
    }
    block.flip();
    full.add(block);
  }

  /**
   * Writes the blocks handed over, in order, through a direct (page-cache bypassing: writing the
   * page cache costs about as much CPU as the download itself) file descriptor when the file system
   * takes one; the last partial block goes through the page cache.
   */
  private void writeQueued() {
    FileChannel direct = openDirect();
    try {
      while (true) {
        ByteBuffer block;
        try {
          block = full.take();
        } catch (InterruptedException e) {
          return;
        }
        if (block == END) {
          return;
        }
        try {
          if (!discard) {
            boolean whole = block.remaining() == WRITE_BYTES;
            write(whole && direct != null ? direct : channel, block);
          }
        } catch (IOException e) {
          try {
            channel.truncate(written);
          } catch (IOException ignored) {
            // the next run re-hashes what it replays: a bad tail fails the digest and is dropped
          }
          fail(e);
          discard = true;
        } finally {
          block.clear();
          block.limit(WRITE_BYTES);
          free.add(block);
        }
      }
    } finally {
      if (direct != null) {
        try {
          direct.close();
        } catch (IOException ignored) {
          // the locked channel stays open until close()
        }
      }
    }
  }

  private void write(FileChannel to, ByteBuffer bytes) throws IOException {
    long at = written;
    while (bytes.hasRemaining()) {
      at += to.write(bytes, at);
    }
    written = at;
  }

  private @Nullable FileChannel openDirect() {
    try {
      return FileChannel.open(
          path, StandardOpenOption.WRITE, com.sun.nio.file.ExtendedOpenOption.DIRECT);
    } catch (IOException | RuntimeException | LinkageError e) {
      return null; // no O_DIRECT here (tmpfs, or jdk.unsupported absent): through the page cache
    }
  }

  private void fail(IOException e) {
    failed = true;
    PartialBlobs.skipped(log, digest, e);
  }

  /** From now on, drops what is queued instead of writing it. */
  void discard() {
    discard = true;
  }

  /** Waits for the writer to write (or, when discarding, to drop) what is queued. */
  void finish() {
    ByteBuffer tail = filling;
    filling = null;
    if (tail != null && tail.position() > 0 && !discard && !failed) {
      hand(tail);
    }
    Thread thread = writer;
    if (thread != null) {
      full.add(END);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
