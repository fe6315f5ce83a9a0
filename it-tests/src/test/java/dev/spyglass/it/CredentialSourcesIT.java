package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.auth.CredentialResolver;
import dev.spyglass.auth.ResolvedCredentials;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.it.TestImages.Blob;
import dev.spyglass.it.TestImages.PushedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every place {@link CredentialResolver} finds credentials, each ALONE, end to end against a real
 * registry that wants htpasswd Basic credentials: a fresh empty home and an environment map holding
 * only the variable under test, the credentials resolved for {@code 127.0.0.1:PORT}, then the image
 * read through the library with those credentials (and a fresh, empty auth file: a client of its
 * own per test, as the docker transport shares clients per settings). One test runs the CLI in a
 * child JVM, to prove that the command reads the process environment itself.
 */
class CredentialSourcesIT {
  private static final String USER = "spyglass";
  private static final String PASSWORD = "s3cret: pa55 word";
  private static final String WRONG_PASSWORD = "wr0ng-pa55-word";
  private static final AtomicInteger FOLDERS = new AtomicInteger();

  private static RegistryProcess registry;
  private static PushedImage image;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = RegistryProcess.basicAuth(USER, PASSWORD);
    image = TestImages.pushSchema2(registry.pusher(), "private/app", List.of("1.0"));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void nothingConfiguredMeansAnonymousWhichTheRegistryRefuses() throws Exception {
    Path home = folder("home");
    assertEquals(
        Optional.empty(), new CredentialResolver(Map.of(), home, null, null).resolve(host()));
    AuthenticationException required =
        assertThrows(
            AuthenticationException.class, () -> Sources.manifest(ref(), options().build()));
    assertEquals(AuthenticationException.Reason.REQUIRED, required.reason());
  }

  @Test
  void explicitCredentials() throws Exception {
    ResolvedCredentials found =
        resolve(new CredentialResolver(Map.of(), folder("home"), credentials(), null));
    assertEquals("--creds", found.source());
    assertInspects(found);
  }

  @Test
  void authFileArgument() throws Exception {
    Path file = auths(folder("given").resolve("auth.json"), PASSWORD);
    ResolvedCredentials found =
        resolve(new CredentialResolver(Map.of(), folder("home"), null, file));
    assertEquals("file " + file + " (auths)", found.source());
    assertInspects(found);
  }

  @Test
  void registryAuthFileVariable() throws Exception {
    Path file = auths(folder("variable").resolve("auth.json"), PASSWORD);
    assertResolvesAndInspects(Map.of("REGISTRY_AUTH_FILE", file.toString()), folder("home"), file);
  }

  @Test
  void xdgRuntimeDir() throws Exception {
    Path runtime = folder("run-user");
    Path file = auths(runtime.resolve("containers/auth.json"), PASSWORD);
    assertResolvesAndInspects(Map.of("XDG_RUNTIME_DIR", runtime.toString()), folder("home"), file);
  }

  @Test
  void xdgConfigHome() throws Exception {
    Path config = folder("xdg-config");
    Path file = auths(config.resolve("containers/auth.json"), PASSWORD);
    assertResolvesAndInspects(Map.of("XDG_CONFIG_HOME", config.toString()), folder("home"), file);
  }

  @Test
  void containersAuthJsonInHome() throws Exception {
    Path home = folder("home");
    Path file = auths(home.resolve(".config/containers/auth.json"), PASSWORD);
    assertResolvesAndInspects(Map.of(), home, file);
  }

  @Test
  void dockerConfigVariableWithBase64Auth() throws Exception {
    Path dir = folder("docker-config");
    Path file = auths(dir.resolve("config.json"), PASSWORD);
    assertResolvesAndInspects(Map.of("DOCKER_CONFIG", dir.toString()), folder("home"), file);
  }

  @Test
  void dockerConfigVariableWithUsernameAndPassword() throws Exception {
    Path dir = folder("docker-config");
    JsonObject entry = new JsonObject();
    entry.addProperty("username", USER);
    entry.addProperty("password", PASSWORD);
    Path file = write(dir.resolve("config.json"), file("auths", object(host(), entry)));
    assertResolvesAndInspects(Map.of("DOCKER_CONFIG", dir.toString()), folder("home"), file);
  }

