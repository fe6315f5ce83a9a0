package dev.spyglass.transport.docker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks a server whether it speaks TLS, without the JSSE stack: sends a TLS 1.2 ClientHello on a
 * plain socket and looks at the first byte of the answer. A TLS server answers with a handshake
 * (0x16) or alert (0x15) record; a plain-HTTP server answers {@code HTTP/1.x 400}. Used only when
 * TLS verification is off, to go straight to plain HTTP for a plain-HTTP registry: setting up TLS
 * for an attempt that must fail costs about 150 ms of class loading and key generation. Anything
 * but a clear plain-HTTP answer is inconclusive, and the caller tries HTTPS as usual.
 */
final class TlsProbe {
  private TlsProbe() {}

  /** Whether the server at {@code host:port} answered a ClientHello with something other than TLS. */
  static boolean answersPlainHttp(String host, int port, Duration connectTimeout, Duration readTimeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      socket.setSoTimeout((int) readTimeout.toMillis());
      socket.getOutputStream().write(clientHello());
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      int first = in.read();
      return first == 'H';
    } catch (IOException e) {
      return false;
    }
  }

  /** A TLS 1.2 ClientHello offering common ECDHE and RSA AES-GCM suites. */
  static byte[] clientHello() {
    byte[] suites = {(byte) 0xc0, 0x2b, (byte) 0xc0, 0x2f, (byte) 0xc0, 0x2c, (byte) 0xc0, 0x30, 0x00, (byte) 0x9c, 0x00, (byte) 0x9d};
    byte[] extensions = {
      0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1d, 0x00, 0x17, // supported_groups: x25519, secp256r1
      0x00, 0x0b, 0x00, 0x02, 0x01, 0x00, // ec_point_formats: uncompressed
      0x00, 0x0d, 0x00, 0x08, 0x00, 0x06, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, // signature_algorithms
    };
    // No handshake follows this hello, so its random protects nothing: seeding a SecureRandom
    // would cost more than the whole probe.
    byte[] random = new byte[32];
    ThreadLocalRandom.current().nextBytes(random);
    int bodyLength = 2 + 32 + 1 + 2 + suites.length + 2 + 2 + extensions.length;
    byte[] hello = new byte[5 + 4 + bodyLength];
    int i = 0;
    hello[i++] = 0x16; // handshake record
    hello[i++] = 0x03;
    hello[i++] = 0x01;
    hello[i++] = (byte) ((4 + bodyLength) >> 8);
    hello[i++] = (byte) (4 + bodyLength);
    hello[i++] = 0x01; // ClientHello
    hello[i++] = 0;
    hello[i++] = (byte) (bodyLength >> 8);
    hello[i++] = (byte) bodyLength;
    hello[i++] = 0x03; // TLS 1.2
    hello[i++] = 0x03;
    System.arraycopy(random, 0, hello, i, 32);
    i += 32;
    hello[i++] = 0; // no session id
    hello[i++] = 0;
    hello[i++] = (byte) suites.length;
    System.arraycopy(suites, 0, hello, i, suites.length);
    i += suites.length;
    hello[i++] = 1; // compression methods: null
    hello[i++] = 0;
    hello[i++] = 0;
    hello[i++] = (byte) extensions.length;
    System.arraycopy(extensions, 0, hello, i, extensions.length);
    return hello;
  }
}
