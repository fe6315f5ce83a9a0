package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.cli.ExitCode;
import dev.spyglass.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** login and logout without a registry: flags, the auth file, and failures before the network. */
class LoginLogoutCommandTest {
  private static final String SECRET_B64 = "YWxpY2U6czNjcmV0"; // alice:s3cret
  private static final String PASSWORD = "pa55-not-printed";

  @TempDir Path tmp;

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path authFile(String content) throws Exception {
    return Files.writeString(tmp.resolve("auth.json"), content);
  }

  private static void assertNoSecret(Run run) {
    assertFalse(run.out.contains(PASSWORD) || run.err.contains(PASSWORD), run.toString());
    assertFalse(run.out.contains(SECRET_B64) || run.err.contains(SECRET_B64), run.toString());
  }

  @Test
  void logoutRemovesTheRegistryAndKeepsTheRest() throws Exception {
    Path file =
        authFile(
            "{\"auths\": {\"registry.example:5000\": {\"auth\": \""
                + SECRET_B64
                + "\"}, \"other.example\": {\"auth\": \""
                + SECRET_B64
                + "\"}}, \"unknown\": 1}");

    Run run = run("", "logout", "--authfile", file.toString(), "registry.example:5000");

    assertEquals(ExitCode.OK, run.exitCode, run.toString());
    assertEquals("Removed login credentials for registry.example:5000\n", run.out);
    String after = Files.readString(file);
    assertFalse(after.contains("registry.example:5000"), after);
    assertTrue(after.contains("other.example") && after.contains("\"unknown\": 1"), after);
    assertNoSecret(run);
  }

  @Test
  void logoutOfARegistryWithoutCredentialsFailsAsSkopeoDoes() throws Exception {
    Path file = authFile("{\"auths\": {\"other.example\": {\"auth\": \"" + SECRET_B64 + "\"}}}");

    Run run = run("", "logout", "--authfile", file.toString(), "registry.example");

    assertEquals(ExitCode.FAILURE, run.exitCode, run.toString());
    assertEquals("", run.out);
    assertTrue(run.err.startsWith("spyglass: not logged into \"registry.example\""), run.err);
    assertTrue(Files.readString(file).contains("other.example"));
  }

  @Test
  void logoutAllEmptiesAuths() throws Exception {
    Path file =
        authFile(
            "{\"auths\": {\"a.example\": {\"auth\": \""
                + SECRET_B64
                + "\"}, \"b.example\": {}}, \"credHelpers\": {\"c.example\": \"pass\"}}");

    Run run = run("", "logout", "--authfile", file.toString(), "--all");

    assertEquals(ExitCode.OK, run.exitCode, run.toString());
    assertEquals("Removed login credentials for all registries\n", run.out);
    String after = Files.readString(file);
    assertFalse(after.contains("a.example") || after.contains("b.example"), after);
    assertTrue(after.contains("\"c.example\": \"pass\""), after);
  }

  @Test
  void logoutWarnsThatAHelperMayStillHoldCredentials() throws Exception {
    Path file =
        authFile(
            "{\"auths\": {\"gcr.io\": {\"auth\": \""
                + SECRET_B64
                + "\"}}, \"credHelpers\": {\"gcr.io\": \"gcloud\"}}");

    Run run = run("", "logout", "--authfile", file.toString(), "gcr.io");

    assertEquals(ExitCode.OK, run.exitCode, run.toString());
    assertTrue(run.err.contains("docker-credential-gcloud"), run.err);
  }

