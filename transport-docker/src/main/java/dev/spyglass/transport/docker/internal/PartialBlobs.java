package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Digest;
import dev.spyglass.api.HomeDirectory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The staging area of blob downloads that may be continued by a later process: one file per blob
 * digest, {@code ALGORITHM-HEX.partial}, holding the first bytes of the blob as they arrived (never
 * under a blob's final name, never referenced by a manifest). A file is used by one stream at a
 * time (an exclusive {@link FileLock}, held by processes and threads alike); a stream that cannot
 * take it reads without staging. Staging is best effort: a directory or file that cannot be
 * created, locked or written only turns staging off for that blob, with one DEBUG line.
 *
 * <p>Bounded: the first claim of a process removes files older than {@link #MAX_AGE}, then the
 * oldest files until the rest takes at most {@link #MAX_TOTAL_BYTES}; blobs larger than that are
 * not staged, nor blobs smaller than {@link #MIN_BLOB_BYTES} (cheaper to fetch again), nor a blob
 * when the file system has less than twice its size free. Thread safe.
 *
 * <p>The work is shared out: {@link StagingWriter} writes a staged file on a thread of its own,
 * {@link StagingCleanup} removes old files, {@link UploadRecords} keeps the upload records.
 */
public final class PartialBlobs {
  /** Files older than this (last written) are removed: 7 days. */
  static final Duration MAX_AGE = Duration.ofDays(7);

  /** The most bytes the staging area keeps: 4 GiB. */
  static final long MAX_TOTAL_BYTES = 4L * 1024 * 1024 * 1024;

  /** Smaller blobs are not staged: 1 MiB. */
  static final long MIN_BLOB_BYTES = 1024 * 1024;

  static final String SUFFIX = ".partial";

  /** Staged bytes are written in blocks of this size, at offsets aligned to {@link #BLOCK}. */
  static final int WRITE_BYTES = 512 * 1024;

  /** How long the reader of one blob may wait for the staging writer in all: 1 s. */
  static final long WAIT_BUDGET_NANOS = 1_000_000_000L;

  /** The alignment of direct writes. */
  static final int BLOCK = 4096;

  /**
   * The most bytes waiting to be staged of one blob: 4 MiB (direct memory, which is as large as
   * the heap by default: six blobs at once take 24 MiB).
   */
  static final long QUEUED_BYTES = 4 * 1024 * 1024;

  static final String UPLOAD_SUFFIX = ".upload";

  private final @Nullable Path dir;
  private final long maxTotal;
  private final long minBlob;
  private final System.Logger log;
  private final StagingCleanup cleanup;
  private final @Nullable UploadRecords uploads;

  PartialBlobs(@Nullable Path dir, long maxTotal, long minBlob, Clock clock, System.Logger log) {
    this.dir = dir;
    this.maxTotal = maxTotal;
    this.minBlob = minBlob;
    this.log = log;
    this.cleanup = new StagingCleanup(maxTotal, clock, log);
    this.uploads = dir == null ? null : new UploadRecords(dir, cleanup, log);
  }

  /** No staging at all. */
  public static PartialBlobs none() {
    return new PartialBlobs(null, 0, 0, Clock.systemUTC(), System.getLogger(PartialBlobs.class.getName()));
  }

  /**
   * The per-user staging area: {@code $XDG_CACHE_HOME/spyglass/partial}, or {@code
   * $HOME/.cache/spyglass/partial} when {@code XDG_CACHE_HOME} is unset, empty or relative (as
   * the XDG specification says).
   */
  public static PartialBlobs forUser(System.Logger log) {
    return new PartialBlobs(
        directory(System.getenv(), HomeDirectory.current()),
        MAX_TOTAL_BYTES,
        MIN_BLOB_BYTES,
        Clock.systemUTC(),
        log);
  }

  /** The staging directory {@code env} and {@code home} name. */
  static Path directory(Map<String, String> env, Path home) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : home.resolve(".cache");
    return cache.resolve("spyglass").resolve("partial");
  }

  /** For tests: a staging area in {@code dir}. */
  public static PartialBlobs in(Path dir, long maxTotal, long minBlob, Clock clock, System.Logger log) {
    return new PartialBlobs(dir, maxTotal, minBlob, clock, log);
  }

  /** The file that stages {@code digest} (whether or not it exists), when staging is on. */
  public Optional<Path> file(Digest digest) {
    return Optional.ofNullable(dir)
        .map(d -> d.resolve(digest.algorithm() + "-" + digest.hex() + SUFFIX));
  }

  /**
   * The partial file of a blob, locked for this caller, created empty when there was none; empty
   * when the blob is not staged (staging off, blob too small or too large, no room, the file
   * locked by another stream, or any I/O failure). The first claim of a blob not too small to stage
   * runs the area's cleanup.
   */
  Optional<Partial> claim(Digest digest, long size) {
    Path target = file(digest).orElse(null);
    if (target == null || size < minBlob) {
      return Optional.empty(); // before the cleanup: an inspect's small blobs never scan the area
    }
    cleanup.cleanOnce(target.getParent());
    if (size > maxTotal) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(target.getParent());
      channel =
          FileChannel.open(
              target, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        log.log(Level.DEBUG, () -> "blob \"" + digest + "\" is being staged by another copy: not staging it");
        return Optional.empty();
      }
      long held = channel.size();
      if (held > size) {
        channel.truncate(0);
        held = 0;
      } else if (held % BLOCK != 0) {
        held -= held % BLOCK; // appended from an aligned offset, for direct writes
        channel.truncate(held);
      }
      if (Files.getFileStore(target).getUsableSpace() < 2 * (size - held)) {
        lock.release();
        channel.close();
        log.log(Level.DEBUG, () -> "little free space under \"" + target.getParent() + "\": not staging blob \"" + digest + "\"");
        return Optional.empty();
      }
      return Optional.of(new Partial(target, channel, digest, log));
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // nothing to do: staging is off for this blob
        }
      }
      skipped(log, digest, e);
      return Optional.empty();
    }
  }

  static void skipped(System.Logger log, Digest digest, Exception e) {
    log.log(Level.DEBUG, () -> "not staging blob \"" + digest + "\" for a later resume: " + e);
  }

  /**
   * The record of the upload of {@code digest} to {@code registry}'s {@code repository}, locked for
   * this caller (created empty when there was none); empty when staging is off, the record is
   * locked by another upload (which a {@code GET} of its session could break: distribution cancels
   * an upload whose size does not match its state), or on any I/O failure.
   */
  public Optional<UploadRecord> claimUpload(String registry, String repository, Digest digest) {
    UploadRecords records = uploads;
    return records == null ? Optional.empty() : records.claim(registry, repository, digest);
  }

  /** Whether an upload URL may carry a credential, which is never written to disk. */
  static boolean mayCarryCredentials(String location) {
    return UploadRecords.mayCarryCredentials(location);
  }

  /** Removes files older than {@link #MAX_AGE}, then the oldest until the rest fits the cap. */
  void clean(Path directory) {
    cleanup.clean(directory);
  }

  /**
   * A locked upload record: the newest URL of an upload session, for a later process. Never fails:
   * writing problems only leave no (or an old) record. Thread safe.
   */
  public static final class UploadRecord implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final Digest digest;
    private final System.Logger log;
    private boolean closed;

    UploadRecord(Path path, FileChannel channel, Digest digest, System.Logger log) {
      this.path = path;
      this.channel = channel;
      this.digest = digest;
      this.log = log;
    }

    /** The URL recorded by an earlier process, if any. */
    public synchronized Optional<String> location() {
      try {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
        channel.read(buffer, 0);
        String text =
            new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    /**
     * Records {@code location}, unless it may carry a credential (user information, or a query
     * parameter named like a token, signature, key or credential): then the record is emptied.
     */
    public synchronized void record(String location) {
      if (closed) {
        return;
      }
      try {
        channel.truncate(0);
        if (!UploadRecords.mayCarryCredentials(location)) {
          channel.write(ByteBuffer.wrap((location + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        }
      } catch (IOException e) {
        log.log(Level.DEBUG, () -> "recording the upload of blob \"" + digest + "\" failed: " + e);
      }
    }

    /** Removes the record (the upload finished, was cancelled or is gone) and releases it. */
    synchronized void delete() {
      if (closed) {
        return;
      }
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        log.log(Level.DEBUG, () -> "removing \"" + path + "\" failed: " + e);
      }
      close();
    }

    /** Releases the record, keeping it for a later process. */
    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        log.log(Level.DEBUG, () -> "closing \"" + path + "\" failed: " + e);
      }
    }
  }

  /**
   * A locked partial file: its first {@link #held()} bytes are the start of the blob, as far as
   * the last process knew. Bytes appended are written in order by a {@link StagingWriter}, so that
   * the reader never waits for the disk; when more than {@link #QUEUED_BYTES} wait (the disk is
   * slower than the download) or writing fails, staging stops for this blob (the file keeps the
   * bytes written whole). Used by one reading thread.
   */
  static final class Partial implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final System.Logger log;
    private final StagingWriter writer;
    private boolean closed;

    private Partial(Path path, FileChannel channel, Digest digest, System.Logger log)
        throws IOException {
      this.path = path;
      this.channel = channel;
      this.log = log;
      this.writer = new StagingWriter(path, channel, digest, log);
    }

    Path path() {
      return path;
    }

    /** The bytes staged (before any append). */
    long held() {
      return writer.written();
    }

    FileChannel channel() {
      return channel;
    }

    /** Forgets the staged bytes; before any append. */
    void truncate() {
      if (!closed) {
        writer.truncate();
      }
    }

    /**
     * Appends {@code b[off, off + len)}, the blob's bytes after those appended before: copied into
     * a block handed to the writer thread once full.
     */
    void append(byte[] b, int off, int len) {
      if (!closed) {
        writer.append(b, off, len);
      }
    }

    /** Releases the file, keeping its bytes (once written) for a later run. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      writer.finish();
      if (writer.written() == 0) {
        try {
          Files.deleteIfExists(path); // nothing to keep: leave no empty file
        } catch (IOException e) {
          log.log(Level.DEBUG, () -> "removing \"" + path + "\" failed: " + e);
        }
      }
      try {
        channel.close(); // releases the lock
      } catch (IOException e) {
        log.log(Level.DEBUG, () -> "closing \"" + path + "\" failed: " + e);
      }
    }

    /** Removes the file (the blob arrived whole, or its bytes were wrong), then releases it. */
    void delete() {
      if (closed) {
        return;
      }
      writer.discard();
      try {
        Files.deleteIfExists(path); // while still locked, so that no other stream starts on it
      } catch (IOException e) {
        log.log(Level.DEBUG, () -> "removing \"" + path + "\" failed: " + e);
      }
      close();
    }
  }
}
