package dev.spyglass.testing.contract;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@code bytes}, pausing after {@code pauseAt} until {@code release} opens: a put that has
 * read part of a blob and waits for the rest, for checks of what is visible meanwhile. {@code
 * paused} opens when the pause begins.
 */
public final class PausingStream extends InputStream {
  private final byte[] bytes;
  private final int pauseAt;
  private final CountDownLatch paused;
  private final CountDownLatch release;
  private int position;

  public PausingStream(byte[] bytes, int pauseAt, CountDownLatch paused, CountDownLatch release) {
    this.bytes = bytes;
    this.pauseAt = pauseAt;
    this.paused = paused;
    this.release = release;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (position == pauseAt) {
      paused.countDown();
      try {
        if (!release.await(60, TimeUnit.SECONDS)) {
          throw new IOException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    if (position >= bytes.length) {
      return -1;
    }
    int limit = position < pauseAt ? pauseAt : bytes.length;
    int n = Math.min(len, limit - position);
    System.arraycopy(bytes, position, b, off, n);
    position += n;
    return n;
  }
}
