package dev.spyglass.transport.docker.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;

/**
 * Bounds the TLS handshake: the connected socket gets a short read timeout before TLS is layered on
 * it (OkHttp sets the read timeout again once the handshake is done). A plain-HTTP server that
 * never answers a ClientHello then fails in seconds, not after the read timeout, as Go's 10 s
 * {@code TLSHandshakeTimeout} does for skopeo.
 */
final class HandshakeTimeout extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final int millis;

  HandshakeTimeout(SSLSocketFactory delegate, Duration timeout) {
    this.delegate = delegate;
    this.millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
      throws IOException {
    socket.setSoTimeout(millis);
    return delegate.createSocket(socket, host, port, autoClose);
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return timed(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return timed(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return timed(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return timed(delegate.createSocket(address, port, localAddress, localPort));
  }

  private Socket timed(Socket socket) throws IOException {
    socket.setSoTimeout(millis);
    return socket;
  }
}
