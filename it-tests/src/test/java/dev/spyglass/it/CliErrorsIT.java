package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.cli.ExitCode;
import dev.spyglass.it.TestImages.PushedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How {@code spyglass inspect} fails: one line on stderr naming what failed, nothing on stdout, no
 * stack trace, no password, and an exit code per kind of failure. One HTTPS registry with Basic
 * auth serves every case that needs a registry.
 */
class CliErrorsIT {
  private static final String USER = "spyglass";
  private static final String PASSWORD = "s3cret-pa55word";
  private static final String WRONG_PASSWORD = "wr0ng-pa55word";

  private static RegistryProcess registry;
  private static PushedImage image;
  private static Path emptyAuthFile;

  @BeforeAll
  static void pushImage() throws Exception {
    registry = RegistryProcess.tlsWithBasicAuth(USER, PASSWORD);
    image = TestImages.pushSchema2(registry.pusher(), "private/app", List.of("1.0"));
    emptyAuthFile = AuthFiles.empty(registry.newFolder("auth"));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void succeedsWithTheRightCredentialsWhenNotVerifyingTls() {
    Cli.Result ok =
        spyglass(
            "--tls-verify=false",
            "--creds",
            USER + ":" + PASSWORD,
            image.byTag(registry.hostPort(), "1.0"));
    assertEquals(0, ok.exitCode(), ok::toString);
  }

  @Test
  void debugShowsTheWireWithCredentialsRedacted() {
    Cli.Result ok =
        Cli.run(
            "--debug",
            "inspect",
            "--tls-verify=false",
            "--creds",
            USER + ":" + PASSWORD,
            image.byTag(registry.hostPort(), "1.0"));
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertAll(
        () -> assertEquals(0, ok.exitCode(), ok::toString),
        () -> assertTrue(ok.stderr().contains("--> GET https://" + registry.hostPort() + "/v2/"), ok.stderr()),
        () -> assertTrue(ok.stderr().contains("<-- 401"), ok.stderr()),
        () -> assertTrue(ok.stderr().contains("<-- 200"), ok.stderr()),
        () -> assertTrue(ok.stderr().contains("Authorization"), ok.stderr()),
        () -> assertFalse(ok.stderr().contains(PASSWORD), "password in --debug output"),
        () -> assertFalse(ok.stderr().contains(basic), "Basic credentials in --debug output"),
        () -> assertTrue(ok.out().startsWith("{"), "stdout carries only the JSON"));
  }

  @Test
  void missingTagIsNotFound() {
    assertFailedCleanly(notFound(), ExitCode.NOT_FOUND, "no-such-tag");
  }

  @Test
  void badNameIsAUsageError() {
    assertFailedCleanly(badName(), ExitCode.USAGE, "UPPER/Case");
  }

  @Test
  void missingCredentialsAreAnAuthenticationError() {
    assertFailedCleanly(authenticationRequired(), ExitCode.AUTHENTICATION, registry.hostPort());
  }

  @Test
  void wrongPasswordIsAnAuthenticationErrorThatDoesNotShowIt() {
    Cli.Result result = wrongPassword();
    assertFailedCleanly(result, ExitCode.AUTHENTICATION, registry.hostPort());
    assertFalse(result.stderr().contains(WRONG_PASSWORD), result::toString);
  }

  @Test
  void untrustedCertificateIsATlsError() {
    assertFailedCleanly(untrustedCertificate(), ExitCode.TLS, registry.hostPort());
  }

  @Test
  void closedPortIsUnreachable() throws IOException {
    String hostPort = "127.0.0.1:" + closedPort();
    assertFailedCleanly(unreachable(hostPort), ExitCode.UNREACHABLE, hostPort);
  }

  @Test
  void eachKindOfFailureExitsWithItsOwnNonZeroCode() throws IOException {
    List<Integer> codes =
        Stream.of(
                notFound(),
                badName(),
                authenticationRequired(),
                untrustedCertificate(),
                unreachable("127.0.0.1:" + closedPort()))
            .map(Cli.Result::exitCode)
            .toList();
    assertFalse(codes.contains(0), () -> "exit codes: " + codes);
    assertEquals(
        codes.size(), Set.copyOf(codes).size(), () -> "exit codes are not distinct: " + codes);
    assertEquals(authenticationRequired().exitCode(), wrongPassword().exitCode());
  }

  private static Cli.Result notFound() {
    return spyglass(
        "--tls-verify=false",
        "--creds",
        USER + ":" + PASSWORD,
        "docker://" + registry.hostPort() + "/private/app:no-such-tag");
  }

  private static Cli.Result badName() {
    return spyglass("docker://" + registry.hostPort() + "/UPPER/Case:1.0");
  }

  private static Cli.Result authenticationRequired() {
    return spyglass("--tls-verify=false", image.byTag(registry.hostPort(), "1.0"));
  }

  private static Cli.Result wrongPassword() {
    return spyglass(
        "--tls-verify=false",
        "--creds",
        USER + ":" + WRONG_PASSWORD,
        image.byTag(registry.hostPort(), "1.0"));
  }

  private static Cli.Result untrustedCertificate() {
    return spyglass("--creds", USER + ":" + PASSWORD, image.byTag(registry.hostPort(), "1.0"));
  }

  private static Cli.Result unreachable(String hostPort) {
    return spyglass("--tls-verify=false", "docker://" + hostPort + "/app:1.0");
  }

  private static Cli.Result spyglass(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "inspect";
    all[1] = "--authfile";
    all[2] = emptyAuthFile.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Cli.run(all);
  }

  private static void assertFailedCleanly(Cli.Result result, int exitCode, String subject) {
    String stderr = result.stderr();
    assertAll(
        () -> assertEquals(exitCode, result.exitCode(), result::toString),
        () -> assertEquals("", result.out(), "stdout must stay empty"),
        () ->
            assertTrue(
                stderr.endsWith("\n") && stderr.indexOf('\n') == stderr.length() - 1,
                () -> "stderr must be exactly one line: " + stderr),
        () ->
            assertFalse(
                stderr.contains("\tat ") || stderr.contains("Exception"),
                () -> "stderr shows a stack trace or exception name: " + stderr),
        () -> assertFalse(stderr.contains(PASSWORD), "stderr shows the password"),
        () ->
            assertTrue(
                stderr.contains(subject),
                () -> "stderr does not name \"" + subject + "\": " + stderr));
  }

  /** A loopback port nothing listens on (free a moment ago). */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
