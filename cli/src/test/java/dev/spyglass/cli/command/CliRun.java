package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spyglass.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of {@code spyglass} through {@link Main#run}: its exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Asserts a failure: this exit code, nothing on stdout, one line on stderr without a stack trace. */
  CliRun assertFailure(int expectedCode) {
    assertEquals(expectedCode, exitCode, this::toString);
    assertEquals("", out, "stdout must carry data only");
    assertFalse(err.isBlank(), "nothing on stderr");
    assertEquals(1, err.strip().lines().count(), err);
    assertFalse(err.contains("\tat "), err);
    return this;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + ", stdout: " + out + ", stderr: " + err;
  }
}
