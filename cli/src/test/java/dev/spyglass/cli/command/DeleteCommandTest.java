package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Digest;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.transport.docker.DockerReference;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeleteCommandTest {
  private static final String DIGEST =
      "sha256:70d966984c98b9c4487950ceea13061d7cd7056b9d3af86ec5c5492dd5c92839";

  @Test
  void refusesALayoutTransportAsAUsageErrorNamingIt(@TempDir Path dir) {
    String image = "oci:" + dir + ":1.0";

    CliRun run = CliRun.of("delete", image).assertFailure(ExitCode.USAGE);

    assertTrue(run.err().contains("\"" + image + "\""), run.err());
    assertTrue(run.err().contains("transport \"oci\" does not support deleting images"), run.err());
  }

  @Test
  void refusesTheDirTransport(@TempDir Path dir) {
    CliRun run = CliRun.of("delete", "dir:" + dir).assertFailure(ExitCode.USAGE);

    assertTrue(run.err().contains("transport \"dir\""), run.err());
  }

  @Test
  void refusesAnUnknownTransport() {
    CliRun.of("delete", "nope://x/y").assertFailure(ExitCode.USAGE);
  }

  @Test
  void needsExactlyOneImage() {
    CliRun.of("delete").assertFailure(ExitCode.USAGE);
    CliRun.of("delete", "docker://r.example/a:1", "docker://r.example/b:1")
        .assertFailure(ExitCode.USAGE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docker://127.0.0.1:5000/App:1",
        "docker://127.0.0.1:5000/app:1@" + DIGEST,
        "docker://127.0.0.1:5000/app@sha256:123",
        "docker:127.0.0.1:5000/app:1"
      })
  void refusesAnInvalidDockerReferenceAsAUsageError(String image) {
    CliRun run = CliRun.of("delete", image).assertFailure(ExitCode.USAGE);

    assertTrue(run.err().contains("\"" + image.substring("docker:".length()) + "\""), run.err());
  }

  @Test
  void refusesAnUnknownFlag() {
    CliRun.of("delete", "--all", "docker://r.example/a:1").assertFailure(ExitCode.USAGE);
  }

  @Test
  void refusesCredentialFlagsTogether() {
    CliRun run =
        CliRun.of(
                "delete",
                "--creds",
                "u:p",
                "--username",
                "u",
                "docker://127.0.0.1:5000/app:1")
            .assertFailure(ExitCode.USAGE);

    assertTrue(run.err().contains("--creds cannot be used with --username"), run.err());
  }

  @Test
  void acceptsTagAndDigestReferences() {
    Transports transports = Transports.installed();

    DockerReference byTag =
        DeleteCommand.parseImage(transports, "docker://127.0.0.1:5000/ns/app:1.0");
    DockerReference byDigest =
        DeleteCommand.parseImage(transports, "docker://127.0.0.1:5000/ns/app@" + DIGEST);

    assertEquals("1.0", byTag.tag().orElseThrow());
    assertEquals(Digest.parse(DIGEST), byDigest.digest().orElseThrow());
    assertEquals("ns/app", byDigest.repository());
  }

  @Test
  void refusesNonDockerReferencesFromTheParser(@TempDir Path dir) {
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> DeleteCommand.parseImage(Transports.installed(), "dir:" + dir));
    assertTrue(e.getMessage().contains("only docker:// images can be deleted"), e.getMessage());
  }

  @Test
  void takesTheRegistryFlagsAndReportsAnUnreachableRegistry(@TempDir Path dir) throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }

    CliRun run =
        CliRun.of(
                "delete",
                "--tls-verify=false",
                "--cert-dir",
                dir.toString(),
                "--creds",
                "alice:secret-pw",
                "--authfile",
                dir.resolve("auth.json").toString(),
                "docker://127.0.0.1:" + port + "/ns/app:1")
            .assertFailure(ExitCode.UNREACHABLE);

    assertTrue(run.err().contains("127.0.0.1:" + port), run.err());
    assertTrue(!run.err().contains("secret-pw"), run.err());
  }

  @Test
  void isListedInTheHelp() {
    CliRun run = CliRun.of("--help");

    assertEquals(ExitCode.OK, run.exitCode());
    assertTrue(run.out().contains("delete"), run.out());
  }
}
