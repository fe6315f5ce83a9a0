package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spyglass.api.ImageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Requests that reach a registry together before its scheme is known (the images of an inspect
 * batch, a sync's jobs) wait for the first one's TLS probe instead of each probing the registry.
 */
class SchemeProbeTest {
  private static final int REQUESTS = 8;

  @Test
  void concurrentFirstRequestsProbeTheSchemeOnce() throws Exception {
    RecordingLogger log = new RecordingLogger();
    DockerTransport transport = Registries.transport(log);
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              if (!Registries.isHttp(request)) {
                return new MockResponse().setResponseCode(400); // as a plain-HTTP server answers TLS
              }
              return new MockResponse()
                  .setHeader("Content-Type", "application/json")
                  .setBody("{\"name\":\"ns/app\",\"tags\":[\"1\"]}");
            }
          });
      server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
          String name = Registries.reference(server, "ns/app" + i + ":1");
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    try (ImageSource source =
                        transport.parseReference(name).newImageSource(Registries.insecure())) {
                      return source.tags();
                    }
                  }));
        }
        start.countDown();
        for (Future<List<String>> result : results) {
          assertEquals(List.of("1"), result.get(30, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    // MockWebServer may answer the probe's ClientHello (400) or time it out; either way the scheme
    // search logs one line: "answered a TLS ClientHello in plain HTTP" or "HTTPS failed (...)".
    long searches =
        log.messages().stream()
            .filter(m -> m.contains("answered a TLS ClientHello") || m.contains("HTTPS failed"))
            .count();
    assertEquals(1, searches, log.all());
  }
}
