package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Digest;
import dev.spyglass.cli.ExitCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandDeadlineTest {

  @Test
  void aCommandFinishingInTimeRunsAsWithoutTheFlag(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("bytes"), "{}");

    CliRun run = CliRun.of("--command-timeout", "30s", "manifest-digest", file.toString());

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)) + "\n", run.out());
  }

  @Test
  void anInvalidTimeoutIsAUsageError() {
    CliRun run =
        CliRun.of("--command-timeout", "soon", "inspect", "docker://127.0.0.1:1/app:1")
            .assertFailure(ExitCode.USAGE);
    assertTrue(run.err().contains("invalid duration \"soon\""), run.err());
  }

  @Test
  void aCommandStillWaitingAtItsDeadlineFailsWithOneLine() throws Exception {
    List<Socket> held = new ArrayList<>();
    // Accepts connections and never answers: the TLS handshake would wait 10 s.
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread accepting =
          new Thread(
              () -> {
                while (true) {
                  try {
                    held.add(silent.accept());
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      accepting.start();
      long start = System.nanoTime();

      CliRun run =
          CliRun.of(
                  "inspect",
                  "--command-timeout",
                  "700ms",
                  "docker://127.0.0.1:" + silent.getLocalPort() + "/app:1")
              .assertFailure(ExitCode.FAILURE);

      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertEquals(
          "spyglass: the command did not finish within 700ms (--command-timeout)",
          run.err().strip());
      assertTrue(millis < 700 + CommandDeadline.GRACE.toMillis() + 2000, millis + " ms");
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
