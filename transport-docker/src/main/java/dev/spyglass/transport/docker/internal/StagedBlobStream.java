package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.DigestVerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A blob's bytes in two parts: the first {@code start} bytes replayed from its {@link
 * PartialBlobs.Partial} file (staged by an earlier run), then the rest from the network, each byte
 * of which is appended to the file as it is returned. It sits below the blob's {@link
 * DigestVerifyingInputStream}, so replayed bytes are hashed as the network's are. Closing decides
 * the file's fate: removed when the verifying stream ended, whether it verified (the blob is whole
 * elsewhere now) or not (the staged bytes may be the wrong ones); kept for a later run when the
 * read stopped before the end. Not thread safe.
 */
final class StagedBlobStream extends InputStream {
  private final PartialBlobs.Partial partial;
  private final long start;
  private final InputStream network;
  private @Nullable DigestVerifyingInputStream verifier;
  private long replayed;
  private boolean ended;
  private boolean closed;

  StagedBlobStream(PartialBlobs.Partial partial, long start, InputStream network) {
    this.partial = partial;
    this.start = start;
    this.network = network;
  }

  /** The stream whose verdict decides whether the staged file is removed on close. */
  void watch(DigestVerifyingInputStream verifier) {
    this.verifier = verifier;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (replayed < start) {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, (int) Math.min(len, start - replayed));
      int n = partial.channel().read(buffer, replayed);
      if (n < 0) {
        throw new IOException(
            "the staged file \"" + partial.path() + "\" ended after " + replayed + " bytes");
      }
      replayed += n;
      return n;
    }
    int n = network.read(b, off, len);
    if (n < 0) {
      ended = true;
      return n;
    }
    partial.append(b, off, n);
    return n;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      network.close();
    } finally {
      DigestVerifyingInputStream watched = verifier;
      if (watched != null && (ended || watched.failure() != null)) {
        partial.delete();
      } else {
        partial.close();
      }
    }
  }
}
