package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The remedy on a failure names flags the command takes: {@code copy} has no {@code --tls-verify}
 * or {@code --creds}, but one of each per side.
 */
class RemedyFlagsTest {
  private ServerSocket plainHttp;
  private Thread answering;

  @TempDir Path tmp;

  /** A server that answers anything, a TLS ClientHello included, with a plain HTTP 400. */
  @BeforeEach
  void startPlainHttpServer() throws IOException {
    plainHttp = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    answering =
        new Thread(
            () -> {
              while (!plainHttp.isClosed()) {
                try (Socket client = plainHttp.accept()) {
                  InputStream in = client.getInputStream();
                  in.read(new byte[4096]);
                  OutputStream out = client.getOutputStream();
                  out.write(
                      "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException e) {
                  // closed by the test, or a client that gave up: serve the next one
                }
              }
            },
            "plain-http");
    answering.setDaemon(true);
    answering.start();
  }

  @AfterEach
  void stop() throws Exception {
    plainHttp.close();
    answering.join(5_000);
  }

  private String registry() {
    return "127.0.0.1:" + plainHttp.getLocalPort();
  }

  @Test
  void copyFromARegistryWithoutTlsNamesTheSourceFlags() {
    CliRun run =
        CliRun.of("copy", "docker://" + registry() + "/app:1", "dir:" + tmp.resolve("copy"))
            .assertFailure(ExitCode.TLS);
    assertTrue(run.err().contains("--src-cert-dir DIR"), run::toString);
    assertTrue(run.err().contains("--src-tls-verify=false"), run::toString);
    assertFalse(run.err().contains(" --tls-verify"), run::toString);
    assertFalse(run.err().contains("--dest-"), run::toString);
  }

  @Test
  void inspectOfARegistryWithoutTlsNamesItsOwnFlags() {
    CliRun run =
        CliRun.of("inspect", "docker://" + registry() + "/app:1").assertFailure(ExitCode.TLS);
    assertTrue(
        run.err()
            .endsWith(
                "; trust its CA with --cert-dir DIR, or skip verification with --tls-verify=false"
                    + System.lineSeparator()),
        run::toString);
  }

  @Test
  void copyNamesTheSideWhoseRegistryFailed() {
    CopyCommand twoRegistries = copy("docker://a.example/app:1", "docker://b.example/app:1");
    assertEquals(RemedyFlags.SOURCE, twoRegistries.remedyFlags("a.example"));
    assertEquals(RemedyFlags.DESTINATION, twoRegistries.remedyFlags("b.example"));
    assertEquals(RemedyFlags.EITHER_SIDE, twoRegistries.remedyFlags("auth.example"));

    CopyCommand oneRegistry = copy("dir:/images/app", "docker://b.example/app:1");
    assertEquals(RemedyFlags.DESTINATION, oneRegistry.remedyFlags("b.example"));
    assertEquals(
        RemedyFlags.DESTINATION,
        oneRegistry.remedyFlags("auth.example"),
        "a token server of the only registry side");

    CopyCommand dockerHub = copy("docker://busybox", "oci:/images/layout:busybox");
    assertEquals(RemedyFlags.SOURCE, dockerHub.remedyFlags("registry-1.docker.io"));

    CopyCommand withinOneRegistry = copy("docker://a.example/app:1", "docker://a.example/copy:1");
    assertEquals(RemedyFlags.EITHER_SIDE, withinOneRegistry.remedyFlags("a.example"));
  }

  private static CopyCommand copy(String source, String destination) {
    CopyCommand command =
        new CopyCommand(
            Transports.installed(),
            ManifestFormats.installed(),
            new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    new CommandLine(command.spec()).parseArgs(source, destination);
    return command;
  }
}
