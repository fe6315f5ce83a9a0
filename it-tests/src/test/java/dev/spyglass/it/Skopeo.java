package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.spyglass.api.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code /usr/bin/skopeo} (Debian skopeo 1.9), the oracle Spyglass is compared with, against
 * the local test registry with {@code --tls-verify=false}. Returns stdout; fails the test with
 * skopeo's stderr when it exits non-zero or is missing.
 */
final class Skopeo {
  static final Path BINARY = Path.of("/usr/bin/skopeo");

  /** A file that does not exist, so skopeo reads no credentials but those a test passes. */
  private static final Path NO_AUTH_FILE =
      Path.of(System.getProperty("java.io.tmpdir"), "spyglass-it-no-such-folder", "auth.json");

  private Skopeo() {}

  /**
   * {@code skopeo inspect --tls-verify=false [flags] IMAGE}, with {@code --creds} when given.
   *
   * @param image e.g. {@code docker://127.0.0.1:5000/repo:tag}
   * @param flags e.g. {@code --raw}, {@code --config}, {@code --no-tags}
   */
  static String inspect(String image, List<String> flags, Credentials... credentials) {
    List<String> args = new ArrayList<>(List.of("inspect", "--tls-verify=false"));
    args.addAll(flags);
    for (Credentials c : credentials) {
      args.add("--creds=" + c.username() + ":" + c.secret());
    }
    args.add(image);
    return run(args);
  }

  static String inspect(String image, String... flags) {
    return inspect(image, List.of(flags));
  }

  /** Runs skopeo with {@code args} and returns its stdout. */
  static String run(List<String> args) {
    return new String(runBytes(args), StandardCharsets.UTF_8);
  }

  /**
   * Runs skopeo with {@code args} and returns its stdout as bytes (for byte-exact {@code --raw}).
   */
  static byte[] runBytes(List<String> args) {
    Outcome outcome = execute(args);
    if (outcome.exitCode() != 0) {
      return fail(
          "skopeo "
              + String.join(" ", redacted(args))
              + " exited with status "
              + outcome.exitCode()
              + ": "
              + outcome.stderr());
    }
    return outcome.stdout();
  }

  /**
   * Runs skopeo with {@code args}, which must fail, and returns its stderr; fails the test when
   * skopeo succeeds.
   */
  static String failure(List<String> args) {
    Outcome outcome = execute(args);
    if (outcome.exitCode() == 0) {
      return fail(
          "skopeo "
              + String.join(" ", redacted(args))
              + " succeeded where it should fail; it printed:\n"
              + new String(outcome.stdout(), StandardCharsets.UTF_8));
    }
    return outcome.stderr();
  }

  /** What one skopeo run did. */
  private record Outcome(int exitCode, byte[] stdout, String stderr) {}

  private static Outcome execute(List<String> args) {
    if (!Files.isExecutable(BINARY)) {
      return fail("the oracle \"" + BINARY + "\" is missing (apt-get install -y skopeo)");
    }
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(args);
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("REGISTRY_AUTH_FILE", NO_AUTH_FILE.toString());
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> stderr = readAsync(process.getErrorStream());
      byte[] stdout = process.getInputStream().readAllBytes();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return fail("skopeo " + String.join(" ", redacted(args)) + " did not finish within 30 s");
      }
      String errors = new String(stderr.join(), StandardCharsets.UTF_8).strip();
      return new Outcome(process.exitValue(), stdout, errors);
    } catch (IOException e) {
      return fail("cannot run skopeo: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while running skopeo", e);
    }
  }

  private static CompletableFuture<byte[]> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return in.readAllBytes();
          } catch (IOException e) {
            return ("(cannot read stderr: " + e.getMessage() + ")")
                .getBytes(StandardCharsets.UTF_8);
          }
        });
  }

  private static List<String> redacted(List<String> args) {
    return args.stream().map(a -> a.startsWith("--creds=") ? "--creds=<redacted>" : a).toList();
  }
}
