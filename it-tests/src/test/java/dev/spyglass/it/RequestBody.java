package dev.spyglass.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of one HTTP/1.1 request as {@link FaultProxy} reads it off the client's connection,
 * piece by piece, framed by {@code Content-Length} or chunked: {@link #read} gives payload bytes
 * (the chunk framing removed), {@link #write} and {@link #end} pass them on in the request's own
 * framing. Used by one thread.
 */
final class RequestBody {
  private final InputStream in;
  private final boolean chunked;
  private long left; // of the Content-Length, or of the current chunk
  private boolean ended;

  RequestBody(InputStream in, long contentLength, boolean chunked) {
    this.in = in;
    this.chunked = chunked;
    this.left = chunked ? 0 : contentLength;
    this.ended = !chunked && contentLength == 0;
  }

  /** Up to {@code max} payload bytes into {@code buffer}; -1 at the end of the body. */
  int read(byte[] buffer, int max) throws IOException {
    if (ended) {
      return -1;
    }
    if (chunked && left == 0) {
      left = nextChunkSize();
      if (left == 0) {
        while (!line().isEmpty()) {
          // trailers: none are passed on
        }
        ended = true;
        return -1;
      }
    }
    int n = in.read(buffer, 0, (int) Math.min(Math.min(max, buffer.length), left));
    if (n < 0) {
      throw new IOException("the client closed the connection mid-body");
    }
    left -= n;
    if (left == 0) {
      if (chunked && !line().isEmpty()) {
        throw new IOException("a chunk does not end with CRLF");
      }
      ended = !chunked;
    }
    return n;
  }

  /** Reads the rest of the body, passing none of it on; returns its payload bytes. */
  long drain() throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long drained = 0;
    for (int n; (n = read(buffer, buffer.length)) >= 0; ) {
      drained += n;
    }
    return drained;
  }

  /** Writes {@code n} payload bytes in the request's framing. */
  void write(OutputStream out, byte[] buffer, int n) throws IOException {
    if (n == 0) {
      return;
    }
    if (chunked) {
      out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(buffer, 0, n);
      out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    } else {
      out.write(buffer, 0, n);
    }
  }

  /** Ends the body in the request's framing (the last chunk, when chunked). */
  void end(OutputStream out) throws IOException {
    if (chunked) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    out.flush();
  }

  private long nextChunkSize() throws IOException {
    String size = line();
    int extension = size.indexOf(';');
    try {
      return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
    } catch (NumberFormatException e) {
      throw new IOException("bad chunk size \"" + size + "\"", e);
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("the client closed the connection mid-body");
      }
      if (line.size() > 4096) {
        throw new IOException("chunk line over 4 KiB");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}