  @Test
  void dockerConfigJsonInHome() throws Exception {
    Path home = folder("home");
    Path file = auths(home.resolve(".docker/config.json"), PASSWORD);
    assertResolvesAndInspects(Map.of(), home, file);
  }

  @Test
  void credHelpersEntryRunsItsHelperFromThePath() throws Exception {
    Path bin = helper("spyglass-it-helpers");
    Path home = folder("home");
    write(
        home.resolve(".docker/config.json"),
        file("credHelpers", object(host(), "spyglass-it-helpers")));
    ResolvedCredentials found =
        resolve(new CredentialResolver(Map.of("PATH", bin.toString()), home, null, null));
    assertEquals("helper docker-credential-spyglass-it-helpers", found.source());
    assertInspects(found);
  }

  @Test
  void credsStoreRunsItsHelperFromThePath() throws Exception {
    Path bin = helper("spyglass-it-store");
    Path dir = folder("docker-config");
    JsonObject config = file("auths", object(host(), new JsonObject()));
    config.addProperty("credsStore", "spyglass-it-store");
    write(dir.resolve("config.json"), config);
    ResolvedCredentials found =
        resolve(
            new CredentialResolver(
                Map.of("PATH", bin.toString(), "DOCKER_CONFIG", dir.toString()),
                folder("home"),
                null,
                null));
    assertEquals("helper docker-credential-spyglass-it-store", found.source());
    assertInspects(found);
  }

  @Test
  void legacyDockercfgInHome() throws Exception {
    Path home = folder("home");
    JsonObject entry = new JsonObject();
    entry.addProperty("auth", basic(PASSWORD));
    entry.addProperty("email", "it@spyglass.dev");
    Path file = write(home.resolve(".dockercfg"), object("https://" + host() + "/v1/", entry));
    ResolvedCredentials found = resolve(new CredentialResolver(Map.of(), home, null, null));
    assertEquals("file " + file + " (legacy)", found.source());
    assertInspects(found);
  }

  @Test
  void wrongPasswordFromAFileIsRefused() throws Exception {
    Path dir = folder("docker-config");
    Path file = auths(dir.resolve("config.json"), WRONG_PASSWORD);
    ResolvedCredentials found =
        resolve(
            new CredentialResolver(
                Map.of("DOCKER_CONFIG", dir.toString()), folder("home"), null, null));
    assertEquals("file " + file + " (auths)", found.source());
    ImageOptions options = options().credentials(found.credentials()).build();
    AuthenticationException refused =
        assertThrows(AuthenticationException.class, () -> Sources.manifest(ref(), options));
    assertAll(
        () -> assertEquals(AuthenticationException.Reason.REFUSED, refused.reason()),
        () -> assertEquals(host(), refused.registry()),
        () -> assertEquals(401, refused.status()),
        () -> assertFalse(refused.getMessage().contains(WRONG_PASSWORD), refused::getMessage));
  }

  /**
   * The CLI in a JVM of its own (the test class path, this JDK's {@code java}), with an environment
   * of nothing but {@code REGISTRY_AUTH_FILE} and an empty home: it reads the variable itself. The
   * same run without the variable needs credentials.
   */
  @Test
  void commandInAChildProcessReadsRegistryAuthFileFromItsEnvironment() throws Exception {
    Path file = auths(folder("process").resolve("auth.json"), PASSWORD);
    Path home = folder("home");

    ProcessResult withVariable =
        spyglassProcess(Map.of("REGISTRY_AUTH_FILE", file.toString()), home);
    ProcessResult without = spyglassProcess(Map.of(), home);

    assertEquals(ExitCode.OK, withVariable.exitCode(), withVariable::toString);
    assertEquals(
        image.digest("1.0").toString(),
        JsonParser.parseString(withVariable.stdout())
            .getAsJsonObject()
            .get("Digest")
            .getAsString());
    assertEquals(ExitCode.AUTHENTICATION, without.exitCode(), without::toString);
    assertTrue(
        without.stderr().contains("\"" + host() + "\" requires authentication"), without::toString);
  }

  // --- helpers ---

  private static void assertResolvesAndInspects(Map<String, String> env, Path home, Path file)
      throws Exception {
    ResolvedCredentials found = resolve(new CredentialResolver(env, home, null, null));
    assertEquals("file " + file + " (auths)", found.source());
    assertInspects(found);
  }