  @Test
  void logoutWithANamedAuthFileThatDoesNotExistFails() {
    Path missing = tmp.resolve("missing.json");

    Run run = run("", "logout", "--authfile", missing.toString(), "registry.example");

    assertEquals(ExitCode.FAILURE, run.exitCode, run.toString());
    assertTrue(run.err.contains("\"" + missing + "\" does not exist"), run.err);
    assertFalse(Files.exists(missing));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "logout --all registry.example | --all takes no registry",
        "logout | give the registry to log out of",
        "logout registry.example/org | names a repository",
        "login --password-stdin registry.example | --password-stdin needs --username",
        "login -u alice -p x --password-stdin registry.example | cannot be used with --password",
        "login -u alice -p x https:// | invalid registry",
        "login -u alice -p x bad_host:5000 | invalid registry \"bad_host:5000\"",
        "login -u alice registry.example | no password was given and there is no terminal",
        "login -p x registry.example | no user name was given and there is no terminal",
        "login -u a:b -p x registry.example | contains ':'",
        "login | REGISTRY",
        "login a.example b.example | b.example"
      })
  void badCommandLinesAreUsageErrors(String command, String expected) {
    String[] args = (command + " --authfile " + tmp.resolve("auth.json")).split(" ");

    Run run = run("", args);

    assertEquals(ExitCode.USAGE, run.exitCode, run.toString());
    assertTrue(run.err.contains(expected), run.err);
    assertEquals(1, run.err.strip().lines().count(), run.err);
    assertFalse(Files.exists(tmp.resolve("auth.json")), "nothing written");
  }

  @Test
  void passwordStdinWithNothingOnStdinIsAUsageError() {
    Run run =
        run(
            "\n",
            "login",
            "--authfile",
            tmp.resolve("auth.json").toString(),
            "-u",
            "alice",
            "--password-stdin",
            "127.0.0.1:9");

    assertEquals(ExitCode.USAGE, run.exitCode, run.toString());
    assertTrue(run.err.contains("no password on standard input"), run.err);
  }

  @Test
  void loginToAnUnreachableRegistryWritesNothing() {
    Path file = tmp.resolve("auth.json");

    Run run =
        run(
            PASSWORD + "\n",
            "login",
            "--tls-verify=false",
            "--authfile",
            file.toString(),
            "-u",
            "alice",
            "--password-stdin",
            "127.0.0.1:9");

    assertEquals(ExitCode.UNREACHABLE, run.exitCode, run.toString());
    assertTrue(run.err.contains("127.0.0.1:9"), run.err);
    assertFalse(Files.exists(file));
    assertNoSecret(run);
  }

  @Test
  void loginRefusesAFileThatSendsTheRegistryToACredentialHelper() throws Exception {
    Path file = authFile("{\"credsStore\": \"desktop\"}");

    Run run =
        run("", "login", "--authfile", file.toString(), "-u", "alice", "-p", PASSWORD, "x.example");

    assertEquals(ExitCode.FAILURE, run.exitCode, run.toString());
    assertTrue(run.err.contains("docker-credential-desktop"), run.err);
    assertEquals("{\"credsStore\": \"desktop\"}", Files.readString(file));
    assertNoSecret(run);
  }

  @Test
  void getLoginPrintsTheStoredUser() throws Exception {
    Path file = authFile("{\"auths\": {\"https://registry.example\": {\"auth\": \"" + SECRET_B64 + "\"}}}");

    Run run = run("", "login", "--authfile", file.toString(), "--get-login", "registry.example");

    assertEquals(ExitCode.OK, run.exitCode, run.toString());
    assertEquals("alice\n", run.out);
    assertNoSecret(run);
  }

  @Test
  void getLoginWithoutCredentialsFails() throws Exception {
    Path file = authFile("{}");

    Run run = run("", "login", "--authfile", file.toString(), "--get-login", "registry.example");

    assertEquals(ExitCode.FAILURE, run.exitCode, run.toString());
    assertTrue(run.err.contains("not logged into \"registry.example\""), run.err);
  }

  @Test
  void malformedAuthFileIsNamedWithoutItsContents() throws Exception {
    Path file = authFile("{\"auths\": {\"registry.example\": {\"auth\": \"" + SECRET_B64 + "\"}},");

    Run run = run("", "logout", "--authfile", file.toString(), "registry.example");

    assertEquals(ExitCode.FAILURE, run.exitCode, run.toString());
    assertTrue(run.err.contains("\"" + file + "\""), run.err);
    assertNoSecret(run);
  }

  @ParameterizedTest
  @CsvSource({
    "registry.example:5000, registry.example:5000",
    "https://registry.example:5000/v1/, registry.example:5000",
    "http://Registry.Example, Registry.Example",
    "index.docker.io, docker.io",
    "docker.io, docker.io",
    "'[::1]:5000', '[::1]:5000'"
  })
  void registryArgumentIsHostAndPortOrAUrlOfOne(String text, String registry) {
    assertEquals(registry, RegistryArgument.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"registry.example/org", "", "https://", "a b", "host:port"})
  void registryArgumentRefusesAnythingElse(String text) {
    assertThrows(UsageException.class, () -> RegistryArgument.parse(text));
  }

  @Test
  void helpListsLoginAndLogout() {
    Run run = run("", "--help");

    assertTrue(run.out.contains("login") && run.out.contains("logout"), run.out);
  }
}
