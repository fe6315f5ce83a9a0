package dev.spyglass.transport.docker.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Plain sockets whose streams move {@link #BUFFER_BYTES} per system call. Okio reads and writes
 * one 8 KiB segment at a time: a blob of 800 MiB was 100,000 socket reads, and the calls cost more
 * CPU than the bytes (Go's HTTP client reads 32 KiB at a time). OkHttp flushes whatever it must
 * send, so buffering the output delays nothing. TLS sockets are layered on these, so their record
 * reads are buffered too.
 */
final class BufferedSocketFactory extends SocketFactory {
  static final int BUFFER_BYTES = 64 * 1024;

  private final boolean bufferOutput;

  /**
   * @param bufferOutput false for sockets TLS is layered on: the JDK's TLS socket then sees its
   *     handshake records leave as it writes them (a server refusing a client certificate must see
   *     the client's last handshake flight before the request, or the client meets a closed socket
   *     instead of the server's alert); its records are up to 16 KiB each anyway
   */
  BufferedSocketFactory(boolean bufferOutput) {
    this.bufferOutput = bufferOutput;
  }

  @Override
  public Socket createSocket() {
    return new BufferedSocket(bufferOutput);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(InetSocketAddress remote, InetSocketAddress... local)
      throws IOException {
    Socket socket = createSocket();
    try {
      if (local.length > 0) {
        socket.bind(local[0]);
      }
      socket.connect(remote);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** A socket that hands out one buffered input stream and one output stream. */
  private static final class BufferedSocket extends Socket {
    private final boolean bufferOutput;
    private @Nullable InputStream in;
    private @Nullable OutputStream out;

    BufferedSocket(boolean bufferOutput) {
      this.bufferOutput = bufferOutput;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        in = new BufferedInputStream(super.getInputStream(), BUFFER_BYTES);
      }
      return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (out == null) {
        out =
            bufferOutput
                ? new BufferedOutputStream(super.getOutputStream(), BUFFER_BYTES)
                : super.getOutputStream();
      }
      return out;
    }
  }
}