  private static ResolvedCredentials resolve(CredentialResolver resolver) throws Exception {
    ResolvedCredentials found =
        resolver.resolve(host()).orElseThrow(() -> new AssertionError("no credentials found"));
    assertEquals(credentials().username(), found.credentials().username());
    return found;
  }

  /** Reads the manifest and config with the credentials found, and nothing else. */
  private static void assertInspects(ResolvedCredentials found) throws Exception {
    ImageOptions options = options().credentials(found.credentials()).build();
    try (ImageSource source = Sources.open(ref(), options)) {
      assertEquals(image.digest("1.0"), source.manifest().digest());
      Blob config = image.config().orElseThrow();
      assertArrayEquals(config.bytes(), Sources.readBlob(source, config.descriptor()));
    }
  }

  /** Plain HTTP (so TLS verification off), and a fresh empty auth file: a client of its own. */
  private static ImageOptions.Builder options() throws IOException {
    return ImageOptions.builder().tlsVerify(false).authFile(AuthFiles.empty(folder("auth")));
  }

  private static Credentials credentials() {
    return new Credentials(USER, PASSWORD);
  }

  private static String host() {
    return registry.hostPort();
  }

  private static String ref() {
    return image.byTag(host(), "1.0");
  }

  private static Path folder(String name) {
    return registry.newFolder(name + "-" + FOLDERS.incrementAndGet());
  }

  private static String basic(String password) {
    return Base64.getEncoder()
        .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code {"auths": {"127.0.0.1:PORT": {"auth": base64(USER:password)}}}} at {@code path}. */
  private static Path auths(Path path, String password) throws IOException {
    JsonObject entry = new JsonObject();
    entry.addProperty("auth", basic(password));
    return write(path, file("auths", object(host(), entry)));
  }

  private static JsonObject file(String key, JsonObject value) {
    return object(key, value);
  }

  private static JsonObject object(String key, JsonObject value) {
    JsonObject object = new JsonObject();
    object.add(key, value);
    return object;
  }

  private static JsonObject object(String key, String value) {
    JsonObject object = new JsonObject();
    object.addProperty(key, value);
    return object;
  }

  private static Path write(Path path, JsonObject content) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, TestImages.GSON.toJson(content));
    return path;
  }

  /**
   * A folder holding {@code docker-credential-NAME}: a shell script that answers {@code get} for
   * this registry only (its server URL read from stdin) with {@code {ServerURL, Username, Secret}},
   * and says "credentials not found" otherwise.
   */
  private static Path helper(String name) throws IOException {
    Path bin = folder("bin");
    Path script = bin.resolve("docker-credential-" + name);
    Files.writeString(
        script,
        String.join(
            "\n",
            "#!/bin/sh",
            "[ \"$1\" = get ] || { echo \"unsupported action: $1\" >&2; exit 1; }",
            "read -r server || true",
            "if [ \"$server\" = '" + host() + "' ]; then",
            "  printf '{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\"%s\"}\\n' \\",
            "    '" + host() + "' '" + USER + "' '" + PASSWORD + "'",
            "else",
            "  echo 'credentials not found in native keychain'",
            "  exit 1",
            "fi",
            ""));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return bin;
  }

  /** What a child process did. */
  private record ProcessResult(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + ", stderr: " + stderr.strip();
    }
  }

  /**
   * {@code java -cp TEST_CLASS_PATH dev.spyglass.cli.Main inspect --tls-verify=false REF} with
   * {@code env} as its whole environment and {@code home} as {@code user.home}.
   */
  private static ProcessResult spyglassProcess(Map<String, String> env, Path home)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String classPath = System.getProperty("java.class.path", "");
    if (!classPath.contains("spyglass-cli")
        && !classPath.contains("cli" + File.separator + "target")) {
      fail("the test class path does not hold the CLI, cannot run it in a child JVM: " + classPath);
    }
    Path dir = folder("process-io");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.add("-Duser.home=" + home);
    command.add("-cp");
    command.add(classPath);
    command.add("dev.spyglass.cli.Main");
    command.add("inspect");
    command.add("--tls-verify=false");
    command.add(ref());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        fail("spyglass in a child JVM did not finish within 30 s");
      }
    } finally {
      process.destroyForcibly();
    }
    return new ProcessResult(
        process.exitValue(),
        Files.readString(dir.resolve("stdout")),
        Files.readString(dir.resolve("stderr")));
  }
}
