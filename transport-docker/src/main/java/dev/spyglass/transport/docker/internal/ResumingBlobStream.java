package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.Quote;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.Optional;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * A blob body that continues where it broke: when reading fails in a way that may pass ({@link
 * RetryPolicy#isRetryable(IOException)}), or the body ends before the blob's size, the blob is asked
 * for again with {@code Range: bytes=N-} (N = the bytes returned so far) against the original URL
 * (a redirect to storage is followed afresh, carrying the {@code Range}), after a backoff. A {@code
 * 206} must carry {@code Content-Range: bytes F-L/T} with F at most N (the F..N bytes are skipped),
 * L + 1 = T, and T the blob's size when known; a {@code 200} means the registry ignored the range:
 * its first N bytes are skipped.
 *
 * <p>Skipping without hashing is right because this stream sits below the {@code
 * DigestVerifyingInputStream}: the hash covers exactly the bytes this stream returns, once each,
 * whatever responses they came from, so a registry that sent other bytes after a restart fails the
 * digest check as it should. The tries without progress (less than {@link #PROGRESS_BYTES} between
 * two breaks) are bounded by the client's {@link RetryPolicy}. Not thread safe; closing closes the
 * current body.
 */
public final class ResumingBlobStream extends InputStream {
  /** The bytes read between two breaks that count as progress (as containers/image counts). */
  static final long PROGRESS_BYTES = 1024 * 1024;

  /** Asks for the blob again from an offset. */
  @FunctionalInterface
  public interface Reopen {
    RegistryResponse<ResponseBody> from(long offset) throws ImageException;
  }

  private final Reopen reopen;
  private final long size;
  private final String what;
  private final String host;
  private final Attempts attempts;
  private final System.Logger log;
  private @Nullable ResponseBody body;
  private InputStream in;
  // A body framed by chunked encoding that ends cleanly is complete: when short, it is a size
  // mismatch, not a broken transfer (one framed by Content-Length fails with an IOException instead).
  private boolean chunked;
  private long offset;
  private long lastBreak;
  private int resumptions;

  /**
   * @param size the blob's size, or -1 when unknown (then only failures, not a short body, resume)
   */
  ResumingBlobStream(
      ResponseBody first,
      boolean chunked,
      long size,
      Reopen reopen,
      Attempts attempts,
      String what,
      String host,
      System.Logger log) {
    this(first, chunked, size, 0, reopen, attempts, what, host, log);
  }

  /**
   * @param start the offset of {@code first}'s first byte in the blob (bytes before it came from
   *     elsewhere); offsets asked for and checked are the blob's
   */
  ResumingBlobStream(
      ResponseBody first,
      boolean chunked,
      long size,
      long start,
      Reopen reopen,
      Attempts attempts,
      String what,
      String host,
      System.Logger log) {
    this.offset = start;
    this.lastBreak = start;
    this.body = first;
    this.chunked = chunked;
    this.in = first.byteStream();
    this.size = size;
    this.reopen = reopen;
    this.attempts = attempts;
    this.what = what;
    this.host = host;
    this.log = log;
  }

  /** How many times the body was asked for again. */
  int resumptions() {
    return resumptions;
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
    while (true) {
      int n;
      try {
        n = in.read(b, off, len);
      } catch (IOException e) {
        if (!RetryPolicy.isRetryable(e)) {
          throw e;
        }
        resume(e);
        continue;
      }
      if (n < 0 && size >= 0 && offset < size && !chunked) {
        resume(new EOFException("the body ended after " + offset + " of " + size + " bytes"));
        continue;
      }
      if (n > 0) {
        offset += n;
      }
      return n;
    }
  }

  private void resume(IOException cause) throws IOException {
    if (offset - lastBreak >= PROGRESS_BYTES) {
      attempts.progressed();
    }
    lastBreak = offset;
    if (!attempts.another(
        what, "reading failed after " + offset + " bytes (" + describe(cause) + ")", Optional.empty())) {
      throw cause;
    }
    closeBody();
    resumptions++;
    long at = offset;
    log.log(Level.DEBUG, () -> what + " from \"" + host + "\": continuing from byte " + at);
    RegistryResponse<ResponseBody> response;
    try {
      response = reopen.from(offset);
    } catch (ImageException e) {
      e.addSuppressed(cause);
      throw e;
    }
    ResponseBody next = response.body();
    if (next == null) {
      throw new ImageException(what + " from \"" + host + "\" returned no body when continued");
    }
    body = next;
    chunked = isChunked(response);
    in = next.byteStream();
    long skip;
    if (response.code() == 206) {
      skip = offset - checkedStart(response.headers().get("Content-Range"));
    } else if (response.code() == 200) {
      log.log(
          Level.DEBUG,
          () -> what + " from \"" + host + "\": the range was ignored, skipping " + at + " bytes");
      skip = offset;
    } else {
      closeBody();
      throw new ImageException(
          what
              + " from \""
              + host
              + "\" answered HTTP "
              + response.code()
              + " when asked for the bytes from "
              + offset
              + " on");
    }
    try {
      in.skipNBytes(skip);
    } catch (EOFException e) {
      resume(e);
    }
  }

  /**
   * The first byte of a 206's {@code Content-Range}, when it ends the blob and starts no later than
   * the offset.
   */
  private long checkedStart(@Nullable String contentRange) throws ImageException {
    long first = -1;
    long last = -1;
    long total = -1;
    String text = contentRange == null ? "" : contentRange.strip();
    if (text.startsWith("bytes ")) {
      String[] rangeAndTotal = text.substring(6).split("/", 2);
      String[] bounds = rangeAndTotal[0].split("-", 2);
      try {
        first = Long.parseLong(bounds[0].strip());
        last = bounds.length == 2 ? Long.parseLong(bounds[1].strip()) : -1;
        total =
            rangeAndTotal.length == 2 && !rangeAndTotal[1].strip().equals("*")
                ? Long.parseLong(rangeAndTotal[1].strip())
                : -1;
      } catch (NumberFormatException e) {
        first = -1;
      }
    }
    boolean ends = total < 0 ? size < 0 || last == size - 1 : last == total - 1;
    if (first < 0
        || first > offset
        || last < first
        || !ends
        || (size >= 0 && total >= 0 && total != size)) {
      closeBody();
      throw new ImageException(
          what
              + " from \""
              + host
              + "\": asked for the bytes from "
              + offset
              + " on, the registry answered 206 with "
              + (contentRange == null
                  ? "no Content-Range"
                  : "Content-Range " + Quote.of(contentRange)));
    }
    return first;
  }

  private static String describe(IOException e) {
    return ConnectionFailures.describe(e);
  }

  private void closeBody() {
    ResponseBody current = body;
    body = null;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public void close() {
    closeBody();
  }

  static boolean isChunked(RegistryResponse<?> response) {
    return "chunked".equalsIgnoreCase(response.headers().get("Transfer-Encoding"));
  }
}
