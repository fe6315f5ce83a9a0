package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RegistryUnreachableException;
import dev.spyglass.api.UnexpectedStatusException;
import java.util.List;
import okhttp3.Protocol;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorTranslationTest {
  private static final DockerTransport transport = Registries.SHARED;
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestTls.https();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ImageSource open() throws Exception {
    return transport
        .parseReference(Registries.reference(server, "ns/app:1.0"))
        .newImageSource(TestTls.options().build());
  }

  private String name() {
    return "127.0.0.1:" + server.getPort() + "/ns/app";
  }

  private static MockResponse error(int status, String code, String message) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .setBody(
            "{\"errors\":[{\"code\":\""
                + code
                + "\",\"message\":\""
                + message
                + "\",\"detail\":{\"x\":[1,2]}}]}");
  }

  @Test
  void reportsAnUnknownManifestAsAManifestNotFound() throws Exception {
    server.enqueue(error(404, "MANIFEST_UNKNOWN", "manifest unknown"));

    NotFoundException e = assertThrows(NotFoundException.class, open()::manifest);

    assertEquals("manifest", e.kind());
    assertEquals(name() + ":1.0", e.reference());
    assertEquals(
        "manifest \"" + name() + ":1.0\" not found (MANIFEST_UNKNOWN: manifest unknown)",
        e.getMessage());
  }

  @Test
  void reportsAnUnknownNameAsARepositoryNotFound() throws Exception {
    server.enqueue(error(404, "NAME_UNKNOWN", "repository name not known to registry"));

    NotFoundException e = assertThrows(NotFoundException.class, open()::manifest);

    assertEquals("repository", e.kind());
    assertEquals(name(), e.reference());
  }

  @Test
  void reportsAPlainTextNotFoundByTheEndpoint() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setHeader("Content-Type", "text/plain; charset=utf-8")
            .setBody("404 page not found\n"));

    NotFoundException e = assertThrows(NotFoundException.class, open()::manifest);

    assertEquals("manifest", e.kind());
    assertTrue(e.getMessage().endsWith("not found (404 page not found)"), e.getMessage());
  }

  @Test
  void reportsTooManyRequestsWithTheRegistryCode() throws Exception {
    Registries.enqueueEveryTry(
        server, error(429, "TOOMANYREQUESTS", "You have reached your pull rate limit."));

    UnexpectedStatusException e = assertThrows(UnexpectedStatusException.class, open()::manifest);

    assertEquals(429, e.status());
    assertEquals("TOOMANYREQUESTS", e.errorCode());
    assertEquals(
        "GET manifest \""
            + name()
            + ":1.0\" from registry \"127.0.0.1:"
            + server.getPort()
            + "\" failed with HTTP 429 TOOMANYREQUESTS: You have reached your pull rate limit.",
        e.getMessage());
  }

  @Test
  void reportsAServerErrorWithAHostileBodyShortAndClean() throws Exception {
    String hostile = "<html>\u001b[2J\u001b]0;pwned\u0007" + "A".repeat(200_000) + "</html>";
    Registries.enqueueEveryTry(
        server,
        new MockResponse()
            .setResponseCode(500)
            .setHeader("Content-Type", "text/html")
            .setBody(hostile));

    UnexpectedStatusException e = assertThrows(UnexpectedStatusException.class, open()::tags);

    assertEquals(500, e.status());
    assertEquals("", e.errorCode());
    assertTrue(e.getMessage().length() < 500, e.getMessage());
    assertTrue(e.getMessage().contains("failed with HTTP 500: <html>"), e.getMessage());
    assertFalse(e.getMessage().chars().anyMatch(Character::isISOControl), e.getMessage());
  }

  @Test
  void quotesABodyThatIsJsonButNotARegistryErrorAsText() throws Exception {
    Registries.enqueueEveryTry(
        server, new MockResponse().setResponseCode(503).setBody("{\"errors\":\"not a list\"}"));

    UnexpectedStatusException e = assertThrows(UnexpectedStatusException.class, open()::manifest);

    assertEquals("", e.errorCode());
    assertTrue(
        e.getMessage().endsWith("failed with HTTP 503: {\"errors\":\"not a list\"}"),
        e.getMessage());
  }

  @Test
  void survivesADeeplyNestedErrorBody() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"a\":".repeat(20_000)));

    UnexpectedStatusException e = assertThrows(UnexpectedStatusException.class, open()::manifest);

    assertEquals(400, e.status());
  }

  @Test
  void reportsAConnectionClosedBeforeAnyAnswerAsUnreachable() throws Exception {
    server.setProtocols(List.of(Protocol.HTTP_1_1));
    for (int i = 0; i < 4 * Registries.RETRIES.attempts(); i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }

    RegistryUnreachableException e =
        assertThrows(RegistryUnreachableException.class, open()::manifest);

    assertEquals("127.0.0.1:" + server.getPort(), e.registry());
    assertTrue(e.getMessage().contains("closed before the registry answered"), e.getMessage());
  }

  @Test
  void reportsARefusedConnectionAsUnreachable() throws Exception {
    server.close(); // nothing listens on its port any more

    RegistryUnreachableException e =
        assertThrows(RegistryUnreachableException.class, open()::manifest);

    assertTrue(e.getMessage().endsWith("is unreachable: connection refused"), e.getMessage());
  }

  @Test
  void reportsAConnectionLostWhileReadingAManifest() throws Exception {
    server.setProtocols(List.of(Protocol.HTTP_1_1));
    Registries.enqueueEveryTry(
        server,
        new MockResponse()
            .setHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json")
            .setBody("{\"schemaVersion\":2" + " ".repeat(100_000) + "}")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    ImageException e = assertThrows(ImageException.class, open()::manifest);

    assertInstanceOf(ImageException.class, e);
    assertTrue(e.getMessage().startsWith("reading the response to GET manifest"), e.getMessage());
  }
}
