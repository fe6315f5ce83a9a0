package dev.spyglass.cli.command;

import dev.spyglass.cli.ExitCode;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryFlagsTest {

  @ParameterizedTest
  @ValueSource(strings = {"inspect", "copy"})
  void refusesARetryDelayThatIsNotAGoDuration(String command) {
    CliRun run =
        command.equals("copy")
            ? CliRun.of("copy", "--retry-delay", "2x", "docker://127.0.0.1:1/a", "dir:/nowhere")
            : CliRun.of("inspect", "--retry-delay", "2x", "docker://127.0.0.1:1/a");

    run.assertFailure(ExitCode.USAGE);
    assertTrue(run.err().contains("invalid duration \"2x\""), run.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"inspect", "copy"})
  void refusesNegativeRetryTimes(String command) {
    CliRun run =
        command.equals("copy")
            ? CliRun.of("copy", "--retry-times", "-1", "docker://127.0.0.1:1/a", "dir:/nowhere")
            : CliRun.of("inspect", "--retry-times", "-1", "docker://127.0.0.1:1/a");

    run.assertFailure(ExitCode.USAGE);
    assertTrue(run.err().contains("--retry-times must be 0 or more, not -1"), run.err());
  }
}
