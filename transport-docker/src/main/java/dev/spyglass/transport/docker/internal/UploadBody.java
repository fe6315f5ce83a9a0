package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * The body of a streamed blob upload, written straight from the caller's stream (never held
 * whole), either with the descriptor's size as {@code Content-Length} or {@linkplain
 * #chunked(InputStream, Descriptor, int) chunked} (no length: HTTP/1.1 chunked transfer
 * encoding). The bytes are checked against the descriptor as they are read (hashed here only when
 * the stream does not already verify them); the last piece read is held back until the end of the
 * stream, and written only when size and digest match, so that a mismatching stream never
 * completes the request. Sent once: a second {@link
 * #writeTo} fails. What went wrong with the stream is kept in {@link #failure()}, because OkHttp
 * reports it as a failed call.
 *
 * <p>With a retention of R bytes, the last R bytes handed to the connection are kept, so that
 * after a broken request the upload can go on from the offset the registry holds ({@link
 * #continueFrom}) when that is no more than R bytes back: the retained bytes are sent again, then
 * the rest of the stream.
 *
 * <p>A chunked body can be {@linkplain #stop() stopped} from another thread: it then ends cleanly
 * at the bytes sent so far (the piece being written is finished, the next is not begun), so that
 * the registry stores exactly what it received and answers with an upload state that matches.
 */
final class UploadBody extends RequestBody {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final int BUFFER_BYTES = 64 * 1024;

  private final DigestVerifyingInputStream content;
  private final Descriptor blob;
  private final int retain;
  private final boolean chunked;
  private volatile boolean stopping;
  private volatile boolean stopped;
  private byte @Nullable [] tail;
  private byte[] held = new byte[BUFFER_BYTES];
  private byte[] next = new byte[BUFFER_BYTES];
  private int heldLength;
  private boolean finished;
  private long sent;
  private boolean written;
  private volatile @Nullable IOException failure;

  /** @param blob its size must be known ({@code >= 0}) */
  UploadBody(InputStream content, Descriptor blob) {
    this(content, blob, 0);
  }

  /**
   * @param retain how many of the bytes last sent are kept for {@link #continueFrom}
   */
  UploadBody(InputStream content, Descriptor blob, int retain) {
    this(content, blob, retain, false);
  }

  private UploadBody(InputStream content, Descriptor blob, int retain, boolean chunked) {
    if (blob.size() < 0) {
      throw new IllegalArgumentException("blob \"" + blob.digest() + "\" has no known size");
    }
    this.content = DigestVerifyingInputStream.of(content, blob);
    this.blob = blob;
    this.retain = retain;
    this.chunked = chunked;
  }

  /**
   * A body sent without {@code Content-Length} (chunked), which {@link #stop()} can end early.
   *
   * @param retain how many of the bytes last sent are kept for {@link #continueFrom}
   */
  static UploadBody chunked(InputStream content, Descriptor blob, int retain) {
    return new UploadBody(content, blob, retain, true);
  }

  @Override
  public MediaType contentType() {
    return OCTET_STREAM;
  }

  /** The size of the blob, or -1 when the body is chunked. */
  @Override
  public long contentLength() {
    return chunked ? -1 : blob.size();
  }

  @Override
  public boolean isOneShot() {
    return true;
  }

  /** Whether the body is sent without a length, and so can be {@linkplain #stop() stopped}. */
  boolean isChunked() {
    return chunked;
  }

  /**
   * Ends a chunked body at the bytes sent so far: the piece being written is finished (a write
   * blocked on the connection is not interrupted), then the body ends instead of reading on. No
   * effect on a body of known length, which cannot end early without breaking its request. Any
   * thread, any time; also before the body is sent, which then sends what it retains and ends.
   */
  void stop() {
    if (chunked) {
      stopping = true;
    }
  }

  /** Whether the body ended at a {@link #stop()}, before the end of the blob. */
  boolean stopped() {
    return stopped;
  }

  /** What failed while reading or checking the caller's stream, if something did. */
  @Nullable IOException failure() {
    return failure;
  }

  /** How many bytes were handed to connections so far, in order (the registry may hold fewer). */
  long sent() {
    return sent;
  }

  /**
   * Reads the first {@code count} bytes of the stream through the check without sending them: the
   * registry holds them already (an upload continued by a later process). Before any sending.
   */
  void skip(long count) throws IOException {
    if (count > blob.size() || written) {
      throw new IllegalStateException("cannot skip " + count + " bytes of blob \"" + blob.digest() + "\"");
    }
    while (sent < count) {
      int n = read(next, (int) Math.min(next.length, count - sent));
      if (n < 0) {
        throw fail(new ImageException("blob \"" + blob.digest() + "\" ended after " + sent + " bytes"));
      }
      sent += n;
    }
  }

  /**
   * A body sending the blob from {@code offset} on (the retained bytes from there, then the rest of
   * the stream), or empty when the stream failed or {@code offset} lies outside the retained bytes.
   */
  Optional<RequestBody> continueFrom(long offset) {
    if (failure != null
        || stopped
        || offset > sent
        || offset < sent - retained()
        || offset > blob.size()) {
      return Optional.empty();
    }
    return Optional.of(new Continuation(offset));
  }

  private long retained() {
    return tail == null ? 0 : Math.min(sent, tail.length);
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    if (written) {
      throw new ImageException(
          "the upload of blob \"" + blob.digest() + "\" cannot be sent twice from one stream");
    }
    written = true;
    pump(sink);
  }

  /**
   * Sends the rest of the stream, the held piece last, once the end verified; ends early, before
   * reading a piece, when {@linkplain #stop() stopped} (the held piece is then dropped, and the
   * body cannot be continued).
   */
  private void pump(BufferedSink sink) throws IOException {
    while (!finished) {
      if (stopping) {
        stopped = true;
        return;
      }
      int n = read(next); // the read that returns the end checks size and digest
      if (n < 0) {
        finished = true;
        emit(sink, held, heldLength);
        heldLength = 0;
        break;
      }
      byte[] out = held;
      int outLength = heldLength;
      held = next;
      next = out;
      heldLength = n;
      emit(sink, out, outLength);
    }
  }

  /** Counts and retains {@code bytes}, then writes them: a failed write leaves them to resend. */
  private void emit(BufferedSink sink, byte[] bytes, int length) throws IOException {
    if (retain > 0 && length > 0) {
      byte[] ring = tail;
      if (ring == null) {
        ring = new byte[(int) Math.min(retain, Math.max(blob.size(), 1))];
        tail = ring;
      }
      for (int done = 0; done < length; ) {
        int at = (int) ((sent + done) % ring.length);
        int n = Math.min(length - done, ring.length - at);
        System.arraycopy(bytes, done, ring, at, n);
        done += n;
      }
    }
    sent += length;
    sink.write(bytes, 0, length);
  }

  /** The blob from an offset on, for a request after a broken one. Sent once. */
  private final class Continuation extends RequestBody {
    private final long offset;
    private boolean used;

    Continuation(long offset) {
      this.offset = offset;
    }

    @Override
    public MediaType contentType() {
      return OCTET_STREAM;
    }

    @Override
    public long contentLength() {
      return chunked ? -1 : blob.size() - offset;
    }

    @Override
    public boolean isOneShot() {
      return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      if (used) {
        throw new ImageException(
            "the upload of blob \"" + blob.digest() + "\" cannot be continued twice from one offset");
      }
      used = true;
      byte[] ring = tail;
      long end = sent;
      for (long at = offset; at < end; ) {
        int position = (int) (at % ring.length);
        int n = (int) Math.min(end - at, ring.length - position);
        sink.write(ring, position, n);
        at += n;
      }
      pump(sink);
    }
  }

  private int read(byte[] buffer) throws IOException {
    return read(buffer, buffer.length);
  }

  private int read(byte[] buffer, int length) throws IOException {
    try {
      return content.read(buffer, 0, length);
    } catch (IOException e) {
      throw fail(
          e instanceof ImageException
              ? e
              : new ImageException(
                  "reading blob \"" + blob.digest() + "\" to upload it failed: " + e.getMessage(), e));
    }
  }

  private IOException fail(IOException e) {
    failure = e;
    return e;
  }
}
