package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ProxyAuthenticationException;
import dev.spyglass.api.RegistryUnreachableException;
import dev.spyglass.testing.proxy.ForwardProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The clients of {@link ClientFactory} behind proxies named by the environment: the registry is
 * named {@code registry.spyglass.test}, which only the proxy resolves, so an answer proves the
 * proxy carried the request.
 */
class ProxiedClientTest {
  private static final String NAME = "registry.spyglass.test";
  private static final String USER_AGENT = "spyglass/9.9-test";
  private static final String ALICE = basic("alice", "s@cret");
  private final Recording log = new Recording();
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private ClientFactory factory(Map<String, String> env) {
    return new ClientFactory(
        log,
        Duration.ofSeconds(5),
        ClientFactory.IO_TIMEOUT,
        ProxyRules.fromEnvironment(env),
        USER_AGENT);
  }

  @Test
  void plainRequestGoesToHttpProxyWithBasicCredentials() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0); // acts as the HTTP proxy
    server.enqueue(new MockResponse().setBody("{}"));
    ClientFactory clients =
        factory(Map.of("http_proxy", "alice:s%40cret@127.0.0.1:" + server.getPort()));

    try (Response response =
        get(
            clients.forScheme("http", new TlsSettings(true, null)),
            "http://" + NAME + ":5000/v2/")) {
      assertEquals(200, response.code());
    }

    RecordedRequest request = server.takeRequest();
    assertEquals("GET http://" + NAME + ":5000/v2/ HTTP/1.1", request.getRequestLine());
    assertEquals(ALICE, request.getHeader("Proxy-Authorization"));
    assertEquals(USER_AGENT, request.getHeader("User-Agent"));
  }

  @Test
  void eachSchemeSendsTheCredentialsOfItsOwnVariableWhenBothNameOneProxy() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    server.enqueue(new MockResponse().setBody("{}"));
    String at = "@127.0.0.1:" + server.getPort();
    ClientFactory clients =
        factory(Map.of("HTTPS_PROXY", "http://bob:other" + at, "HTTP_PROXY", "alice:s%40cret" + at));

    get(clients.forScheme("http", new TlsSettings(true, null)), "http://" + NAME + "/v2/").close();

    assertEquals(ALICE, server.takeRequest().getHeader("Proxy-Authorization"));
  }

  @Test
  void httpsRequestTunnelsThroughConnectWithBasicCredentialsOnlyToTheProxy() throws Exception {
    HeldCertificate certificate =
        new HeldCertificate.Builder().addSubjectAlternativeName(NAME).build();
    HandshakeCertificates serverCerts =
        new HandshakeCertificates.Builder().heldCertificate(certificate).build();
    server.useHttps(serverCerts.sslSocketFactory(), false);
    server.start(InetAddress.getLoopbackAddress(), 0);
    server.enqueue(new MockResponse().setBody("{}"));
    try (ForwardProxy proxy = new ForwardProxy(Map.of(NAME, "127.0.0.1"), "alice", "s@cret")) {
      ClientFactory clients =
          factory(Map.of("HTTPS_PROXY", "http://alice:s%40cret@127.0.0.1:" + proxy.port()));

      try (Response response =
          get(
              clients.forScheme("https", new TlsSettings(false, null)),
              "https://" + NAME + ":" + server.getPort() + "/v2/")) {
        assertEquals(200, response.code());
      }

      ForwardProxy.Seen connect = proxy.seen().get(0);
      assertEquals("CONNECT", connect.method());
      assertEquals(NAME + ":" + server.getPort(), connect.target());
      assertEquals(ALICE, connect.proxyAuthorization());
      RecordedRequest request = server.takeRequest();
      assertNull(request.getHeader("Proxy-Authorization"), "the registry got the proxy password");
      assertEquals(USER_AGENT, request.getHeader("User-Agent"));
    }
  }

  @Test
  void connectRefusedWith407IsOneExceptionNamingTheProxyWithoutPassword() throws Exception {
    try (ForwardProxy proxy = new ForwardProxy(Map.of(NAME, "127.0.0.1"), "alice", "right")) {
      ClientFactory clients =
          factory(Map.of("HTTPS_PROXY", "http://alice:wrong-pw@127.0.0.1:" + proxy.port()));

      ProxyAuthenticationException e =
          assertThrows(
              ProxyAuthenticationException.class,
              () ->
                  get(
                      clients.forScheme("https", new TlsSettings(true, null)),
                      "https://" + NAME + "/v2/"));

      assertEquals(
          "proxy \"http://alice:<redacted>@127.0.0.1:"
              + proxy.port()
              + "\" (from HTTPS_PROXY) refused the credentials in its URL for \""
              + NAME
              + ":443\" (HTTP 407)",
          e.getMessage());
      assertTrue(e.credentialsSent());
      assertEquals(1, proxy.seen().size(), "a refused CONNECT was tried again");
    }
  }

  @Test
  void plainRequestRefusedWith407SaysCredentialsAreNeeded() throws Exception {
    try (ForwardProxy proxy = new ForwardProxy(Map.of(NAME, "127.0.0.1"), "alice", "right")) {
      ClientFactory clients = factory(Map.of("HTTP_PROXY", "127.0.0.1:" + proxy.port()));

      ProxyAuthenticationException e =
          assertThrows(
              ProxyAuthenticationException.class,
              () ->
                  get(
                      clients.forScheme("http", new TlsSettings(true, null)),
                      "http://" + NAME + "/v2/"));

      assertFalse(e.credentialsSent());
      assertEquals("HTTP_PROXY", e.variable());
      assertTrue(e.getMessage().contains("requires authentication"), e.getMessage());
    }
  }

  @Test
  void loopbackAndNoProxyHostsAreReachedDirectly() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    server.enqueue(new MockResponse().setBody("{}"));
    server.enqueue(new MockResponse().setBody("{}"));
    // A proxy that is not there: any request sent to it fails.
    ClientFactory clients =
        factory(Map.of("HTTP_PROXY", "http://127.0.0.1:1", "NO_PROXY", "localhost.localdomain"));
    OkHttpClient client = clients.forScheme("http", new TlsSettings(true, null));

    try (Response response = get(client, "http://127.0.0.1:" + server.getPort() + "/v2/")) {
      assertEquals(200, response.code());
    }
    try (Response response = get(client, "http://localhost:" + server.getPort() + "/v2/")) {
      assertEquals(200, response.code());
    }
    assertEquals(USER_AGENT, server.takeRequest().getHeader("User-Agent"));
  }

  @Test
  void aProxyThatRefusesConnectionsIsNamedAsWhatIsUnreachable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    ClientFactory clients = factory(Map.of("HTTPS_PROXY", "http://u:secret@127.0.0.1:" + closed));

    RegistryUnreachableException e =
        assertThrows(
            RegistryUnreachableException.class,
            () ->
                get(
                    clients.forScheme("https", new TlsSettings(true, null)),
                    "https://" + NAME + "/v2/"));

    assertEquals(
        "registry \""
            + NAME
            + ":443\" is unreachable: its proxy \"http://u:<redacted>@127.0.0.1:"
            + closed
            + "\" (from HTTPS_PROXY) refused the connection",
        e.getMessage());
  }

  @Test
  void proxyItCannotSpeakToFailsTheRequestClearly() throws Exception {
    ClientFactory clients = factory(Map.of("HTTPS_PROXY", "https://u:secret@proxy.corp:443"));

    ImageException e =
        assertThrows(
            ImageException.class,
            () ->
                get(
                    clients.forScheme("https", new TlsSettings(true, null)),
                    "https://" + NAME + "/v2/"));

    assertEquals(
        "proxy \"https://u:<redacted>@proxy.corp:443\" (from HTTPS_PROXY): proxies spoken to"
            + " over TLS (https://) are not supported; use an http:// proxy (https:// registries"
            + " still go through it with CONNECT, end to end encrypted); cannot reach \""
            + NAME
            + "\"",
        e.getMessage());
  }

  @Test
  void debugNamesTheProxyWithoutItsPassword() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    server.enqueue(new MockResponse().setBody("{}"));
    ClientFactory clients =
        factory(Map.of("HTTP_PROXY", "http://alice:s3cret-pw@127.0.0.1:" + server.getPort()));

    get(clients.forScheme("http", new TlsSettings(true, null)), "http://" + NAME + "/v2/").close();

    String logged = log.text();
    assertTrue(
        logged.contains("through proxy \"http://alice:<redacted>@127.0.0.1:" + server.getPort()),
        logged);
    assertTrue(logged.contains("Proxy-Authorization: Basic <redacted>"), logged);
    assertFalse(logged.contains("s3cret-pw"), logged);
    assertFalse(logged.contains(ALICE.substring(6)), logged);
  }

  @Test
  void tlsProbeIsSkippedForAProxiedHost() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    // A plain-HTTP server the probe recognises when it connects to it.
    try (ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread answering =
          new Thread(
              () -> {
                while (!plain.isClosed()) {
                  try (Socket s = plain.accept()) {
                    accepted.incrementAndGet();
                    s.getOutputStream()
                        .write(
                            "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      answering.start();
      ClientFactory direct = factory(Map.of());
      ClientFactory proxied =
          factory(Map.of("HTTPS_PROXY", "127.0.0.1:1", "NO_PROXY", "other.example"));

      assertTrue(direct.answersPlainHttp("127.0.0.1", plain.getLocalPort()));
      assertFalse(proxied.answersPlainHttp(NAME, plain.getLocalPort()));
      assertEquals(1, accepted.get(), "the probe connected around the proxy");
      assertTrue(proxied.answersPlainHttp("127.0.0.1", plain.getLocalPort()), "loopback is direct");
    }
  }

  @Test
  void standardUserAgentNamesSpyglassAndItsVersion() {
    assertTrue(UserAgent.standard().matches("spyglass/[^\\s/]+"), UserAgent.standard());
  }

  private static Response get(OkHttpClient client, String url) throws IOException {
    return client.newCall(new Request.Builder().url(url).build()).execute();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Keeps every message, at every level. */
  private static final class Recording implements System.Logger {
    private final java.util.List<String> messages =
        new java.util.concurrent.CopyOnWriteArrayList<>();

    String text() {
      return String.join("\n", messages);
    }

    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
      messages.add(msg);
    }

    @Override
    public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
      messages.add(java.text.MessageFormat.format(format, params));
    }
  }
}
