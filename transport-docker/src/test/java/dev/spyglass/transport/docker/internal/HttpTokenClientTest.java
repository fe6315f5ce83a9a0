package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.UnexpectedStatusException;
import dev.spyglass.auth.TokenRequest;
import dev.spyglass.auth.TokenResponse;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTokenClientTest {
  private static final ClientFactory clients = new ClientFactory(System.getLogger("test"));
  private static final RetryPolicy FAST =
      new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofSeconds(10));
  private final HttpTokenClient tokens =
      new HttpTokenClient(
          "r.example",
          new TlsSettings(true, null),
          clients,
          new Traffic(FAST, Timing.SYSTEM, System.getLogger("test")),
          FAST);
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private URI realm(String path) {
    return URI.create("http://127.0.0.1:" + server.getPort() + path);
  }

  @Test
  void asksTheRealmWithServiceEveryScopeAndBasicCredentials() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"token\":\"t1\",\"expires_in\":300,\"issued_at\":\"2024-01-02T03:04:05Z\"}"));

    TokenResponse response =
        tokens.fetch(
            new TokenRequest(
                realm("/token?x=1"),
                "svc",
                List.of("repository:a:pull", "repository:b:pull"),
                new Credentials("alice", "pw")));

    RecordedRequest request = server.takeRequest();
    assertEquals("GET", request.getMethod());
    assertEquals("1", request.getRequestUrl().queryParameter("x"));
    assertEquals("svc", request.getRequestUrl().queryParameter("service"));
    assertEquals(
        List.of("repository:a:pull", "repository:b:pull"),
        request.getRequestUrl().queryParameterValues("scope"));
    assertEquals("alice", request.getRequestUrl().queryParameter("account"));
    assertEquals(okhttp3.Credentials.basic("alice", "pw"), request.getHeader("Authorization"));
    assertEquals("t1", response.token());
    assertEquals(Duration.ofSeconds(300), response.expiresIn());
    assertEquals(Optional.of(Instant.parse("2024-01-02T03:04:05Z")), response.issuedAt());
  }

  @Test
  void asksAnonymouslyWithoutServiceWhenThereIsNone() throws Exception {
    server.enqueue(new MockResponse().setBody("{\"access_token\":\"t2\"}"));

    TokenResponse response =
        tokens.fetch(new TokenRequest(realm("/token"), "", List.of("repository:a:pull"), null));

    RecordedRequest request = server.takeRequest();
    assertEquals("/token?scope=repository%3Aa%3Apull", request.getPath());
    assertNull(request.getHeader("Authorization"));
    assertEquals("t2", response.token());
    assertEquals(HttpTokenClient.MIN_LIFETIME, response.expiresIn());
  }

  @Test
  void exchangesAnIdentityTokenAndFallsBackToGetWithoutOAuth2() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(404));
    server.enqueue(new MockResponse().setBody("{\"token\":\"t3\",\"expires_in\":10}"));

    TokenResponse response =
        tokens.fetch(
            new TokenRequest(
                realm("/token"),
                "svc",
                List.of("repository:a:pull"),
                new Credentials("<token>", "refresh")));

    RecordedRequest post = server.takeRequest();
    assertEquals("POST", post.getMethod());
    String form = post.getBody().readUtf8();
    assertTrue(
        form.contains("grant_type=refresh_token")
            && form.contains("refresh_token=refresh")
            && form.contains("client_id=spyglass"),
        form);
    RecordedRequest get = server.takeRequest();
    assertEquals("GET", get.getMethod());
    assertEquals(okhttp3.Credentials.basic("<token>", "refresh"), get.getHeader("Authorization"));
    assertEquals("t3", response.token());
    assertEquals(HttpTokenClient.MIN_LIFETIME, response.expiresIn(), "never shorter than 60 s");
  }

  @Test
  void reportsARefusalWithoutTheSecret() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setBody("{\"details\":\"wrong password s3cr3t-pw\"}"));

    AuthenticationException e =
        assertThrows(
            AuthenticationException.class,
            () ->
                tokens.fetch(
                    new TokenRequest(
                        realm("/token"), "svc", List.of(), new Credentials("alice", "s3cr3t-pw"))));

    assertTrue(e.credentialsSent());
    assertEquals("r.example", e.registry());
    assertFalse(e.getMessage().contains("s3cr3t-pw"), e.getMessage());
  }

  @Test
  void retriesATokenRequestTheServerCouldNotAnswer() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503).setBody("down"));
    server.enqueue(new MockResponse().setResponseCode(502).setBody("still down"));
    server.enqueue(new MockResponse().setBody("{\"token\":\"t1\",\"expires_in\":300}"));

    TokenResponse token =
        tokens.fetch(new TokenRequest(realm("/token"), "svc", List.of(), null));

    assertEquals("t1", token.token());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void doesNotRetryATokenRequestTheServerRefused() {
    server.enqueue(new MockResponse().setResponseCode(401).setBody("no"));
    server.enqueue(new MockResponse().setBody("{\"token\":\"t1\"}"));

    assertThrows(
        AuthenticationException.class,
        () ->
            tokens.fetch(
                new TokenRequest(realm("/token"), "svc", List.of(), new Credentials("a", "b"))));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void reportsAnUnexpectedStatus() {
    for (int i = 0; i < FAST.attempts(); i++) {
      server.enqueue(new MockResponse().setResponseCode(503).setBody("down"));
    }

    UnexpectedStatusException e =
        assertThrows(
            UnexpectedStatusException.class,
            () -> tokens.fetch(new TokenRequest(realm("/token"), "svc", List.of(), null)));

    assertEquals(503, e.status());
    assertTrue(
        e.getMessage()
            .startsWith("GET token from \"http://127.0.0.1:" + server.getPort() + "/token\""),
        e.getMessage());
  }

  @Test
  void refusesAnswersWithoutAToken() {
    server.enqueue(new MockResponse().setBody("{\"expires_in\":300}"));
    server.enqueue(new MockResponse().setBody("<html>not json"));

    ImageException missing =
        assertThrows(
            ImageException.class,
            () -> tokens.fetch(new TokenRequest(realm("/t"), "", List.of(), null)));
    ImageException garbage =
        assertThrows(
            ImageException.class,
            () -> tokens.fetch(new TokenRequest(realm("/t"), "", List.of(), null)));

    assertTrue(missing.getMessage().contains("answered without a token"), missing.getMessage());
    assertTrue(garbage.getMessage().contains("not a token response"), garbage.getMessage());
  }

  @Test
  void refusesATokenBodyOverItsLimit() {
    server.enqueue(
        new MockResponse()
            .setBody("{\"token\":\"" + "x".repeat(HttpTokenClient.MAX_BYTES) + "\"}"));

    ImageException e =
        assertThrows(
            ImageException.class,
            () -> tokens.fetch(new TokenRequest(realm("/t"), "", List.of(), null)));

    assertTrue(e.getMessage().contains("more than the limit of 1048576 bytes"), e.getMessage());
  }

  @Test
  void refusesARealmThatIsNotHttp() {
    ImageException e =
        assertThrows(
            ImageException.class,
            () ->
                tokens.fetch(
                    new TokenRequest(URI.create("file:///etc/passwd"), "", List.of(), null)));

    assertTrue(e.getMessage().contains("is not an http(s) URL"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }
}
