package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageException;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * The body of a monolithic blob upload, written straight from the caller's stream (never held
 * whole) with the descriptor's size as {@code Content-Length}. The bytes are checked against the
 * descriptor as they are read (hashed here only when the stream does not already verify them); the
 * last piece read is held back until the end of the stream, and written only when size and digest
 * match, so that a mismatching stream never completes the request. Sent once:
 * a second {@link #writeTo} fails. What went wrong with the stream is kept in {@link #failure()},
 * because OkHttp reports it as a failed call.
 */
final class UploadBody extends RequestBody {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final int BUFFER_BYTES = 64 * 1024;

  private final DigestVerifyingInputStream content;
  private final Descriptor blob;
  private boolean written;
  private volatile @Nullable IOException failure;

  /** @param blob its size must be known ({@code >= 0}) */
  UploadBody(InputStream content, Descriptor blob) {
    if (blob.size() < 0) {
      throw new IllegalArgumentException("blob \"" + blob.digest() + "\" has no known size");
    }
    this.content = DigestVerifyingInputStream.of(content, blob);
    this.blob = blob;
  }

  @Override
  public MediaType contentType() {
    return OCTET_STREAM;
  }

  @Override
  public long contentLength() {
    return blob.size();
  }

  @Override
  public boolean isOneShot() {
    return true;
  }

  /** What failed while reading or checking the caller's stream, if something did. */
  @Nullable IOException failure() {
    return failure;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    if (written) {
      throw new ImageException(
          "the upload of blob \"" + blob.digest() + "\" cannot be sent twice from one stream");
    }
    written = true;
    byte[] held = new byte[BUFFER_BYTES];
    byte[] next = new byte[BUFFER_BYTES];
    int heldLength = 0;
    while (true) {
      int n = read(next); // the read that returns the end checks size and digest
      if (n < 0) {
        break;
      }
      sink.write(held, 0, heldLength);
      byte[] swap = held;
      held = next;
      next = swap;
      heldLength = n;
    }
    sink.write(held, 0, heldLength);
  }

  private int read(byte[] buffer) throws IOException {
    try {
      return content.read(buffer, 0, buffer.length);
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
