package dev.spyglass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.SizeMismatchException;
import dev.spyglass.cli.command.RemedyFlags;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The remedy names the flags of the command that failed: one side's for a command with two
 * registries ({@code copy}; which side a registry is, is {@code RemedyFlagsTest}'s), the single
 * ones otherwise.
 */
class ErrorReporterTest {
  /** As {@code copy docker://a.example/app:1 docker://b.example/app:1} answers. */
  private static final RemedyFlags.PerRegistry COPY =
      registry ->
          switch (registry) {
            case "a.example" -> RemedyFlags.SOURCE;
            case "b.example" -> RemedyFlags.DESTINATION;
            default -> RemedyFlags.EITHER_SIDE;
          };

  @Test
  void authenticationRemediesNameTheSidesFlags() {
    String required = report(new AuthenticationException("b.example", "app", 401, false, ""), COPY);
    assertTrue(
        required.contains(
            "give credentials with --dest-creds USER:PASSWORD or --dest-authfile FILE,"
                + " or run 'spyglass login b.example'"),
        required);
    String refused = report(new AuthenticationException("a.example", "app", 401, true, ""), COPY);
    assertTrue(refused.contains("given with --src-creds or stored"), refused);
    String single =
        report(new AuthenticationException("a.example", "app", 401, false, ""), "inspect");
    assertTrue(
        single.contains("give credentials with --creds USER:PASSWORD or --authfile FILE"), single);
  }

  @Test
  void aFailureIsOneLineWithItsExitCode() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new ErrorReporter(new PrintStream(err, true, StandardCharsets.UTF_8))
            .report(new AuthenticationException("a.example", "app", 401, false, ""), false, "x");
    assertEquals(ExitCode.AUTHENTICATION, code);
    assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count());
  }

  private static String report(Exception failure, Object command) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    new ErrorReporter(new PrintStream(err, true, StandardCharsets.UTF_8))
        .report(failure, false, command);
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aSizeMismatchMapsToInvalidContentAsADigestMismatchDoes() {
    Digest digest = Digest.sha256("layer".getBytes(StandardCharsets.UTF_8));

    assertEquals(
        ExitCode.INVALID_CONTENT,
        ErrorReporter.exitCode(new SizeMismatchException("blob too short", digest, 10, 5)));
    assertEquals(
        ExitCode.INVALID_CONTENT,
        ErrorReporter.exitCode(new DigestMismatchException("blob", digest, Digest.sha256("config".getBytes(StandardCharsets.UTF_8)))));
    assertEquals(ExitCode.FAILURE, ErrorReporter.exitCode(new ImageException("timed out")));
  }
}
