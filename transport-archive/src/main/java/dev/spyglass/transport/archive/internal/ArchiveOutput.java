package dev.spyglass.transport.archive.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tar archive being written: to a temporary file beside the target, renamed to the target only by
 * {@link #commit()}, once complete. Blobs arrive from several threads: each is first spooled to its
 * own temporary file (checked against its digest), then appended to the archive under a lock, so an
 * archive never holds a blob that did not verify. {@link #close()} before {@link #commit()} removes
 * every temporary file: an interrupted write leaves nothing under the target's name. Writes after
 * {@link #commit()} are refused: the tar is ended.
 */
public final class ArchiveOutput implements AutoCloseable {
  /** Prefix of every temporary file, as the layout transports use. */
  public static final String TEMP_PREFIX = ".spyglass-";

  private static final int COPY_BYTES = 256 * 1024;

  private final Path target;
  private final String what;
  private final Path temp;
  private final FileChannel channel;
  private final TarWriter tar;
  private final Set<Path> spools = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private volatile boolean closed;
  private volatile boolean committed;

  private ArchiveOutput(Path target, String what, Path temp, FileChannel channel) {
    this.target = target;
    this.what = what;
    this.temp = temp;
    this.channel = channel;
    this.tar =
        new TarWriter(new BufferedOutputStream(Channels.newOutputStream(channel), COPY_BYTES));
  }

  /**
   * Starts writing an archive that will replace {@code target}.
   *
   * @param what names the archive in messages
   */
  public static ArchiveOutput create(Path target, String what) throws ImageException {
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new ImageException(
          "writing " + what + " failed: directory \"" + parent + "\" does not exist");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      throw new ImageException(
          "writing " + what + " failed: \"" + target + "\" exists and is not a regular file");
    }
    try {
      Path temp = Files.createTempFile(parent, TEMP_PREFIX, ".tmp");
      return new ArchiveOutput(
          target, what, temp, FileChannel.open(temp, StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw new ImageException(
          "creating a temporary file next to \"" + target + "\" failed: " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code content} to its end into a temporary file, checks it against {@code blob}, and
   * appends it to the archive as {@code name}. Does not close {@code content}.
   */
  public void addBlob(String name, Descriptor blob, InputStream content) throws ImageException {
    Path spool = newSpool();
    try {
      long size;
      try (OutputStream out = Files.newOutputStream(spool)) {
        size = DigestVerifyingInputStream.of(content, blob).transferTo(out);
      }
      synchronized (lock) {
        checkOpen();
        tar.fileHeader(name, size);
        try (InputStream in = Files.newInputStream(spool)) {
          byte[] buffer = new byte[COPY_BYTES];
          long copied = 0;
          int n;
          while ((n = in.read(buffer)) > 0) {
            tar.data(buffer, 0, n);
            copied += n;
          }
          if (copied != size) {
            throw new IOException("spooled blob changed size while it was copied");
          }
        }
        tar.pad(size);
      }
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "writing blob \"" + blob.digest() + "\" to " + what + " failed: " + reason(e), e);
    } finally {
      discard(spool);
    }
  }

  public void addBytes(String name, byte[] bytes) throws ImageException {
    synchronized (lock) {
      checkOpen();
      try {
        tar.file(name, bytes);
      } catch (IOException e) {
        throw new ImageException(
            "writing \"" + name + "\" to " + what + " failed: " + reason(e), e);
      }
    }
  }

  public void addDirectory(String name) throws ImageException {
    synchronized (lock) {
      checkOpen();
      try {
        tar.directory(name);
      } catch (IOException e) {
        throw new ImageException(
            "writing \"" + name + "\" to " + what + " failed: " + reason(e), e);
      }
    }
  }

  public void addSymlink(String name, String linkTarget) throws ImageException {
    synchronized (lock) {
      checkOpen();
      try {
        tar.symlink(name, linkTarget);
      } catch (IOException e) {
        throw new ImageException(
            "writing \"" + name + "\" to " + what + " failed: " + reason(e), e);
      }
    }
  }

  /** Ends the archive, forces it to disk and renames it to the target, replacing what was there. */
  public void commit() throws ImageException {
    synchronized (lock) {
      checkOpen();
      try {
        tar.finish();
        channel.force(true);
        channel.close();
        if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
      } catch (AtomicMoveNotSupportedException e) {
        throw new ImageException(
            "writing "
                + what
                + " failed: the file system cannot rename \""
                + temp
                + "\" atomically",
            e);
      } catch (IOException e) {
        throw new ImageException("writing " + what + " failed: " + reason(e), e);
      }
    }
  }

  public boolean committed() {
    synchronized (lock) {
      return committed;
    }
  }

  /**
   * Removes the temporary files unless committed; writes begun after it fail. Safe from any thread.
   */
  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // Only the temporary file is lost, and it is deleted next.
    }
    if (!committedQuietly()) {
      discard(temp);
    }
    for (Path spool : spools) {
      discard(spool);
    }
  }

  private boolean committedQuietly() {
    // Not under the lock: close() may run on a shutdown hook while a writer holds it.
    return committed;
  }

  private Path newSpool() throws ImageException {
    checkOpen();
    try {
      Path spool = Files.createTempFile(temp.getParent(), TEMP_PREFIX, ".blob");
      spools.add(spool);
      if (closed) {
        discard(spool);
        checkOpen();
      }
      return spool;
    } catch (IOException e) {
      throw new ImageException(
          "creating a temporary file next to \"" + target + "\" failed: " + reason(e), e);
    }
  }

  private void checkOpen() throws ImageException {
    if (closed) {
      throw new ImageException("writing " + what + " failed: the destination was closed");
    }
    if (committed) {
      // The tar is ended and renamed: what came now would be lost, not added.
      throw new ImageException(
          "writing " + what + " failed: the archive is complete, nothing follows its manifest");
    }
  }

  private String reason(IOException e) {
    return closed ? "the destination was closed" : String.valueOf(e.getMessage());
  }

  private void discard(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Best effort: the name says what it is.
    }
    spools.remove(file);
  }
}
