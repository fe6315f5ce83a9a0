package dev.spyglass.cli.command;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * skopeo's {@code --retry-times} and {@code --retry-delay}: how often a failed step that may pass is
 * run again, and how long to wait between (default: 1 s, doubling). The commands differ only in
 * what a step is.
 */
final class RetryFlags {
  int times;
  @Nullable Duration delay;

  /**
   * Adds the flags to {@code spec}, bound to this object's fields; {@code timesDescription} says
   * what {@code --retry-times} retries.
   */
  void addTo(CommandSpec spec, String timesDescription) {
    spec.addOption(
        Binding.option(int.class, () -> times, v -> times = v, "--retry-times")
            .paramLabel("N")
            .description(timesDescription)
            .build());
    spec.addOption(
        Binding.option(Duration.class, () -> delay, v -> delay = v, "--retry-delay")
            .paramLabel("DURATION")
            .converters(new GoDuration.Converter())
            .description(
                "Fixed delay between --retry-times retries, e.g. 2s (default: 1s, doubling).")
            .build());
  }

  /** {@code --retry-times}, checked. */
  int times() {
    if (times < 0) {
      throw new UsageException("--retry-times must be 0 or more, not " + times);
    }
    return times;
  }

  /** {@code --retry-delay}; empty for the default (1 s, doubling). */
  Optional<Duration> fixedDelay() {
    return Optional.ofNullable(delay);
  }
}
