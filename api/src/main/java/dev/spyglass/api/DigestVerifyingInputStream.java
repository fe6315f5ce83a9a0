package dev.spyglass.api;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Passes bytes through while hashing them, and at the end of the stream throws {@link
 * DigestMismatchException} when they do not match the expected digest, or {@link
 * SizeMismatchException} when there are more (as soon as they arrive) or fewer than the expected
 * size; every later read throws the same again.
 * Not thread safe.
 *
 * <p>A blob is hashed once on its way from a source to a destination: a source returns one of
 * these, and a destination that must verify what it stores takes it as it is through {@link
 * #of}, committing only after a read has returned the end of the stream.
 */
public final class DigestVerifyingInputStream extends ObservingInputStream {
  /**
   * The most bytes hashed per {@link MessageDigest#update} call. HotSpot hashes with the CPU's
   * multi-block SHA instructions only once C2 has compiled the JDK's update path, which it does
   * after some thousands of calls: with 64 KiB reads that came after about 300 MiB, hashed four
   * times slower until then. 8 KiB slices get there eight times sooner and cost nothing after.
   */
  private static final int HASH_SLICE = 8 * 1024;

  private final Descriptor expected;
  private final MessageDigest hash;
  private long count;
  private boolean ended;
  private @Nullable ImageException failure;

  /** @param expected the digest to match and the size to match, unless it is -1 */
  public DigestVerifyingInputStream(InputStream in, Descriptor expected) {
    super(in);
    this.expected = expected;
    this.hash = Digest.newMessageDigest(expected.digest().algorithm());
  }

  /**
   * {@code in} itself when it already verifies {@code expected}'s digest (and its size, when
   * {@code expected} gives one) and nothing has been read from it yet, else a new stream verifying
   * {@code in}. (Bytes read before would be hashed but never reach the new reader.)
   */
  public static DigestVerifyingInputStream of(InputStream in, Descriptor expected) {
    if (in instanceof DigestVerifyingInputStream verifying
        && verifying.count == 0
        && !verifying.ended
        && verifying.expected.digest().equals(expected.digest())
        && (expected.size() < 0 || verifying.expected.size() == expected.size())) {
      return verifying;
    }
    return new DigestVerifyingInputStream(in, expected);
  }

  /**
   * Reads through {@code between.apply(the stream read so far)} from now on, e.g. to count or to
   * cancel: what is hashed and checked is still exactly what this stream returns.
   *
   * @return this stream
   */
  public DigestVerifyingInputStream interpose(UnaryOperator<InputStream> between) {
    in = between.apply(in);
    return this;
  }

  /** What the end of the stream threw because the bytes did not match, if it did. */
  public @Nullable ImageException failure() {
    return failure;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (failure != null) {
      throw failure;
    }
    int n = ended ? -1 : super.read(b, off, len);
    if (n < 0) {
      verify();
      return -1;
    }
    for (int done = 0; done < n; done += HASH_SLICE) {
      hash.update(b, off + done, Math.min(HASH_SLICE, n - done));
    }
    count += n;
    if (expected.size() >= 0 && count > expected.size()) {
      throw fail(
          new SizeMismatchException(
              "blob \""
                  + expected.digest()
                  + "\" is longer than its declared "
                  + expected.size()
                  + " bytes",
              expected.digest(),
              expected.size(),
              count));
    }
    return n;
  }

  private void verify() throws ImageException {
    if (ended) {
      return;
    }
    ended = true;
    if (expected.size() >= 0 && count != expected.size()) {
      throw fail(
          new SizeMismatchException(
              "blob \""
                  + expected.digest()
                  + "\" has "
                  + count
                  + " bytes, expected "
                  + expected.size(),
              expected.digest(),
              expected.size(),
              count));
    }
    Digest actual = Digest.of(expected.digest().algorithm(), hash.digest());
    if (!actual.equals(expected.digest())) {
      throw fail(new DigestMismatchException("blob", expected.digest(), actual));
    }
  }

  private ImageException fail(ImageException e) {
    failure = e;
    return e;
  }
}
