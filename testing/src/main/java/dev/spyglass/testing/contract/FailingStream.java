package dev.spyglass.testing.contract;

import java.io.IOException;
import java.io.InputStream;

/** Serves {@code bytes} up to {@code failAt}, then throws an {@link IOException}. */
final class FailingStream extends InputStream {
  private final byte[] bytes;
  private final int failAt;
  private int position;

  FailingStream(byte[] bytes, int failAt) {
    this.bytes = bytes;
    this.failAt = failAt;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (position >= failAt) {
      throw new IOException("connection reset while reading the blob");
    }
    int n = Math.min(len, failAt - position);
    System.arraycopy(bytes, position, b, off, n);
    position += n;
    return n;
  }
}
