package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.TlsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckLoginTest {
  private static final String PASSWORD = "right-pa55word";
  private static final String TOKEN = "tok.eyJsb2dpbiI6dHJ1ZX0.sig";

  private final RecordingLogger log = new RecordingLogger();
  private final DockerTransport transport = Registries.transport(log);
  private MockWebServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private String registry() {
    return "127.0.0.1:" + server.getPort();
  }

  /** A registry at {@code /v2/} that wants {@code alice:PASSWORD} over Basic. */
  private static Dispatcher basicRegistry() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (!request.getPath().equals("/v2/")) {
          return new MockResponse().setResponseCode(404);
        }
        if (basic("alice", PASSWORD).equals(request.getHeader("Authorization"))) {
          return new MockResponse().setBody("{}");
        }
        return new MockResponse()
            .setResponseCode(401)
            .setHeader("WWW-Authenticate", "Basic realm=\"test\"")
            .setBody(
                "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
      }
    };
  }

  /**
   * A registry whose {@code /v2/} wants a Bearer token (its challenge names no scope, as
   * distribution's does) from {@code /token}, which gives one to {@code alice:PASSWORD} only.
   */
  private Dispatcher tokenRegistry() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getPath().startsWith("/token")) {
          if (!basic("alice", PASSWORD).equals(request.getHeader("Authorization"))) {
            return new MockResponse()
                .setResponseCode(401)
                .setBody("{\"details\":\"incorrect username or password\"}");
          }
          return new MockResponse()
              .setHeader("Content-Type", "application/json")
              .setBody("{\"token\":\"" + TOKEN + "\",\"expires_in\":300}");
        }
        if (("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
          return new MockResponse().setBody("{}");
        }
        return new MockResponse()
            .setResponseCode(401)
            .setHeader(
                "WWW-Authenticate",
                "Bearer realm=\"https://127.0.0.1:"
                    + server.getPort()
                    + "/token\",service=\"test-registry\"");
      }
    };
  }

  /**
   * The next request to {@code /v2/}, skipping what the plain-HTTP probe (a TLS ClientHello sent
   * when TLS verification is off) left in the server's record.
   */
  private RecordedRequest takeApiRequest() throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      if (request != null && "/v2/".equals(request.getPath())) {
        return request;
      }
    }
    throw new AssertionError("no request to /v2/");
  }

  private static ImageOptions plainHttp(String password) {
    return Registries.withCredentials("alice", password);
  }

  private static ImageOptions tls(String password) throws Exception {
    return TestTls.options().credentials(new Credentials("alice", password)).build();
  }

  @Test
  void basicRegistryAcceptsTheRightPasswordOverPlainHttpWhenTlsVerificationIsOff()
      throws Exception {
    server = Registries.start();
    server.setDispatcher(basicRegistry());

    transport.checkLogin(registry(), plainHttp(PASSWORD));

    RecordedRequest first = takeApiRequest();
    assertNull(first.getHeader("Authorization"), "nothing sent before the challenge");
    assertEquals(basic("alice", PASSWORD), takeApiRequest().getHeader("Authorization"));
  }

  @Test
  void basicRegistryRefusingThePasswordIsAnAuthenticationFailure() throws Exception {
    server = Registries.start();
    server.setDispatcher(basicRegistry());

    AuthenticationException e =
        assertThrows(
            AuthenticationException.class,
            () -> transport.checkLogin(registry(), plainHttp("wrong-pa55word")));

    assertTrue(e.credentialsSent());
    assertEquals(401, e.status());
    assertEquals(registry(), e.registry());
    assertEquals("", e.repository());
    assertFalse(e.getMessage().contains("wrong-pa55word"), e.getMessage());
    takeApiRequest();
    takeApiRequest();
    assertNull(server.takeRequest(100, TimeUnit.MILLISECONDS), "the challenge is answered once");
    assertFalse(log.all().contains("wrong-pa55word"));
  }

  @Test
  void registryWantingCredentialsWhenNoneAreGivenSaysSo() throws Exception {
    server = Registries.start();
    server.setDispatcher(basicRegistry());

    AuthenticationException e =
        assertThrows(
            AuthenticationException.class,
            () -> transport.checkLogin(registry(), Registries.insecure()));

    assertFalse(e.credentialsSent());
  }

  @Test
  void tokenRegistryAcceptsTheRightPasswordWithAnUnscopedToken() throws Exception {
    server = TestTls.https();
    server.setDispatcher(tokenRegistry());

    transport.checkLogin(registry(), tls(PASSWORD));

    assertEquals(3, server.getRequestCount(), "challenge, token, /v2/ again");
    assertNull(server.takeRequest().getHeader("Authorization"));
    RecordedRequest token = server.takeRequest();
    assertEquals("test-registry", token.getRequestUrl().queryParameter("service"));
    assertNull(token.getRequestUrl().queryParameter("scope"), "the challenge named no scope");
    assertEquals(basic("alice", PASSWORD), token.getHeader("Authorization"));
    RecordedRequest again = server.takeRequest();
    assertEquals("/v2/", again.getPath());
    assertEquals("Bearer " + TOKEN, again.getHeader("Authorization"));
  }

  @Test
  void tokenServerRefusingThePasswordIsAnAuthenticationFailure() throws Exception {
    server = TestTls.https();
    server.setDispatcher(tokenRegistry());

    AuthenticationException e =
        assertThrows(
            AuthenticationException.class,
            () -> transport.checkLogin(registry(), tls("wrong-pa55word")));

    assertTrue(e.credentialsSent());
    assertEquals(401, e.status());
    assertFalse(e.getMessage().contains("wrong-pa55word"), e.getMessage());
  }

  @Test
  void verifiedTlsRefusesAnUntrustedCertificate() throws Exception {
    server = TestTls.https();
    server.setDispatcher(tokenRegistry());
    ImageOptions untrusted =
        Registries.options().credentials(new Credentials("alice", PASSWORD)).build();

    assertThrows(TlsException.class, () -> transport.checkLogin(registry(), untrusted));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void registryThatDoesNotChallengeAcceptsAnyone() throws Exception {
    server = Registries.start();
    server.enqueue(new MockResponse().setBody("{}"));

    assertDoesNotThrow(() -> transport.checkLogin(registry(), plainHttp("anything")));
    assertNull(takeApiRequest().getHeader("Authorization"));
  }

  @Test
  void hostWithoutARegistryApiIsNotFound() throws Exception {
    server = Registries.start();
    server.enqueue(new MockResponse().setResponseCode(404).setBody("<html>nope</html>"));

    NotFoundException e =
        assertThrows(
            NotFoundException.class, () -> transport.checkLogin(registry(), plainHttp(PASSWORD)));

    assertTrue(e.getMessage().contains("registry API \"" + registry() + "/v2/\""), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "https://registry.example", "registry.example/ns", "bad_host", "h:port"})
  void refusesARegistryThatIsNotHostAndPort(String registry) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> transport.checkLogin(registry, Registries.insecure()));

    assertTrue(e.getMessage().startsWith("invalid registry \"" + registry + "\""), e.getMessage());
  }
}
