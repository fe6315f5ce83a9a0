package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.it.RegistryAccessLog.Entry;
import dev.spyglass.it.TestImages.Blob;
import dev.spyglass.it.TestImages.PushedImage;
import dev.spyglass.it.TokenServer.Access;
import dev.spyglass.it.TokenServer.Grant;
import dev.spyglass.it.TokenServer.Served;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bearer token authentication against the real registry: an HTTPS registry with {@code auth.token}
 * and a {@link TokenServer} the tests run, both with certificates of one throwaway CA ({@code
 * --cert-dir} holds it as {@code ca.crt}). Anyone may pull {@code public/*}; {@code alice} may pull
 * and push {@code private/*}; {@code bob} only {@code other/*}. Each run uses a fresh auth file,
 * which gives it a client (and token cache) of its own: the docker transport shares clients and
 * tokens per process and settings, so runs would otherwise reuse each other's tokens.
 */
class TokenAuthIT {
  private static final String SERVICE = "spyglass-test";
  private static final String ISSUER = "spyglass-test-issuer";
  private static final String ALICE = "alice";
  private static final String ALICE_PASSWORD = "r1ght-Pa55word";
  private static final String WRONG_PASSWORD = "wr0ng-Pa55word";
  private static final String BOB = "bob";
  private static final String BOB_PASSWORD = "b0b-Pa55word";
  private static final String PUBLIC = "public/app";
  private static final String PRIVATE = "private/app";
  private static final String PRIVATE_PULL = "repository:" + PRIVATE + ":pull";
  private static final String PUBLIC_PULL = "repository:" + PUBLIC + ":pull";
  private static final AtomicInteger FOLDERS = new AtomicInteger();

  private static TokenServer tokens;
  private static RegistryProcess registry;
  private static PushedImage publicImage;
  private static PushedImage privateImage;
  private static Path certDir;

  @BeforeAll
  static void startServersAndPush() throws Exception {
    tokens =
        TokenServer.bind(
            SERVICE,
            ISSUER,
            Map.of(ALICE, ALICE_PASSWORD, BOB, BOB_PASSWORD),
            List.of(
                new Grant(TokenServer.EVERYONE, "public/*", Set.of("pull")),
                new Grant(ALICE, "private/*", Set.of("pull", "push")),
                new Grant(BOB, "other/*", Set.of("pull", "push"))));
    registry = RegistryProcess.tlsWithTokenAuth(tokens.registryAuth());
    tokens.start(registry.certificates());
    String pushToken =
        tokens.mint(
            "spyglass-it-pusher",
            List.of(
                Access.repository(PUBLIC, "pull", "push"),
                Access.repository(PRIVATE, "pull", "push")));
    RegistryPusher pusher =
        RegistryPusher.withBearerToken(registry.baseUrl(), pushToken, registry.sslContext());
    publicImage = TestImages.pushSchema2(pusher, PUBLIC, List.of("1.0"));
    privateImage = TestImages.pushSchema2(pusher, PRIVATE, List.of("1.0", "latest"));
    certDir = registry.newFolder("certs.d");
    Files.copy(registry.caCertificate(), certDir.resolve("ca.crt"));
  }

  @AfterAll
  static void stopServers() {
    try {
      if (registry != null) {
        registry.close();
      }
    } finally {
      if (tokens != null) {
        tokens.close();
      }
    }
  }

  // --- the library, as an application uses it (Transports.installed()) ---

  @Test
  void libraryReadsPublicImageAnonymously() throws Exception {
    try (ImageSource source = Sources.open(publicRef(), options().build())) {
      assertEquals(publicImage.digest("1.0"), source.manifest().digest());
      Blob config = publicImage.config().orElseThrow();
      assertArrayEquals(config.bytes(), Sources.readBlob(source, config.descriptor()));
      assertEquals(List.of("1.0"), source.tags());
    }
  }

  @Test
  void libraryNeedsCredentialsForPrivateImage() throws Exception {
    ImageOptions options = options().build();
    AuthenticationException required =
        assertThrows(AuthenticationException.class, () -> Sources.manifest(privateRef(), options));
    assertAll(
        () -> assertFalse(required.credentialsSent(), required::getMessage),
        () -> assertEquals(registry.hostPort(), required.registry()),
        () -> assertEquals(PRIVATE, required.repository()),
        () -> assertEquals(401, required.status()));
  }

  @Test
  void libraryReadsPrivateImageWithCredentials() throws Exception {
    ImageOptions options = options().credentials(new Credentials(ALICE, ALICE_PASSWORD)).build();
    try (ImageSource source = Sources.open(privateRef(), options)) {
      assertEquals(privateImage.digest("1.0"), source.manifest().digest());
      assertEquals(Set.of("1.0", "latest"), Set.copyOf(source.tags()));
    }
  }

  @Test
  void libraryReportsWrongPasswordAsRefusedCredentials() throws Exception {
    ImageOptions options = options().credentials(new Credentials(ALICE, WRONG_PASSWORD)).build();
    AuthenticationException refused =
        assertThrows(AuthenticationException.class, () -> Sources.manifest(privateRef(), options));
    assertAll(
        () -> assertTrue(refused.credentialsSent(), refused::getMessage),
        () -> assertEquals(registry.hostPort(), refused.registry()),
        () -> assertEquals(401, refused.status()),
        () -> assertFalse(refused.getMessage().contains(WRONG_PASSWORD), refused::getMessage));
  }

  @Test
  void libraryRefusesUserWithoutAccessToTheRepository() throws Exception {
    ImageOptions options = options().credentials(new Credentials(BOB, BOB_PASSWORD)).build();
    AuthenticationException refused =
        assertThrows(AuthenticationException.class, () -> Sources.manifest(privateRef(), options));
    assertAll(
        () -> assertTrue(refused.credentialsSent(), refused::getMessage),
        () -> assertEquals(registry.hostPort(), refused.registry()),
        () -> assertEquals(PRIVATE, refused.repository()),
        () -> assertFalse(refused.getMessage().contains(BOB_PASSWORD), refused::getMessage));
  }

  // --- the command line, through Main.run ---

  @Test
  void inspectsPublicImageAnonymouslyWithoutVerifyingTls() throws IOException {
    int mark = tokens.served().size();
    Cli.Result result = inspect("--tls-verify=false", publicRef());
    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(publicImage.digest("1.0").toString(), digestOf(result));
    List<Served> served = tokens.servedSince(mark);
    assertEquals(1, served.size(), served::toString);
    assertEquals(TokenServer.EVERYONE, served.get(0).account());
    assertEquals(List.of(Access.repository(PUBLIC, "pull")), served.get(0).granted());
  }

  @Test
  void anonymousInspectOfPrivateImageIsAnAuthenticationError() throws IOException {
    Cli.Result result = inspect("--cert-dir", certDir.toString(), privateRef());
    assertFailedCleanly(result, registry.hostPort(), PRIVATE);
  }

  @Test
  void inspectsPrivateImageWithCredentials() throws IOException {
    Cli.Result result =
        inspect("--cert-dir", certDir.toString(), "--creds", aliceCreds(), privateRef());
    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(privateImage.digest("1.0").toString(), digestOf(result));
  }

  @Test
  void wrongPasswordIsAnAuthenticationErrorThatDoesNotShowIt() throws IOException {
    int mark = tokens.served().size();
    Cli.Result result =
        inspect(
            "--cert-dir",
            certDir.toString(),
            "--creds",
            ALICE + ":" + WRONG_PASSWORD,
            privateRef());
    assertFailedCleanly(result, registry.hostPort());
    assertFalse(result.stderr().contains(WRONG_PASSWORD), result::toString);
    assertFalse(result.out().contains(WRONG_PASSWORD), "stdout shows the password");
    List<Served> served = tokens.servedSince(mark);
    assertEquals(1, served.size(), served::toString);
    assertEquals(401, served.get(0).status(), "the token server refused the password");
  }

  @Test
  void userWithoutAccessToTheRepositoryIsAnAuthenticationErrorNamingIt() throws IOException {
    int mark = tokens.served().size();
    Cli.Result result =
        inspect("--cert-dir", certDir.toString(), "--creds", BOB + ":" + BOB_PASSWORD, privateRef());
    assertFailedCleanly(result, registry.hostPort(), PRIVATE);
    assertFalse(result.stderr().contains(BOB_PASSWORD), result::toString);
    List<Served> served = tokens.servedSince(mark);
    assertEquals(1, served.size(), "one token request, and no retry for the same scope: " + served);
    assertEquals(200, served.get(0).status(), "the password was right");
    assertEquals(List.of(), served.get(0).granted(), "bob got a token without access");
  }

  @Test
  void inspectsPrivateImageWithCredentialsFromAuthFile() throws IOException {
    int mark = tokens.served().size();
    Path authFile =
        AuthFiles.withCredentials(
            registry.newFolder("alice-auth-" + FOLDERS.incrementAndGet()),
            registry.hostPort(),
            new Credentials(ALICE, ALICE_PASSWORD));
    Cli.Result result =
        Cli.run(
            "inspect",
            "--authfile",
            authFile.toString(),
            "--cert-dir",
            certDir.toString(),
            privateRef());
    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(privateImage.digest("1.0").toString(), digestOf(result));
    List<Served> served = tokens.servedSince(mark);
    assertEquals(1, served.size(), served::toString);
    assertEquals(ALICE, served.get(0).account());
  }

  /**
   * The floor a Bearer registry allows: the first request meets a 401, then one token, the
   * manifest, the config and the tags: five round trips in all (skopeo 1.9 makes seven).
   */
  @Test
  void oneInspectionMakesFiveRoundTrips() throws Exception {
    int tokenMark = tokens.served().size();
    int registryMark = RegistryAccessLog.read(registry.logFile()).size();
    Cli.Result result =
        inspect("--cert-dir", certDir.toString(), "--creds", aliceCreds(), privateRef());
    assertEquals(0, result.exitCode(), result::toString);
    List<Served> tokenRequests = tokens.servedSince(tokenMark);
    List<String> registryRequests =
        RegistryAccessLog.awaitSince(registry.logFile(), registryMark, 4, Duration.ofSeconds(5))
            .stream()
            .map(TokenAuthIT::withoutQuery)
            .toList();
    String manifest = "GET /v2/" + PRIVATE + "/manifests/1.0";
    String config =
        "GET /v2/" + PRIVATE + "/blobs/" + privateImage.config().orElseThrow().digest();
    assertAll(
        () -> assertEquals(1, tokenRequests.size(), tokenRequests::toString),
        () -> assertEquals(ALICE, tokenRequests.get(0).account()),
        () -> assertEquals(List.of(PRIVATE_PULL), tokenRequests.get(0).scopes()),
        () ->
            assertEquals(
                List.of(
                    manifest + " 401",
                    manifest + " 200",
                    config + " 200",
                    "GET /v2/" + PRIVATE + "/tags/list 200"),
                registryRequests),
        () -> assertEquals(5, tokenRequests.size() + registryRequests.size()));
  }

  @Test
  void debugShowsTheScopesButNeitherTokenNorCredentials() throws IOException {
    int mark = tokens.served().size();
    Cli.Result result =
        Cli.run(
            "--debug",
            "inspect",
            "--authfile",
            freshAuthFile().toString(),
            "--cert-dir",
            certDir.toString(),
            "--creds",
            aliceCreds(),
            privateRef());
    String basic =
        Base64.getEncoder().encodeToString(aliceCreds().getBytes(StandardCharsets.UTF_8));
    String everything = result.stderr() + result.out();
    List<Served> served = tokens.servedSince(mark);
    List<String> secrets = new ArrayList<>(List.of(ALICE_PASSWORD, basic));
    for (Served s : served) {
      String[] parts = s.token().split("\\.");
      secrets.add(s.token());
      secrets.add(parts[1]); // the claims
      secrets.add(parts[2]); // the signature
    }
    assertAll(
        () -> assertEquals(0, result.exitCode(), result::toString),
        () -> assertEquals(1, served.size(), served::toString),
        () ->
            assertTrue(
                result
                    .stderr()
                    .lines()
                    .anyMatch(line -> line.contains("obtained") && line.contains(PRIVATE_PULL)),
                () -> "no debug line names the token's scope: " + result.stderr()),
        () ->
            assertTrue(
                secrets.stream().noneMatch(everything::contains),
                "a token, the password or the Basic credentials are in the output"));
  }

  @Test
  void twoImagesOfOneRepositoryShareOneToken() throws IOException {
    int mark = tokens.served().size();
    Cli.Result result =
        inspect(
            "--cert-dir",
            certDir.toString(),
            "--creds",
            aliceCreds(),
            privateRef(),
            privateImage.byTag(registry.hostPort(), "latest"));
    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(2, inspections(result).size());
    List<Served> served = tokens.servedSince(mark);
    assertEquals(1, served.size(), served::toString);
    assertEquals(List.of(PRIVATE_PULL), served.get(0).scopes());
  }

  @Test
  void twoRepositoriesNeedOneTokenEach() throws IOException {
    int mark = tokens.served().size();
    Cli.Result result =
        inspect("--cert-dir", certDir.toString(), "--creds", aliceCreds(), publicRef(), privateRef());
    assertEquals(0, result.exitCode(), result::toString);
    JsonArray both = inspections(result);
    assertEquals(publicImage.digest("1.0").toString(), digest(both.get(0)));
    assertEquals(privateImage.digest("1.0").toString(), digest(both.get(1)));
    List<Served> served = tokens.servedSince(mark);
    assertEquals(
        Set.of(List.of(PUBLIC_PULL), List.of(PRIVATE_PULL)),
        Set.copyOf(served.stream().map(Served::scopes).toList()),
        served::toString);
    assertEquals(2, served.size(), served::toString);
  }

  @Test
  void copyWithinTheRegistryMountsEveryBlobWithAPushTokenForTheTargetAndPullForTheSource()
      throws IOException {
    int mark = tokens.served().size();
    String target = "docker://" + registry.hostPort() + "/private/copy:1.0";
    Cli.Result result =
        copy("--src-creds", aliceCreds(), "--dest-creds", aliceCreds(), privateRef(), target);
    assertEquals(0, result.exitCode(), result::toString);
    List<String> blobLines =
        result.stderr().lines().filter(line -> line.startsWith("Copying ")).toList();
    assertFalse(blobLines.isEmpty(), result.stderr());
    assertTrue(blobLines.stream().allMatch(line -> line.endsWith(" mounted")), result.stderr());
    assertFalse(result.stderr().contains(ALICE_PASSWORD), result::toString);
    List<Access> granted =
        tokens.servedSince(mark).stream().flatMap(served -> served.granted().stream()).toList();
    assertTrue(
        granted.contains(Access.repository("private/copy", "pull", "push")), granted::toString);
    assertTrue(granted.contains(Access.repository(PRIVATE, "pull")), granted::toString);

    Cli.Result copied =
        inspect("--cert-dir", certDir.toString(), "--creds", aliceCreds(), target);
    assertEquals(privateImage.digest("1.0").toString(), digestOf(copied));
  }

  @Test
  void pushIntoARepositoryTheUserMayOnlyReadIsAnAuthenticationErrorNamingIt() throws IOException {
    Cli.Result result =
        copy(
            "--quiet",
            "--dest-creds",
            BOB + ":" + BOB_PASSWORD,
            publicRef(),
            "docker://" + registry.hostPort() + "/" + PUBLIC + ":bob");
    assertFailedCleanly(result, registry.hostPort(), PUBLIC);
    assertTrue(
        result.stderr().contains("insufficient_scope for repository:" + PUBLIC + ":pull,push"),
        "the message says push was needed: " + result.stderr());
    assertFalse(result.stderr().contains(BOB_PASSWORD), result::toString);
  }

  private static String publicRef() {
    return publicImage.byTag(registry.hostPort(), "1.0");
  }

  private static String privateRef() {
    return privateImage.byTag(registry.hostPort(), "1.0");
  }

  private static String aliceCreds() {
    return ALICE + ":" + ALICE_PASSWORD;
  }

  /** Trusts the CA, and a fresh auth file: a client and token cache of its own. */
  private static ImageOptions.Builder options() throws IOException {
    return ImageOptions.builder().certDir(certDir).authFile(freshAuthFile());
  }

  private static Path freshAuthFile() throws IOException {
    return AuthFiles.empty(registry.newFolder("auth-" + FOLDERS.incrementAndGet()));
  }

  /** {@code spyglass inspect --authfile FRESH ARGS...}. */
  private static Cli.Result inspect(String... args) throws IOException {
    String[] all = new String[args.length + 3];
    all[0] = "inspect";
    all[1] = "--authfile";
    all[2] = freshAuthFile().toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Cli.run(all);
  }

  /** {@code spyglass copy --authfile FRESH}, trusting the CA on both sides, then {@code args}. */
  private static Cli.Result copy(String... args) throws IOException {
    List<String> all = new ArrayList<>();
    all.addAll(
        List.of(
            "copy",
            "--authfile",
            freshAuthFile().toString(),
            "--src-cert-dir",
            certDir.toString(),
            "--dest-cert-dir",
            certDir.toString()));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  private static String digestOf(Cli.Result result) {
    return digest(JsonParser.parseString(result.out()));
  }

  private static String digest(JsonElement inspection) {
    return inspection.getAsJsonObject().get("Digest").getAsString();
  }

  private static JsonArray inspections(Cli.Result result) {
    return JsonParser.parseString(result.out()).getAsJsonArray();
  }

  private static String withoutQuery(Entry entry) {
    String path = entry.path();
    int query = path.indexOf('?');
    return entry.method()
        + " "
        + (query < 0 ? path : path.substring(0, query))
        + " "
        + entry.status();
  }

  /** Exit 4, nothing on stdout, one line on stderr naming each of {@code subjects}, no trace. */
  private static void assertFailedCleanly(Cli.Result result, String... subjects) {
    String stderr = result.stderr();
    assertAll(
        () -> assertEquals(ExitCode.AUTHENTICATION, result.exitCode(), result::toString),
        () -> assertEquals("", result.out(), "stdout must stay empty"),
        () ->
            assertTrue(
                stderr.endsWith("\n") && stderr.indexOf('\n') == stderr.length() - 1,
                () -> "stderr must be exactly one line: " + stderr),
        () ->
            assertFalse(
                stderr.contains("\tat ") || stderr.contains("Exception"),
                () -> "stderr shows a stack trace or exception name: " + stderr),
        () -> assertFalse(stderr.contains(ALICE_PASSWORD), "stderr shows a password"),
        () -> {
          for (String subject : subjects) {
            assertTrue(
                stderr.contains("\"" + subject + "\""),
                () -> "stderr does not name \"" + subject + "\": " + stderr);
          }
        });
  }
}
