package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLServerSocket;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

class TlsProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void plainHttpServerAnswering400IsPlainHttp() throws Exception {
    AtomicReference<byte[]> received = new AtomicReference<>();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  byte[] head = s.getInputStream().readNBytes(5);
                  received.set(head);
                  OutputStream out = s.getOutputStream();
                  out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException e) {
                  // The probe's verdict is what the test checks.
                }
              });
      t.start();
      assertTrue(TlsProbe.answersPlainHttp("127.0.0.1", server.getLocalPort(), TIMEOUT, TIMEOUT));
      t.join();
    }
    assertEquals(0x16, received.get()[0], "a TLS handshake record was sent");
  }

  @Test
  void tlsServerIsNotPlainHttp() throws Exception {
    HeldCertificate cert = new HeldCertificate.Builder().commonName("127.0.0.1").build();
    HandshakeCertificates certs = new HandshakeCertificates.Builder().heldCertificate(cert).build();
    try (SSLServerSocket server =
        (SSLServerSocket)
            certs.sslContext().getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  ((javax.net.ssl.SSLSocket) s).startHandshake();
                } catch (IOException e) {
                  // The probe hangs up after the first byte of the ServerHello.
                }
              });
      t.start();
      assertFalse(TlsProbe.answersPlainHttp("127.0.0.1", server.getLocalPort(), TIMEOUT, TIMEOUT));
      t.join();
    }
  }

  @Test
  void serverThatHangsUpIsInconclusive() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = server.accept();
                    InputStream in = s.getInputStream()) {
                  in.readNBytes(5);
                } catch (IOException e) {
                  // closing is the point
                }
              });
      t.start();
      assertFalse(TlsProbe.answersPlainHttp("127.0.0.1", server.getLocalPort(), TIMEOUT, TIMEOUT));
      t.join();
    }
  }

  @Test
  void nothingListeningIsInconclusive() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = server.getLocalPort();
    }
    assertFalse(TlsProbe.answersPlainHttp("127.0.0.1", port, TIMEOUT, TIMEOUT));
  }

  @Test
  void clientHelloIsAWellFormedTls12Record() {
    byte[] hello = TlsProbe.clientHello();
    assertEquals(0x16, hello[0]);
    assertEquals(hello.length - 5, ((hello[3] & 0xff) << 8) | (hello[4] & 0xff));
    assertEquals(0x01, hello[5]);
    assertEquals(hello.length - 9, ((hello[7] & 0xff) << 8) | (hello[8] & 0xff));
    assertEquals(0x03, hello[9]);
    assertEquals(0x03, hello[10]);
  }
}
