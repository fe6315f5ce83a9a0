package dev.spyglass.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ManifestFormats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialResolverTest {
  private static final String HOST = "registry.example:5000";

  @TempDir Path tmp;
  private Path home;
  private Path bin;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() throws IOException {
    home = Files.createDirectories(tmp.resolve("home"));
    bin = Files.createDirectories(tmp.resolve("bin"));
    env.put("PATH", bin + ":/usr/bin:/bin");
  }

  private CredentialResolver resolver() {
    return resolver(null, null);
  }

  private CredentialResolver resolver(@Nullable Credentials explicit, @Nullable Path authFile) {
    return new CredentialResolver(env, home, explicit, authFile, Duration.ofSeconds(10));
  }

  private static String auth(String user, String password) {
    return Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** An auth file whose {@code auths} has {@code key} with {@code user:password}. */
  private static Path authsFile(Path file, String key, String user, String password)
      throws IOException {
    return write(
        file, "{\"auths\": {\"" + key + "\": {\"auth\": \"" + auth(user, password) + "\"}}}");
  }

  private static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  /** A fake {@code docker-credential-NAME} on the env PATH, running {@code body} with sh. */
  private Path helper(String name, String body) throws IOException {
    Path script = bin.resolve("docker-credential-" + name);
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  /** A helper that records its stdin and answers with {@code user} and {@code secret}. */
  private Path answeringHelper(String name, String user, String secret) throws IOException {
    return helper(
        name,
        "url=$(cat)\nprintf '%s' \"$url\" > \"$0.stdin\"\n"
            + "printf '{\"ServerURL\":\"%s\",\"Username\":\""
            + user
            + "\",\"Secret\":\""
            + secret
            + "\"}' \"$url\"");
  }

  private Credentials resolved(String registry) throws ImageException {
    return resolver().resolve(registry).orElseThrow().credentials();
  }

  private String source(String registry) throws ImageException {
    return resolver().resolve(registry).orElseThrow().source();
  }

  // --- each source alone ---

  @Test
  void usesExplicitCredentials() throws Exception {
    Credentials flags = new Credentials("flag-user", "flag-pass");
    ResolvedCredentials r = resolver(flags, null).resolve(HOST).orElseThrow();
    assertEquals(new ResolvedCredentials(flags, "--creds"), r);
  }

  @Test
  void readsTheAuthFileGiven() throws Exception {
    Path file = authsFile(tmp.resolve("given.json"), HOST, "given", "pw");
    ResolvedCredentials r = resolver(null, file).resolve(HOST).orElseThrow();
    assertEquals(new Credentials("given", "pw"), r.credentials());
    assertEquals("file " + file + " (auths)", r.source());
  }

  @Test
  void failsWhenTheAuthFileGivenDoesNotExist() {
    Path missing = tmp.resolve("nope.json");
    ImageException e =
        assertThrows(ImageException.class, () -> resolver(null, missing).resolve(HOST));
    assertEquals("auth file \"" + missing + "\" does not exist", e.getMessage());
  }

  @Test
  void readsRegistryAuthFileVariable() throws Exception {
    Path file = authsFile(tmp.resolve("env-auth.json"), HOST, "env-file", "pw");
    env.put("REGISTRY_AUTH_FILE", file.toString());
    assertEquals(new Credentials("env-file", "pw"), resolved(HOST));
    assertEquals("file " + file + " (auths)", source(HOST));
  }

  @Test
  void readsContainersAuthInXdgRuntimeDir() throws Exception {
    Path runtime = tmp.resolve("run");
    authsFile(runtime.resolve("containers/auth.json"), HOST, "runtime", "pw");
    env.put("XDG_RUNTIME_DIR", runtime.toString());
    assertEquals(new Credentials("runtime", "pw"), resolved(HOST));
  }

  @Test
  void readsContainersAuthInXdgConfigHome() throws Exception {
    Path config = tmp.resolve("xdg-config");
    authsFile(config.resolve("containers/auth.json"), HOST, "xdg-config", "pw");
    env.put("XDG_CONFIG_HOME", config.toString());
    assertEquals(new Credentials("xdg-config", "pw"), resolved(HOST));
  }

  @Test
  void readsContainersAuthInDotConfigWhenXdgConfigHomeIsUnset() throws Exception {
    authsFile(home.resolve(".config/containers/auth.json"), HOST, "dot-config", "pw");
    assertEquals(new Credentials("dot-config", "pw"), resolved(HOST));
  }

  @Test
  void readsDockerConfigVariable() throws Exception {
    Path dir = tmp.resolve("docker-config");
    Path file = authsFile(dir.resolve("config.json"), HOST, "docker-config", "pw");
    env.put("DOCKER_CONFIG", dir.toString());
    assertEquals(new Credentials("docker-config", "pw"), resolved(HOST));
    assertEquals("file " + file + " (auths)", source(HOST));
  }

  @Test
  void readsDockerConfigInHome() throws Exception {
    authsFile(home.resolve(".docker/config.json"), HOST, "dot-docker", "pw");
    assertEquals(new Credentials("dot-docker", "pw"), resolved(HOST));
  }

  @Test
  void readsLegacyDockercfg() throws Exception {
    Path file =
        write(
            home.resolve(".dockercfg"),
            "{\"https://"
                + HOST
                + "/v1/\": {\"auth\": \""
                + auth("legacy", "pw")
                + "\", \"email\": \"a@b.c\"}}");
    assertEquals(new Credentials("legacy", "pw"), resolved(HOST));
    assertEquals("file " + file + " (legacy)", source(HOST));
  }

  @Test
  void returnsEmptyWhenNothingIsConfigured() throws Exception {
    assertEquals(Optional.empty(), resolver().resolve(HOST));
  }

  @Test
  void listsTheFilesItReadsInOrder() {
    env.put("REGISTRY_AUTH_FILE", "/etc/r.json");
    env.put("XDG_RUNTIME_DIR", "/run/user/1");
    env.put("XDG_CONFIG_HOME", "/cfg");
    env.put("DOCKER_CONFIG", "/dc");
    Path given = tmp.resolve("given.json");
    assertEquals(
        List.of(
            given,
            Path.of("/etc/r.json"),
            Path.of("/run/user/1/containers/auth.json"),
            Path.of("/cfg/containers/auth.json"),
            Path.of("/dc/config.json"),
            home.resolve(".dockercfg")),
        resolver(null, given).files());
  }

  // --- precedence ---

  @Test
  void firstSourceInTheDocumentedOrderWins() throws Exception {
    Path given = authsFile(tmp.resolve("given.json"), HOST, "given", "pw");
    Path envFile = authsFile(tmp.resolve("env.json"), HOST, "env-file", "pw");
    Path runtime = authsFile(tmp.resolve("run/containers/auth.json"), HOST, "runtime", "pw");
    Path xdg = authsFile(tmp.resolve("xdg/containers/auth.json"), HOST, "xdg-config", "pw");
    Path docker = authsFile(tmp.resolve("dc/config.json"), HOST, "docker-config", "pw");
    write(
        home.resolve(".dockercfg"),
        "{\"" + HOST + "\": {\"auth\": \"" + auth("legacy", "pw") + "\"}}");
    env.put("REGISTRY_AUTH_FILE", envFile.toString());
    env.put("XDG_RUNTIME_DIR", tmp.resolve("run").toString());
    env.put("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
    env.put("DOCKER_CONFIG", tmp.resolve("dc").toString());
    Credentials flags = new Credentials("flags", "pw");

    assertEquals(
        "flags", resolver(flags, given).resolve(HOST).orElseThrow().credentials().username());
    assertEquals(
        "given", resolver(null, given).resolve(HOST).orElseThrow().credentials().username());
    Map<Path, String> rest = new java.util.LinkedHashMap<>();
    rest.put(envFile, "env-file");
    rest.put(runtime, "runtime");
    rest.put(xdg, "xdg-config");
    rest.put(docker, "docker-config");
    for (Map.Entry<Path, String> next : rest.entrySet()) {
      assertEquals(next.getValue(), resolved(HOST).username());
      Files.delete(next.getKey());
    }
    assertEquals("legacy", resolved(HOST).username());
  }

  @Test
  void movesOnWhenAFileHasNoEntryForTheRegistry() throws Exception {
    Path envFile = authsFile(tmp.resolve("env.json"), "other.example", "other", "pw");
    env.put("REGISTRY_AUTH_FILE", envFile.toString());
    authsFile(home.resolve(".docker/config.json"), HOST, "dot-docker", "pw");
    assertEquals("dot-docker", resolved(HOST).username());
  }

  @Test
  void movesOnPastEmptyEntries() throws Exception {
    write(home.resolve(".config/containers/auth.json"), "{\"auths\": {\"" + HOST + "\": {}}}");
    authsFile(home.resolve(".docker/config.json"), HOST, "dot-docker", "pw");
    assertEquals("dot-docker", resolved(HOST).username());
  }

  // --- keys ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docker.io",
        "index.docker.io",
        "registry-1.docker.io",
        "https://index.docker.io/v1/"
      })
  void matchesEveryDockerHubName(String registry) throws Exception {
    authsFile(home.resolve(".docker/config.json"), "https://index.docker.io/v1/", "hub", "pw");
    assertEquals(new Credentials("hub", "pw"), resolved(registry));
    write(
        home.resolve(".docker/config.json"),
        "{\"auths\": {\"docker.io\": {\"auth\": \"" + auth("hub2", "pw") + "\"}}}");
    assertEquals("hub2", resolved(registry).username());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://registry.example:5000/v1/",
        "http://registry.example:5000",
        "registry.example:5000",
        "REGISTRY.example:5000"
      })
  void matchesUrlFormKeys(String key) throws Exception {
    authsFile(home.resolve(".docker/config.json"), key, "url-key", "pw");
    assertEquals("url-key", resolved(HOST).username());
  }

  @Test
  void doesNotMatchOtherPortsOrNamespacedKeys() throws Exception {
    write(
        home.resolve(".docker/config.json"),
        "{\"auths\": {"
            + "\"registry.example\": {\"auth\": \""
            + auth("no-port", "pw")
            + "\"},"
            + "\"registry.example:5000/team\": {\"auth\": \""
            + auth("namespaced", "pw")
            + "\"},"
            + "\"registry.example:5001\": {\"auth\": \""
            + auth("other-port", "pw")
            + "\"}}}");
    assertEquals(Optional.empty(), resolver().resolve(HOST));
    assertEquals("no-port", resolved("registry.example").username());
  }

  @Test
  void prefersTheKeyWrittenExactlyAsTheRegistry() throws Exception {
    write(
        home.resolve(".docker/config.json"),
        "{\"auths\": {"
            + "\"https://"
            + HOST
            + "/v1/\": {\"auth\": \""
            + auth("url", "pw")
            + "\"},"
            + "\""
            + HOST
            + "\": {\"auth\": \""
            + auth("exact", "pw")
            + "\"}}}");
    assertEquals("exact", resolved(HOST).username());
  }

  // --- entries ---

  @Test
  void readsUsernameAndPasswordFields() throws Exception {
    write(
        home.resolve(".docker/config.json"),
        "{\"auths\": {\"" + HOST + "\": {\"username\": \"u\", \"password\": \"p\"}}}");
    assertEquals(new Credentials("u", "p"), resolved(HOST));
  }

  @Test
  void readsIdentityTokenAsIdentityToken() throws Exception {
    write(
        home.resolve(".docker/config.json"),
        "{\"auths\": {\""
            + HOST
            + "\": {\"auth\": \""
            + auth("u", "p")
            + "\", \"identitytoken\": \"refresh-xyz\"}}}");
    Credentials c = resolved(HOST);
    assertTrue(c.isIdentityToken());
    assertEquals("refresh-xyz", c.secret());
  }

  @Test
  void splitsAuthAtTheFirstColonAndDropsNulPadding() throws Exception {
    authsFile(home.resolve(".docker/config.json"), HOST, "u", "pa:ss\u0000");
    assertEquals(new Credentials("u", "pa:ss"), resolved(HOST));
  }

  // --- malformed files ---

  @Test
  void reportsMalformedJsonNamingTheFileButNoSecret() throws Exception {
    Path file =
        write(
            home.resolve(".docker/config.json"),
            "{\"auths\": {\"" + HOST + "\": {\"auth\": \"" + auth("u", "topsecret") + "\" oops}}}");
    ImageException e = assertThrows(ImageException.class, () -> resolver().resolve(HOST));
    assertTrue(
        e.getMessage().startsWith("auth file \"" + file + "\" is not valid JSON"), e.getMessage());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    assertFalse(e.getMessage().contains(auth("u", "topsecret")), e.getMessage());
    assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
  }

  @Test
  void reportsWrongShapeNamingTheFile() throws Exception {
    Path file = write(home.resolve(".docker/config.json"), "{\"auths\": [\"x\"]}");
    ImageException e = assertThrows(ImageException.class, () -> resolver().resolve(HOST));
    assertTrue(e.getMessage().contains("\"" + file + "\""), e.getMessage());
    assertTrue(e.getMessage().contains("$.auths"), e.getMessage());
  }

  @Test
  void reportsMalformedLegacyFileNamingIt() throws Exception {
    Path file = write(home.resolve(".dockercfg"), "[1, 2");
    ImageException e = assertThrows(ImageException.class, () -> resolver().resolve(HOST));
    assertTrue(e.getMessage().contains("\"" + file + "\""), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"not base64 at all!", "bm9jb2xvbg=="}) // the second is "nocolon"
  void reportsUndecodableAuthNamingFileAndKeyButNotTheValue(String value) throws Exception {
    Path file =
        write(
            home.resolve(".docker/config.json"),
            "{\"auths\": {\"" + HOST + "\": {\"auth\": \"" + value + "\"}}}");
    ImageException e = assertThrows(ImageException.class, () -> resolver().resolve(HOST));
    assertEquals(
        "auth file \""
            + file
            + "\": the \"auth\" of \""
            + HOST
            + "\" is not the base64 of user:password",
        e.getMessage());
  }

  @Test
  void treatsAnEmptyFileAsNoCredentials() throws Exception {
    write(home.resolve(".docker/config.json"), "  \n");
    assertEquals(Optional.empty(), resolver().resolve(HOST));
  }

  @Test
  void refusesOversizedFile() throws Exception {
    Path file =
        write(home.resolve(".docker/config.json"), "{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}");
    ImageException e = assertThrows(ImageException.class, () -> resolver().resolve(HOST));
    assertTrue(e.getMessage().contains("\"" + file + "\" is larger than"), e.getMessage());
  }

  // --- credential helpers ---

  @Test
  void asksTheCredHelperForTheRegistry() throws Exception {
    Path script = answeringHelper("fake", "helper-user", "helper-secret");
    write(
        home.resolve(".docker/config.json"),
        "{\"credHelpers\": {\""
            + HOST
            + "\": \"fake\"}, \"auths\": {\""
            + HOST
            + "\": {\"auth\": \""
            + auth("from-auths", "pw")
            + "\"}}}");
    ResolvedCredentials r = resolver().resolve(HOST).orElseThrow();
    assertEquals(new Credentials("helper-user", "helper-secret"), r.credentials());
    assertEquals("helper docker-credential-fake", r.source());
    assertEquals(HOST, Files.readString(Path.of(script + ".stdin")));
    assertFalse(r.toString().contains("helper-secret"), r.toString());
  }

  @Test
  void givesDockerHubHelpersTheIndexServerUrl() throws Exception {
    Path script = answeringHelper("hub", "<token>", "refresh");
    write(home.resolve(".docker/config.json"), "{\"credHelpers\": {\"docker.io\": \"hub\"}}");
    Credentials c = resolved("registry-1.docker.io");
    assertTrue(c.isIdentityToken());
    assertEquals("https://index.docker.io/v1/", Files.readString(Path.of(script + ".stdin")));
  }

  @Test
  void usesCredsStoreWhenNoCredHelperNamesTheRegistry() throws Exception {
    answeringHelper("store", "store-user", "store-secret");
    answeringHelper("other", "other-user", "other-secret");
    write(
        home.resolve(".docker/config.json"),
        "{\"credsStore\": \"store\", \"credHelpers\": {\"elsewhere.example\": \"other\"},"
            + " \"auths\": {\""
            + HOST
            + "\": {}}}");
    assertEquals(new Credentials("store-user", "store-secret"), resolved(HOST));
    assertEquals("helper docker-credential-store", source(HOST));
    assertEquals("other-user", resolved("elsewhere.example").username());
  }

  @Test
  void fallsBackToAuthsWhenTheHelperHasNoCredentials() throws Exception {
    helper("empty", "cat >/dev/null\necho 'credentials not found in native keychain'\nexit 1");
    write(
        home.resolve(".docker/config.json"),
        "{\"credsStore\": \"empty\", \"auths\": {\""
            + HOST
            + "\": {\"auth\": \""
            + auth("from-auths", "pw")
            + "\"}}}");
    assertEquals("from-auths", resolved(HOST).username());
    assertEquals(Optional.empty(), resolver().resolve("nothing.example"));
  }

  @Test
  void treatsNotFoundOnStderrAsNoCredentials() throws Exception {
    helper("stderr", "cat >/dev/null\necho 'Credentials not found' >&2\nexit 3");
    write(home.resolve(".docker/config.json"), "{\"credsStore\": \"stderr\"}");
    assertEquals(Optional.empty(), resolver().resolve(HOST));
  }

  @Test
  void reportsAFailingHelperByNameWithoutSecrets() throws Exception {
    helper("broken", "cat >/dev/null\necho 'keychain locked' >&2\nexit 2");
    Path file =
        write(
            home.resolve(".docker/config.json"),
            "{\"credHelpers\": {\"" + HOST + "\": \"broken\"}}");
    ImageException e = assertThrows(ImageException.class, () -> resolver().resolve(HOST));
    assertEquals(
        "credential helper \"docker-credential-broken\" (named in \""
            + file
            + "\") failed with exit status 2: keychain locked",
        e.getMessage());
  }

  @Test
  void reportsAHelperAnswerThatIsNotJsonWithoutQuotingIt() throws Exception {
    helper("garbled", "cat >/dev/null\necho '{\"Username\":\"u\",\"Secret\":\"leaky-secret\"'");
    write(home.resolve(".docker/config.json"), "{\"credsStore\": \"garbled\"}");
    ImageException e = assertThrows(ImageException.class, () -> resolver().resolve(HOST));
    assertTrue(e.getMessage().contains("docker-credential-garbled"), e.getMessage());
    assertTrue(e.getMessage().contains("not the expected JSON"), e.getMessage());
    assertFalse(e.getMessage().contains("leaky-secret"), e.getMessage());
  }

  @Test
  void reportsAHelperThatIsNotOnThePath() throws Exception {
    write(home.resolve(".docker/config.json"), "{\"credsStore\": \"missing\"}");
    ImageException e = assertThrows(ImageException.class, () -> resolver().resolve(HOST));
    assertTrue(
        e.getMessage().startsWith("credential helper \"docker-credential-missing\""),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("is not on the PATH"), e.getMessage());
  }

  @Test
  void refusesHelperNamesThatAreNotNames() throws Exception {
    write(home.resolve(".docker/config.json"), "{\"credsStore\": \"../../bin/sh\"}");
    ImageException e = assertThrows(ImageException.class, () -> resolver().resolve(HOST));
    assertTrue(e.getMessage().contains("not a valid helper name"), e.getMessage());
  }

  @Test
  void killsAHelperThatDoesNotAnswerInTime() throws Exception {
    helper("slow", "exec sleep 20");
    write(home.resolve(".docker/config.json"), "{\"credsStore\": \"slow\"}");
    CredentialResolver quick =
        new CredentialResolver(env, home, null, null, Duration.ofMillis(300));
    long start = System.nanoTime();
    ImageException e = assertThrows(ImageException.class, () -> quick.resolve(HOST));
    assertTrue(e.getMessage().contains("did not answer within"), e.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
  }

  @Test
  void refusesAHelperThatPrintsTooMuch() throws Exception {
    helper("chatty", "cat >/dev/null\nhead -c 300000 /dev/zero");
    write(home.resolve(".docker/config.json"), "{\"credsStore\": \"chatty\"}");
    ImageException e = assertThrows(ImageException.class, () -> resolver().resolve(HOST));
    assertTrue(e.getMessage().contains("printed more than"), e.getMessage());
  }

  // --- options and redaction ---

  @Test
  void forOptionsUsesTheOptionsCredentialsAndFile() throws Exception {
    Path file = authsFile(tmp.resolve("opt.json"), HOST, "opt-file", "pw");
    ImageOptions.Builder options = ImageOptions.builder().formats(ManifestFormats.of(List.of()));
    assertEquals(
        "opt-file",
        CredentialResolver.forOptions(options.authFile(file).build())
            .resolve(HOST)
            .orElseThrow()
            .credentials()
            .username());
    Credentials flags = new Credentials("flags", "pw");
    assertEquals(
        new ResolvedCredentials(flags, "--creds"),
        CredentialResolver.forOptions(options.credentials(flags).build())
            .resolve(HOST)
            .orElseThrow());
  }

  @Test
  void neverShowsSecretsInToString() {
    Credentials flags = new Credentials("flags", "flag-secret");
    assertFalse(resolver(flags, null).toString().contains("flag-secret"));
    assertFalse(new ResolvedCredentials(flags, "--creds").toString().contains("flag-secret"));
  }
}
