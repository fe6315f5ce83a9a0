package dev.spyglass.transport.docker;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.auth.ResolvedCredentials;
import dev.spyglass.transport.docker.internal.RegistryClients;
import java.time.Clock;
import java.time.Duration;
import okhttp3.mockwebserver.MockWebServer;

/** Builds transports whose registry clients are private to a test and log to a recording logger. */
final class Registries {
  private Registries() {}

  /** Every message the shared transport logged, for assertions that hold for the whole run. */
  static final RecordingLogger SHARED_LOG = new RecordingLogger();

  /** One transport for the tests of a JVM, as one CLI run shares one: clients are per registry. */
  static final DockerTransport SHARED = transport(SHARED_LOG);

  /** A server on 127.0.0.1, started. */
  static MockWebServer start() throws java.io.IOException {
    MockWebServer server = new MockWebServer();
    server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  /** A transport with its own client cache; credentials come from the options only. */
  static DockerTransport transport(RecordingLogger log) {
    return new DockerTransport(
        new RegistryClients(
            (options, registry) ->
                options.credentials().map(c -> new ResolvedCredentials(c, "test options")),
            Clock.systemUTC(),
            log,
            Duration.ofMillis(300)));
  }

  static ImageOptions.Builder options() {
    return ImageOptions.builder().formats(TestFormats.all());
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
