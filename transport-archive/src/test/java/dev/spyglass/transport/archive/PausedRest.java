package dev.spyglass.transport.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The second half of a blob, served once {@code release} opens. */
final class PausedRest extends InputStream {
  private final ByteArrayInputStream rest;
  private final CountDownLatch halfRead;
  private final CountDownLatch release;

  PausedRest(byte[] bytes, CountDownLatch halfRead, CountDownLatch release) {
    this.rest = new ByteArrayInputStream(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
    this.halfRead = halfRead;
    this.release = release;
  }

  @Override
  public int read() throws IOException {
    awaitRelease();
    return rest.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    awaitRelease();
    return rest.read(b, off, len);
  }

  private void awaitRelease() throws IOException {
    halfRead.countDown();
    try {
      if (!release.await(60, TimeUnit.SECONDS)) {
        throw new IOException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }
}
