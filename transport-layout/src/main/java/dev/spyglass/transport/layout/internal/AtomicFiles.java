package dev.spyglass.transport.layout.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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
 * Writes files so that they appear under their final name only complete and verified: bytes go to
 * a temporary file in the target's directory, which is then renamed atomically. Remembers the
 * temporary files in flight so that {@link #close()} can remove them. Thread safe.
 */
public final class AtomicFiles implements AutoCloseable {
  /** Prefix of every temporary file, so that leftovers are recognisable. */
  public static final String TEMP_PREFIX = ".spyglass-";

  private static final int COPY_BYTES = 256 * 1024;
  private static final String CLOSED = "the destination was closed";

  private final Set<Path> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Copies {@code content} to its end into {@code target}, checking it against {@code blob}'s
   * digest and size first. Does not close {@code content}.
   *
   * @throws dev.spyglass.api.DigestMismatchException when the bytes do not match; nothing is left
   */
  public void writeVerified(Path target, Descriptor blob, InputStream content)
      throws ImageException {
    Path temp = newTemp(target);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        // Not closed: closing the verifier would close the caller's stream.
        copy(DigestVerifyingInputStream.of(content, blob), channel);
        channel.force(true); // once per file, at the end
      }
      publish(temp, target);
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "writing blob \"" + blob.digest() + "\" to \"" + target + "\" failed: " + reason(e),
          e);
    } finally {
      discard(temp);
    }
  }

  /**
   * Copies {@code in} to its end into {@code channel} through one buffer of {@link #COPY_BYTES},
   * filled before each write: a network stream returns 8 KiB or less per read, and one write
   * system call per 8 KiB costs more than the copy itself.
   */
  private static void copy(InputStream in, FileChannel channel) throws IOException {
    byte[] buffer = new byte[COPY_BYTES];
    ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    boolean ended = false;
    while (!ended) {
      int filled = 0;
      while (filled < buffer.length) {
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
          ended = true;
          break;
        }
        filled += n;
      }
      wrapped.clear().limit(filled);
      while (wrapped.hasRemaining()) {
        channel.write(wrapped);
      }
    }
  }

  /** Writes {@code bytes} to {@code target}, replacing what was there. */
  public void writeBytes(Path target, byte[] bytes) throws ImageException {
    Path temp = newTemp(target);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        Channels.newOutputStream(channel).write(bytes);
        channel.force(true);
      }
      publish(temp, target);
    } catch (IOException e) {
      throw new ImageException("writing \"" + target + "\" failed: " + reason(e), e);
    } finally {
      discard(temp);
    }
  }

  /**
   * Removes the temporary files of writes still in progress; writes begun after it fail. Called
   * from another thread while writes run (a copy being stopped), it leaves no temporary file.
   */
  @Override
  public void close() {
    closed = true;
    for (Path temp : pending) {
      discard(temp);
    }
  }

  private Path newTemp(Path target) throws ImageException {
    Path temp;
    try {
      temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".tmp");
    } catch (IOException e) {
      throw new ImageException(
          "creating a temporary file next to \"" + target + "\" failed: " + reason(e), e);
    }
    pending.add(temp);
    if (closed) { // after adding: a close() begun earlier is seen here, a later one sees the file
      discard(temp);
      throw new ImageException("writing \"" + target + "\" failed: " + CLOSED);
    }
    return temp;
  }

  private static void publish(Path temp, Path target) throws IOException {
    if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
      // createTempFile makes owner-only files; image files are world readable, as skopeo writes.
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename \"" + temp + "\" atomically", e);
    }
  }

  /** Why a write failed: its temporary file went with a {@link #close()} meanwhile, or the I/O. */
  private String reason(IOException e) {
    return closed ? CLOSED : FileFailures.reason(e);
  }

  private void discard(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // Best effort: the name says what it is, and nothing ever reads it.
    }
    pending.remove(temp);
  }
}
