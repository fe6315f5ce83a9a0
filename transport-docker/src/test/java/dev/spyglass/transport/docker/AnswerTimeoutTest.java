package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.RegistryUnreachableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A registry that answers {@code /v2/} but never the manifest: the request timed out, the registry
 * was not unreachable.
 */
class AnswerTimeoutTest {
  private final RecordingLogger log = new RecordingLogger();
  private final DockerTransport transport = Registries.transport(log, Duration.ofMillis(500));
  private MockWebServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static Dispatcher silentOnManifests() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (!Registries.isHttp(request)) {
          return new MockResponse().setResponseCode(400);
        }
        if ("/v2/".equals(request.getPath())) {
          return new MockResponse().setBody("{}");
        }
        return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
      }
    };
  }

  private void assertTimedOutWaitingForTheManifest(ImageOptions options) throws Exception {
    transport.checkLogin("127.0.0.1:" + server.getPort(), options); // the registry answers /v2/
    assertManifestTimesOut(options);
  }

  private void assertManifestTimesOut(ImageOptions options) throws Exception {
    String registry = "127.0.0.1:" + server.getPort();
    ImageSource source =
        transport
            .parseReference(Registries.reference(server, "ns/app:1.0"))
            .newImageSource(options);

    ImageException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> assertThrows(ImageException.class, source::manifest));

    assertFalse(e instanceof RegistryUnreachableException, e.toString());
    assertEquals(
        "timed out waiting for the answer to GET manifest \""
            + registry
            + "/ns/app:1.0\" from registry \""
            + registry
            + "\" (none in 500 ms)",
        e.getMessage());
    assertTrue(
        server.getRequestCount() >= 1, "the manifest request reached the registry: " + server);
  }

  @Test
  void aManifestNeverAnsweredOverPlainHttpIsATimeoutNotAnUnreachableRegistry() throws Exception {
    server = Registries.start();
    server.setDispatcher(silentOnManifests());

    assertTimedOutWaitingForTheManifest(Registries.insecure());
  }

  @Test
  void aManifestNeverAnsweredOverHttpsIsATimeoutWithoutFallingBackToPlainHttp() throws Exception {
    server = TestTls.https();
    server.setDispatcher(silentOnManifests());

    assertTimedOutWaitingForTheManifest(TestTls.options().build());
    server.close();
    List<Boolean> handshakes = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      RecordedRequest request = server.takeRequest();
      handshakes.add(request.getHandshake() != null);
    }
    assertFalse(handshakes.contains(false), "every request went over TLS: " + handshakes);
  }

  @Test
  void anInsecureHttpsRegistryThatNeverAnswersIsNotRetriedOverPlainHttp() throws Exception {
    server = TestTls.https();
    server.setDispatcher(silentOnManifests());

    // The first request to the registry: HTTPS failing below HTTP would be tried in plain HTTP.
    assertManifestTimesOut(Registries.insecure());
    assertFalse(log.all().contains("trying plain HTTP"), log.all());
  }
}
