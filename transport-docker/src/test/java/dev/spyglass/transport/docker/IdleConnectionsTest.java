package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spyglass.transport.docker.internal.ClientFactory;
import dev.spyglass.transport.docker.internal.TlsSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP/2 connection (what a registry over TLS answers with) keeps a thread blocked in native
 * code reading its socket while it is idle, and the JVM waits 300 ms at exit for every such thread:
 * {@link ClientFactory#closeIdleConnections} must end those readers, as the shared clients' shutdown
 * hook relies on.
 */
class IdleConnectionsTest {
  private static final String READER = "okhttp3.internal.http2.Http2Connection$ReaderRunnable";

  @TempDir Path dir;

  @Test
  void closingTheIdleConnectionsEndsTheHttp2ReaderThatHoldsUpTheJvmsExit() throws Exception {
    ClientFactory clients = new ClientFactory(System.getLogger("test"));
    // Readers of connections other tests left end once their servers have closed: wait for them,
    // so that a reader finishing late is not taken for this test's.
    long settle = System.nanoTime() + 5_000_000_000L;
    while (!readers().isEmpty() && System.nanoTime() < settle) {
      Thread.sleep(10);
    }
    Set<Thread> before = readers();

    try (MockWebServer server = TestTls.https()) {
      server.enqueue(new MockResponse().setBody("{}"));
      TlsSettings tls = new TlsSettings(true, TestTls.certDir(dir));
      OkHttpClient client = clients.forScheme("https", tls);
      try (Response response =
          client.newCall(new Request.Builder().url(server.url("/v2/")).build()).execute()) {
        assertEquals(Protocol.HTTP_2, response.protocol());
        assertEquals("{}", response.body().string());
      }
      Set<Thread> ours = readers();
      ours.removeAll(before);
      assertEquals(1, ours.size(), "the HTTP/2 connection's reader: " + ours);

      clients.closeIdleConnections();

      long deadline = System.nanoTime() + 5_000_000_000L;
      while (readers().stream().anyMatch(ours::contains) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertFalse(readers().stream().anyMatch(ours::contains), "the reader still runs");
      assertEquals(0, client.connectionPool().connectionCount());
    }
  }

  /** The threads running a client HTTP/2 connection's reader now (not MockWebServer's). */
  private static Set<Thread> readers() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals(READER)))
        .filter(e -> !e.getKey().getName().startsWith("MockWebServer"))
        .map(e -> e.getKey())
        .collect(Collectors.toCollection(HashSet::new));
  }
}
