package dev.spyglass.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RegistryAuthenticatorTest {
  private static final String REALM = "https://auth.example/token";
  private static final String PULL_A = "repository:a:pull";
  private static final String PULL_B = "repository:b:pull";
  private static final String PUSH_A = "repository:a:pull,push";
  private static final Credentials USER = new Credentials("alice", "s3cret-pass");

  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
  private final FakeTokenClient tokens = new FakeTokenClient();

  private RegistryAuthenticator authenticator(Credentials credentials) {
    return new RegistryAuthenticator("registry.example", credentials, tokens, clock);
  }

  private static List<String> bearer(String scope) {
    return List.of(
        "Bearer realm=\""
            + REALM
            + "\",service=\"registry.example\""
            + (scope.isEmpty() ? "" : ",scope=\"" + scope + "\""));
  }

  private static List<String> insufficient(String scope) {
    return List.of(
        "Bearer realm=\""
            + REALM
            + "\",service=\"registry.example\",scope=\""
            + scope
            + "\",error=\"insufficient_scope\"");
  }

  private static String basic(Credentials c) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sendsNothingBeforeAnyChallenge() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    assertEquals(Optional.empty(), auth.authorization(Set.of(PULL_A)));
    assertTrue(tokens.requests.isEmpty());
  }

  @Test
  void sendsBasicCredentialsAfterBasicChallenge() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    assertTrue(auth.challenged(List.of("Basic realm=\"registry\""), Set.of(PULL_A)));
    assertEquals(Optional.of(basic(USER)), auth.authorization(Set.of(PULL_A)));
    assertEquals(Optional.of(basic(USER)), auth.authorization(Set.of(PULL_B)));
    assertTrue(tokens.requests.isEmpty());
  }

  @Test
  void sendsBasicCredentialsOnlyToItsOwnRegistry() throws Exception {
    RegistryAuthenticator auth =
        new RegistryAuthenticator("registry.example:5000", USER, tokens, clock);
    auth.challenged(List.of("Basic realm=\"r\""), Set.of());
    assertEquals(
        Optional.of(basic(USER)),
        auth.authorization(URI.create("https://registry.example:5000/v2/a/manifests/1"), Set.of()));
    assertEquals(
        Optional.of(basic(USER)),
        auth.authorization(URI.create("http://REGISTRY.example:5000/v2/"), Set.of()));
    assertEquals(
        Optional.empty(), auth.authorization(URI.create("https://registry.example/v2/"), Set.of()));
    assertEquals(
        Optional.empty(),
        auth.authorization(URI.create("https://cdn.example:5000/blobs/x"), Set.of()));
    assertEquals(
        Optional.empty(),
        auth.authorization(URI.create("https://registry.example.evil:5000/v2/"), Set.of()));
  }

  @Test
  void treatsDefaultPortAndDockerHubNamesAsTheSameServer() throws Exception {
    RegistryAuthenticator auth = new RegistryAuthenticator("docker.io", USER, tokens, clock);
    auth.challenged(List.of("Basic realm=\"r\""), Set.of());
    assertTrue(
        auth.authorization(URI.create("https://registry-1.docker.io:443/v2/"), Set.of())
            .isPresent());
    assertTrue(
        auth.authorization(URI.create("https://production.cloudflare.docker.com/x"), Set.of())
            .isEmpty());
  }

  @Test
  void refusedBasicCredentialsLeaveNothingToTry() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    assertTrue(auth.challenged(List.of("Basic realm=\"r\""), Set.of(PULL_A)));
    auth.authorization(Set.of(PULL_A));
    assertFalse(auth.challenged(List.of("Basic realm=\"r\""), Set.of(PULL_A)));
    assertTrue(auth.hasCredentials());
  }

  @Test
  void anonymousBasicChallengeLeavesNothingToTry() throws Exception {
    RegistryAuthenticator auth = authenticator(null);
    assertFalse(auth.challenged(List.of("Basic realm=\"r\""), Set.of(PULL_A)));
    assertEquals(Optional.empty(), auth.authorization(Set.of(PULL_A)));
    assertFalse(auth.hasCredentials());
  }

  @Test
  void identityTokenIsNeverSentAsBasic() throws Exception {
    RegistryAuthenticator auth = authenticator(new Credentials("", "refresh-token-xyz"));
    assertFalse(auth.challenged(List.of("Basic realm=\"r\""), Set.of()));
    assertEquals(Optional.empty(), auth.authorization(Set.of()));
  }

  @Test
  void asksTokenServerForServiceAndUnionOfScopes() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    assertTrue(
        auth.challenged(bearer("repository:a:pull registry:catalog:*"), Set.of(PULL_A, PULL_B)));
    assertEquals(Optional.of("Bearer tok-1"), auth.authorization(Set.of(PULL_B, PULL_A)));
    TokenRequest r = tokens.last();
    assertEquals(URI.create(REALM), r.realm());
    assertEquals("registry.example", r.service());
    assertEquals(List.of("registry:catalog:*", PULL_A, PULL_B), r.scopes());
    assertEquals(Optional.of(USER), r.credentials());
  }

  @Test
  void asksAnonymouslyWithoutCredentials() throws Exception {
    RegistryAuthenticator auth = authenticator(null);
    assertTrue(auth.challenged(bearer(PULL_A), Set.of(PULL_A)));
    assertEquals(Optional.of("Bearer tok-1"), auth.authorization(Set.of(PULL_A)));
    assertEquals(Optional.empty(), tokens.last().credentials());
  }

  @Test
  void passesIdentityTokenToTokenClient() throws Exception {
    Credentials identity = new Credentials("<token>", "refresh-token-xyz");
    RegistryAuthenticator auth = authenticator(identity);
    auth.challenged(bearer(PULL_A), Set.of(PULL_A));
    auth.authorization(Set.of(PULL_A));
    assertEquals(Optional.of(identity), tokens.last().credentials());
  }

  @Test
  void doesNotCarryAChallengeScopeIntoOtherOperations() throws Exception {
    RegistryAuthenticator auth = authenticator(null);
    auth.challenged(bearer(PUSH_A), Set.of(PULL_A));
    auth.authorization(Set.of(PULL_A));
    assertEquals(List.of(PULL_A, PUSH_A), tokens.last().scopes());
    auth.authorization(Set.of(PULL_B));
    assertEquals(List.of(PULL_B), tokens.last().scopes());
  }

  @Test
  void reusesCachedTokenUntilItExpires() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    tokens.expiresIn = Duration.ofSeconds(300);
    auth.challenged(bearer(PULL_A), Set.of(PULL_A));
    assertEquals(Optional.of("Bearer tok-1"), auth.authorization(Set.of(PULL_A)));
    clock.advance(Duration.ofSeconds(290));
    assertEquals(Optional.of("Bearer tok-1"), auth.authorization(Set.of(PULL_A)));
    assertEquals(1, tokens.requests.size());
    clock.advance(Duration.ofSeconds(6)); // 4 s left: renewed before it expires in flight
    assertEquals(Optional.of("Bearer tok-2"), auth.authorization(Set.of(PULL_A)));
    assertEquals(2, tokens.requests.size());
  }

  @Test
  void treatsMissingLifetimeAsSixtySeconds() throws Exception {
    RegistryAuthenticator auth = authenticator(null);
    tokens.expiresIn = Duration.ZERO;
    auth.challenged(bearer(PULL_A), Set.of(PULL_A));
    auth.authorization(Set.of(PULL_A));
    clock.advance(Duration.ofSeconds(50));
    assertEquals(Optional.of("Bearer tok-1"), auth.authorization(Set.of(PULL_A)));
    clock.advance(Duration.ofSeconds(6));
    assertEquals(Optional.of("Bearer tok-2"), auth.authorization(Set.of(PULL_A)));
  }

  @Test
  void countsLifetimeFromIssuedAt() throws Exception {
    RegistryAuthenticator auth = authenticator(null);
    tokens.expiresIn = Duration.ofSeconds(300);
    tokens.issuedAt = clock.instant().minusSeconds(200); // 100 s left
    auth.challenged(bearer(PULL_A), Set.of(PULL_A));
    auth.authorization(Set.of(PULL_A));
    clock.advance(Duration.ofSeconds(90));
    assertEquals(Optional.of("Bearer tok-1"), auth.authorization(Set.of(PULL_A)));
    clock.advance(Duration.ofSeconds(6));
    assertEquals(Optional.of("Bearer tok-2"), auth.authorization(Set.of(PULL_A)));
  }

  @Test
  void neverTrustsIssuedAtInTheFutureBeyondTheLifetime() throws Exception {
    RegistryAuthenticator auth = authenticator(null);
    tokens.expiresIn = Duration.ofSeconds(60);
    tokens.issuedAt = clock.instant().plusSeconds(3600);
    auth.challenged(bearer(PULL_A), Set.of(PULL_A));
    auth.authorization(Set.of(PULL_A));
    clock.advance(Duration.ofSeconds(56));
    assertEquals(Optional.of("Bearer tok-2"), auth.authorization(Set.of(PULL_A)));
  }

  @Test
  void reusesTokenAcrossRepositoriesWhenItsScopesCoverTheRequest() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    auth.challenged(bearer(""), Set.of(PULL_A, PULL_B));
    assertEquals(Optional.of("Bearer tok-1"), auth.authorization(Set.of(PULL_A, PULL_B)));
    assertEquals(Optional.of("Bearer tok-1"), auth.authorization(Set.of(PULL_B)));
    assertEquals(Optional.of("Bearer tok-1"), auth.authorization(Set.of(PULL_A)));
    assertEquals(1, tokens.requests.size());
    assertEquals(Optional.of("Bearer tok-2"), auth.authorization(Set.of(PUSH_A)));
    assertEquals(List.of(PUSH_A), tokens.last().scopes());
  }

  @Test
  void asksOnceMoreWithTheScopeNamedByInsufficientScope() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    Set<String> mount = Set.of("repository:b:pull,push");
    assertTrue(auth.challenged(bearer("repository:b:pull,push"), mount));
    assertEquals(Optional.of("Bearer tok-1"), auth.authorization(mount));
    assertTrue(auth.challenged(insufficient(PULL_A), mount));
    assertEquals(Optional.of("Bearer tok-2"), auth.authorization(mount));
    assertEquals(List.of(PULL_A, "repository:b:pull,push"), tokens.last().scopes());
    assertFalse(auth.challenged(insufficient(PULL_A), mount));
  }

  @Test
  void refusedFreshTokenLeavesNothingToTry() throws Exception {
    RegistryAuthenticator auth = authenticator(null);
    assertTrue(auth.challenged(bearer(PULL_A), Set.of(PULL_A)));
    auth.authorization(Set.of(PULL_A));
    assertFalse(auth.challenged(insufficient(PULL_A), Set.of(PULL_A)));
    assertEquals(1, tokens.requests.size());
  }

  @Test
  void refusedCachedTokenIsDroppedAndRenewed() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    auth.challenged(bearer(PULL_A), Set.of(PULL_A));
    auth.authorization(Set.of(PULL_A));
    auth.authorization(Set.of(PULL_A)); // a later request used the cached token
    List<String> invalid =
        List.of(
            "Bearer realm=\"" + REALM + "\",service=\"registry.example\",error=\"invalid_token\"");
    assertTrue(auth.challenged(invalid, Set.of(PULL_A)));
    assertEquals(Optional.of("Bearer tok-2"), auth.authorization(Set.of(PULL_A)));
    assertFalse(auth.challenged(invalid, Set.of(PULL_A)));
  }

  @Test
  void toldTheRefusedHeaderRetriesParallelRequestsWithTheReplacementToken() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    auth.challenged(bearer(PULL_A), Set.of(PULL_A), null);
    String first = auth.authorization(Set.of(PULL_A)).orElseThrow();
    assertEquals(first, auth.authorization(Set.of(PULL_A)).orElseThrow());
    List<String> invalid =
        List.of(
            "Bearer realm=\"" + REALM + "\",service=\"registry.example\",error=\"invalid_token\"");
    // Two requests in flight with the first token are both refused.
    assertTrue(auth.challenged(invalid, Set.of(PULL_A), first));
    String second = auth.authorization(Set.of(PULL_A)).orElseThrow();
    assertEquals("Bearer tok-2", second);
    assertTrue(auth.challenged(invalid, Set.of(PULL_A), first));
    assertEquals(Optional.of(second), auth.authorization(Set.of(PULL_A)));
    assertEquals(2, tokens.requests.size());
  }

  @Test
  void toldTheRefusedHeaderKnowsAFreshTokenOrBasicWasRefused() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    assertTrue(auth.challenged(bearer(PULL_A), Set.of(PULL_A), null));
    String token = auth.authorization(Set.of(PULL_A)).orElseThrow();
    assertFalse(auth.challenged(insufficient(PULL_A), Set.of(PULL_A), token));
    assertTrue(auth.challenged(insufficient(PUSH_A), Set.of(PULL_A), token));

    RegistryAuthenticator basicAuth = authenticator(USER);
    assertTrue(basicAuth.challenged(List.of("Basic realm=\"r\""), Set.of(), null));
    String basic = basicAuth.authorization(Set.of()).orElseThrow();
    assertFalse(basicAuth.challenged(List.of("Basic realm=\"r\""), Set.of(), basic));
    assertTrue(basicAuth.challenged(List.of("Basic realm=\"r\""), Set.of(PULL_B), null));
  }

  @Test
  void followsTheRegistryToANewRealm() throws Exception {
    RegistryAuthenticator auth = authenticator(null);
    auth.challenged(bearer(PULL_A), Set.of(PULL_A));
    auth.authorization(Set.of(PULL_A));
    assertTrue(
        auth.challenged(
            List.of("Bearer realm=\"https://other.example/t\",service=\"s\""), Set.of(PULL_A)));
    auth.authorization(Set.of(PULL_A));
    assertEquals(URI.create("https://other.example/t"), tokens.last().realm());
  }

  @Test
  void prefersBearerOverBasicWhenBothAreOffered() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    assertTrue(
        auth.challenged(
            List.of("Basic realm=\"r\", Bearer realm=\"" + REALM + "\",service=\"s\""), Set.of()));
    assertEquals(Optional.of("Bearer tok-1"), auth.authorization(Set.of()));
  }

  @Test
  void ignoresUnsupportedSchemes() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    assertFalse(auth.challenged(List.of("Negotiate", "Digest realm=\"x\", nonce=\"y\""), Set.of()));
    assertFalse(auth.challenged(List.of(), Set.of()));
    assertEquals(Optional.empty(), auth.authorization(Set.of()));
  }

  @Test
  void rejectsRealmThatIsNotHttpOrHttps() {
    RegistryAuthenticator auth = authenticator(USER);
    for (String realm :
        List.of("ftp://auth.example/t", "file:///etc/passwd", "/relative/token", "https://")) {
      ImageException e =
          assertThrows(
              ImageException.class,
              () -> auth.challenged(List.of("Bearer realm=\"" + realm + "\""), Set.of()));
      assertTrue(e.getMessage().contains("registry \"registry.example\""), e.getMessage());
      assertTrue(
          e.getMessage().contains("http or https") || e.getMessage().contains("URL"),
          e.getMessage());
    }
    ImageException none =
        assertThrows(
            ImageException.class, () -> auth.challenged(List.of("Bearer service=\"s\""), Set.of()));
    assertTrue(none.getMessage().contains("names no realm"), none.getMessage());
    assertTrue(tokens.requests.isEmpty());
  }

  @Test
  void acceptsPlainHttpRealm() throws Exception {
    RegistryAuthenticator auth = authenticator(null);
    assertTrue(auth.challenged(List.of("Bearer realm=\"http://127.0.0.1:5001/token\""), Set.of()));
    assertEquals(Optional.of("Bearer tok-1"), auth.authorization(Set.of()));
    assertEquals("", tokens.last().service());
  }

  @Test
  void reportsTokenServerFailureWithoutSecrets() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    auth.challenged(bearer(PULL_A), Set.of(PULL_A));
    tokens.failure = new IOException("connection refused");
    ImageException e = assertThrows(ImageException.class, () -> auth.authorization(Set.of(PULL_A)));
    assertTrue(e.getMessage().contains("registry.example"), e.getMessage());
    assertTrue(e.getMessage().contains(REALM), e.getMessage());
    assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    assertFalse(e.getMessage().contains(USER.secret()));
  }

  @Test
  void passesTypedFailuresOfTheTokenClientThrough() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    auth.challenged(bearer(PULL_A), Set.of(PULL_A));
    AuthenticationException denied =
        new AuthenticationException("registry.example", "a", 401, true, "");
    tokens.failure = denied;
    assertEquals(
        denied, assertThrows(ImageException.class, () -> auth.authorization(Set.of(PULL_A))));
  }

  @Test
  void redactsCredentialsAndTokensInToString() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    auth.challenged(bearer(PULL_A), Set.of(PULL_A));
    String token = auth.authorization(Set.of(PULL_A)).orElseThrow().substring("Bearer ".length());
    String shown = auth.toString();
    assertTrue(shown.contains("registry.example") && shown.contains("alice"), shown);
    assertFalse(shown.contains(USER.secret()), shown);
    assertFalse(shown.contains(token), shown);
    assertFalse(tokens.last().toString().contains(USER.secret()));
  }

  @Test
  void logsSchemeRealmScopesAndExpiryButNeverSecrets() throws Exception {
    try (LogCapture log = new LogCapture(RegistryAuthenticator.class)) {
      RegistryAuthenticator auth = authenticator(USER);
      auth.challenged(bearer(PULL_A), Set.of(PULL_A));
      String header = auth.authorization(Set.of(PULL_A)).orElseThrow();
      RegistryAuthenticator basicAuth = authenticator(USER);
      basicAuth.challenged(List.of("Basic realm=\"r\""), Set.of());
      String basicHeader = basicAuth.authorization(Set.of()).orElseThrow();
      String all = log.all();
      assertTrue(all.contains("Bearer") && all.contains(REALM), all);
      assertTrue(all.contains(PULL_A), all);
      assertTrue(all.contains("2024-05-01T10:05:00Z"), all); // 300 s after the clock's now
      assertTrue(all.contains("Basic"), all);
      for (String secret : List.of(USER.secret(), header.substring(7), basicHeader.substring(6))) {
        assertFalse(all.contains(secret), all);
      }
    }
  }

  @Test
  void fetchesOneTokenForConcurrentRequests() throws Exception {
    RegistryAuthenticator auth = authenticator(USER);
    auth.challenged(bearer(PULL_A), Set.of(PULL_A));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Optional<String>>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        results.add(pool.submit(() -> auth.authorization(Set.of(PULL_A))));
      }
      for (Future<Optional<String>> f : results) {
        assertEquals(Optional.of("Bearer tok-1"), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, tokens.requests.size());
  }
}
