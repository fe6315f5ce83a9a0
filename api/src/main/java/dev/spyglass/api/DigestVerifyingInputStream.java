package dev.spyglass.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes bytes through while hashing them, and at the end of the stream throws {@link
 * DigestMismatchException} when they do not match the expected digest, or {@link ImageException}
 * when there are more or fewer than the expected size. Not thread safe.
 */
public final class DigestVerifyingInputStream extends FilterInputStream {
  private final Descriptor expected;
  private final MessageDigest hash;
  private long count;
  private boolean verified;

  /** @param expected the digest to match and the size to match, unless it is -1 */
  public DigestVerifyingInputStream(InputStream in, Descriptor expected) {
    super(in);
    this.expected = expected;
    this.hash = Digest.newMessageDigest(expected.digest().algorithm());
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) {
      verify();
      return -1;
    }
    hash.update(b, off, n);
    count += n;
    if (expected.size() >= 0 && count > expected.size()) {
      throw new ImageException(
          "blob \"" + expected.digest() + "\" is longer than its declared " + expected.size() + " bytes");
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 0))];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void verify() throws IOException {
    if (verified) {
      return;
    }
    verified = true;
    if (expected.size() >= 0 && count != expected.size()) {
      throw new ImageException(
          "blob \"" + expected.digest() + "\" has " + count + " bytes, expected " + expected.size());
    }
    Digest actual = Digest.of(expected.digest().algorithm(), hash.digest());
    if (!actual.equals(expected.digest())) {
      throw new DigestMismatchException("blob", expected.digest(), actual);
    }
  }
}
