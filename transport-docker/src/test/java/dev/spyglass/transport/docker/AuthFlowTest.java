package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.transport.docker.internal.RegistryClients;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthFlowTest {
  private static final String TOKEN = "tok.eyJzZWNyZXQiOiJ0b2tlbiJ9.sig";
  private static final String PASSWORD = "hunter2-pa55word";

  private static final RecordingLogger log = Registries.SHARED_LOG;
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

  private ImageSource open(String name, ImageOptions options) throws Exception {
    return transport.parseReference(Registries.reference(server, name)).newImageSource(options);
  }

  private ImageOptions anonymous() throws Exception {
    return TestTls.options().build();
  }

  private ImageOptions alice() throws Exception {
    return TestTls.options().credentials(new Credentials("alice", PASSWORD)).build();
  }

  private static void inspect(ImageSource source) throws Exception {
    source.manifest();
    try (InputStream in =
        source.blob(
            Descriptor.of(
                MediaType.OCI_CONFIG,
                Digest.sha256(TokenRegistry.CONFIG),
                TokenRegistry.CONFIG.length))) {
      in.readAllBytes();
    }
    assertEquals(List.of("1", "2"), source.tags());
  }

  @Test
  void inspectsBehindTokenAuthInFiveRequests() throws Exception {
    TokenRegistry registry = new TokenRegistry(server, TOKEN);

    inspect(open("ns/app:1", anonymous()));

    assertEquals(5, server.getRequestCount(), "first 401, token, manifest, config, tags");
    RecordedRequest first = server.takeRequest();
    assertEquals("/v2/ns/app/manifests/1", first.getPath());
    assertNull(first.getHeader("Authorization"));
    RecordedRequest token = server.takeRequest();
    assertEquals(
        "/token?service=test-registry&scope=repository%3Ans%2Fapp%3Apull", token.getPath());
    assertNull(token.getHeader("Authorization"), "anonymous token");
    for (int i = 0; i < 3; i++) {
      assertEquals("Bearer " + TOKEN, server.takeRequest().getHeader("Authorization"));
    }
    assertEquals(1, registry.tokens.get());
  }

  @Test
  void sendsCredentialsToTheTokenServerOnly() throws Exception {
    new TokenRegistry(server, TOKEN);

    open("app:1", alice()).manifest();

    server.takeRequest();
    RecordedRequest token = server.takeRequest();
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertEquals(basic, token.getHeader("Authorization"));
    assertEquals("alice", token.getRequestUrl().queryParameter("account"));
    assertEquals("Bearer " + TOKEN, server.takeRequest().getHeader("Authorization"));
  }

  @Test
  void exchangesAnIdentityTokenWithAnOAuth2Post() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader(
                "WWW-Authenticate",
                "Bearer realm=\"https://127.0.0.1:"
                    + server.getPort()
                    + "/oauth\",service=\"svc\""));
    server.enqueue(
        new MockResponse().setBody("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":60}"));
    server.enqueue(
        new MockResponse().setHeader("Content-Type", MediaType.OCI_MANIFEST).setBody("{}"));

    open("app:1", TestTls.options().credentials(new Credentials("", "refresh-abc-123")).build())
        .manifest();

    server.takeRequest();
    RecordedRequest oauth = server.takeRequest();
    assertEquals("POST", oauth.getMethod());
    assertEquals("/oauth", oauth.getPath());
    String form = oauth.getBody().readUtf8();
    assertTrue(form.contains("grant_type=refresh_token"), form);
    assertTrue(form.contains("refresh_token=refresh-abc-123"), form);
    assertTrue(form.contains("service=svc"), form);
    assertTrue(form.contains("scope=repository%3Aapp%3Apull"), form);
    assertEquals("Bearer " + TOKEN, server.takeRequest().getHeader("Authorization"));
  }

  @Test
  void answersABasicChallengeWithTheCredentials() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader("WWW-Authenticate", "Basic realm=\"Registry Realm\""));
    server.enqueue(
        new MockResponse().setHeader("Content-Type", MediaType.OCI_MANIFEST).setBody("{}"));

    open("app:1", alice()).manifest();

    assertNull(server.takeRequest().getHeader("Authorization"));
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertEquals(basic, server.takeRequest().getHeader("Authorization"));
  }

  @Test
  void reportsMissingCredentialsWhenABasicRegistryChallenges() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader("WWW-Authenticate", "Basic realm=\"Registry Realm\""));

    AuthenticationException e =
        assertThrows(AuthenticationException.class, open("app:1", anonymous())::manifest);

    assertFalse(e.credentialsSent());
    assertEquals(401, e.status());
    assertEquals("127.0.0.1:" + server.getPort(), e.registry());
    assertEquals("app", e.repository());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void reportsRefusedCredentialsAfterOneRetryWithoutShowingThem() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse()
              .setResponseCode(401)
              .setHeader("WWW-Authenticate", "Basic realm=\"Registry Realm\"")
              .setBody(
                  "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication"
                      + " required\"}]}"));
    }

    AuthenticationException e =
        assertThrows(AuthenticationException.class, open("app:1", alice())::manifest);

    assertTrue(e.credentialsSent());
    assertEquals(2, server.getRequestCount(), "one retry, then the 401 is final");
    assertTrue(e.getMessage().contains("UNAUTHORIZED: authentication required"), e.getMessage());
    assertFalse(e.getMessage().contains(PASSWORD));
  }

  @Test
  void reportsADeniedRequest() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(403)
            .setBody(
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource"
                    + " is denied\"}]}"));

    AuthenticationException e =
        assertThrows(AuthenticationException.class, open("app:1", alice())::manifest);

    assertEquals(403, e.status());
    assertTrue(e.credentialsSent());
    assertTrue(
        e.getMessage().contains("DENIED: requested access to the resource is denied"),
        e.getMessage());
  }

  @Test
  void reportsATokenServerThatRefusesWithoutEchoingTheSecret() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader(
                "WWW-Authenticate",
                "Bearer realm=\"https://127.0.0.1:"
                    + server.getPort()
                    + "/token\",service=\"svc\""));
    server.enqueue(
        new MockResponse().setResponseCode(401).setBody("bad password " + PASSWORD + " for alice"));

    AuthenticationException e =
        assertThrows(AuthenticationException.class, open("app:1", alice())::manifest);

    assertTrue(e.credentialsSent());
    assertTrue(e.getMessage().contains("token server \"127.0.0.1\""), e.getMessage());
    assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
  }

  @Test
  void sharesConnectionsAndTokensAcrossFiftySourcesOfOneRun() throws Exception {
    TokenRegistry registry = new TokenRegistry(server, TOKEN);

    for (int i = 0; i < 50; i++) {
      try (ImageSource source = open("ns/app:" + i, anonymous())) {
        source.manifest();
      }
    }

    assertEquals(1, registry.tokens.get());
    assertEquals(1, registry.challenges.get());
    assertEquals(52, server.getRequestCount());
    int connections = 0;
    for (int i = 0; i < 52; i++) {
      if (server.takeRequest().getSequenceNumber() == 0) {
        connections++;
      }
    }
    assertEquals(1, connections, "every request reuses the first connection");
  }

  @Test
  void fetchesOneTokenForManySourcesOpenedConcurrently() throws Exception {
    TokenRegistry registry = new TokenRegistry(server, TOKEN);
    ImageOptions options = anonymous();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> inspections = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String name = "ns/app:" + i;
        inspections.add(
            pool.submit(
                () -> {
                  inspect(open(name, options));
                  return null;
                }));
      }
      for (Future<?> inspection : inspections) {
        inspection.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(1, registry.tokens.get());
    assertTrue(
        registry.challenges.get() <= 8, "at most one 401 per thread before the token is known");
  }

  @Test
  void logsTheWireAtDebugWithoutAnySecret() throws Exception {
    new TokenRegistry(server, TOKEN);

    inspect(open("app:1", alice()));

    String logged = log.all();
    assertTrue(
        logged.contains("--> GET https://127.0.0.1:" + server.getPort() + "/v2/app/manifests/1"));
    assertTrue(logged.contains("<-- 401 GET"), logged);
    assertTrue(logged.contains("Authorization: Bearer <redacted>"), logged);
    assertTrue(logged.contains("Authorization: Basic <redacted>"), logged);
    assertTrue(
        logged.contains("realm=\"https://127.0.0.1:" + server.getPort() + "/token\""), logged);
    assertFalse(logged.contains(TOKEN), "no token in the log");
    assertFalse(logged.contains(PASSWORD), "no password in the log");
    String basic =
        Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertFalse(logged.contains(basic), "no encoded credentials in the log");
    assertNotNull(logged);
  }

  @Test
  void resolvesCredentialsOncePerRegistryForSourcesOpenedConcurrently() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    DockerTransport counting =
        new DockerTransport(
            new RegistryClients(
                (options, registry) -> {
                  lookups.incrementAndGet();
                  LockSupport.parkNanos(50_000_000); // as slow as a credential helper
                  return Optional.empty();
                },
                Clock.systemUTC(),
                new RecordingLogger(),
                Duration.ofSeconds(10)));
    ImageOptions options = anonymous();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ImageSource>> opened = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String name = "ns/app:" + i;
        opened.add(
            pool.submit(
                () -> {
                  start.await();
                  return counting
                      .parseReference(Registries.reference(server, name))
                      .newImageSource(options);
                }));
      }
      start.countDown();
      for (Future<ImageSource> source : opened) {
        assertNotNull(source.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(1, lookups.get());
  }
}
