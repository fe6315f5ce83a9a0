package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.ImageException;
import java.io.IOException;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/** Reads response bodies without ever holding more than a stated limit. */
final class Bodies {
  private Bodies() {}

  /**
   * Reads {@code body} whole, refusing it at once when its {@code Content-Length} is over {@code
   * limit}, or as soon as more than {@code limit} bytes arrive. Does not close it.
   *
   * @param what names the content in the error, e.g. {@code tags of "app"}
   */
  static byte[] readAtMost(ResponseBody body, int limit, String what) throws IOException {
    long declared = body.contentLength();
    if (declared > limit) {
      throw new ImageException(
          what + " is " + declared + " bytes, more than the limit of " + limit + " bytes");
    }
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    while (source.read(buffer, limit + 1L - buffer.size()) >= 0) {
      if (buffer.size() > limit) {
        throw new ImageException(what + " is larger than the limit of " + limit + " bytes");
      }
    }
    return buffer.readByteArray();
  }

  /** Reads at most the first {@code limit} bytes of {@code body}, quietly stopping there. */
  static byte[] prefix(ResponseBody body, int limit) throws IOException {
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    while (buffer.size() < limit && source.read(buffer, limit - buffer.size()) >= 0) {
      // Keep reading until the limit or the end.
    }
    return buffer.readByteArray();
  }
}
