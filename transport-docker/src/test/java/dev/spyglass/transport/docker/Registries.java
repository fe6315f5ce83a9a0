package dev.spyglass.transport.docker;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.auth.ResolvedCredentials;
import dev.spyglass.testing.OpaqueManifestFormat;
import dev.spyglass.testing.registry.RegistryDispatcher;
import dev.spyglass.transport.docker.internal.RegistryClients;
import dev.spyglass.transport.docker.internal.RetryPolicy;
import dev.spyglass.transport.docker.internal.Traffic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;

/** Builds transports whose registry clients are private to a test and log to a recording logger. */
final class Registries {
  private Registries() {}

  /**
   * The default retry policy, except that its waits pass in {@link FakeTiming} (tests see how
   * long it would have waited, and do not wait).
   */
  static final RetryPolicy RETRIES = RetryPolicy.defaults();

  /** Every message the shared transport logged, for assertions that hold for the whole run. */
  static final RecordingLogger SHARED_LOG = new RecordingLogger();

  /** One transport for the tests of a JVM, as one CLI run shares one: clients are per registry. */
  static final DockerTransport SHARED = transport(SHARED_LOG);

  /**
   * A server on 127.0.0.1, started. With TLS verification off the client first sends it a TLS
   * ClientHello (a probe, then an HTTPS attempt), which MockWebServer now and then parses as a
   * request line when its random bytes hold two spaces before a newline: such a request is
   * answered 400, as a plain-HTTP server answers TLS, and does not take the response a test
   * enqueued for the request after it (it did: the test then waited 60 s for an answer).
   */
  static MockWebServer start() throws java.io.IOException {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(new HttpOnlyQueueDispatcher());
    server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  /** Whether MockWebServer made {@code request} of an HTTP request line, not of TLS bytes. */
  static boolean isHttp(RecordedRequest request) {
    return RegistryDispatcher.isHttp(request);
  }

  private static final class HttpOnlyQueueDispatcher extends QueueDispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      return isHttp(request) ? super.dispatch(request) : new MockResponse().setResponseCode(400);
    }
  }

  /** A transport with its own client cache; credentials come from the options only. */
  static DockerTransport transport(RecordingLogger log) {
    return transport(log, new FakeTiming(Instant.parse("2026-01-01T00:00:00Z")));
  }

  /** As {@link #transport(RecordingLogger)}, retrying in {@code timing}. */
  static DockerTransport transport(RecordingLogger log, FakeTiming timing) {
    return new DockerTransport(
        new RegistryClients(
            (options, registry) ->
                options.credentials().map(c -> new ResolvedCredentials(c, "test options")),
            Clock.systemUTC(),
            log,
            Duration.ofMillis(300),
            new Traffic(RETRIES, timing, log)));
  }

  /** Enqueues {@code response} as often as a request is tried before its failure is final. */
  static void enqueueEveryTry(MockWebServer server, MockResponse response) {
    for (int i = 0; i < RETRIES.attempts(); i++) {
      server.enqueue(response.clone());
    }
  }

  /** {@link #transport(RecordingLogger)} whose reads and writes wait at most {@code ioTimeout}. */
  static DockerTransport transport(RecordingLogger log, Duration ioTimeout) {
    return new DockerTransport(
        new RegistryClients(
            (options, registry) ->
                options.credentials().map(c -> new ResolvedCredentials(c, "test options")),
            Clock.systemUTC(),
            log,
            Duration.ofMillis(300),
            ioTimeout));
  }

  static ImageOptions.Builder options() {
    return ImageOptions.builder().formats(OpaqueManifestFormat.all());
  }

  static ImageOptions insecure() {
    return options().tlsVerify(false).build();
  }

  static ImageOptions withCredentials(String user, String secret) {
    return options().tlsVerify(false).credentials(new Credentials(user, secret)).build();
  }

  /** {@code //127.0.0.1:PORT/} + {@code name}, the reference of an image on {@code server}. */
  static String reference(MockWebServer server, String name) {
    return "//127.0.0.1:" + server.getPort() + "/" + name;
  }
}
