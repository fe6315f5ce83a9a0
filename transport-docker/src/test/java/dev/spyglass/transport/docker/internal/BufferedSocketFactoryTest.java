package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BufferedSocketFactoryTest {
  private final BufferedSocketFactory factory = new BufferedSocketFactory(true);

  @Test
  void handsOutOneInputAndOneOutputStreamPerSocket() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = factory.createSocket(server.getInetAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      assertEquals(client.getLocalPort(), accepted.getPort());
      assertSame(client.getInputStream(), client.getInputStream());
      assertSame(client.getOutputStream(), client.getOutputStream());
    }
  }

  @Test
  void sendsWhatIsWrittenOnlyOnFlushAndReadsEveryByteInOrder() throws Exception {
    byte[] sent = new byte[1024 * 1024 + 17];
    new Random(7).nextBytes(sent);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = factory.createSocket()) {
      client.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
      try (Socket accepted = server.accept()) {
        OutputStream out = client.getOutputStream();
        out.write(sent, 0, 100);
        accepted.setSoTimeout(200);
        InputStream atServer = accepted.getInputStream();
        assertThrows(SocketTimeoutException.class, atServer::read, "sent before the flush");
        out.flush();
        accepted.setSoTimeout(5000);
        assertArrayEquals(java.util.Arrays.copyOf(sent, 100), atServer.readNBytes(100));

        // The other way: many small writes at the server, 8 KiB reads at the client (as okio).
        CompletableFuture<Void> serving =
            CompletableFuture.runAsync(
                () -> {
                  try (OutputStream toClient = accepted.getOutputStream()) {
                    for (int off = 0; off < sent.length; off += 1000) {
                      toClient.write(sent, off, Math.min(1000, sent.length - off));
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        InputStream in = client.getInputStream();
        byte[] received = new byte[sent.length];
        int filled = 0;
        for (int n; (n = in.read(received, filled, Math.min(8192, received.length - filled))) > 0; ) {
          filled += n;
        }
        serving.get(5, TimeUnit.SECONDS);
        assertEquals(sent.length, filled);
        assertArrayEquals(sent, received);
        assertEquals(-1, in.read());
      }
    }
  }
}
