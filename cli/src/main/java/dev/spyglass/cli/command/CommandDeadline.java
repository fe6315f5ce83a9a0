package dev.spyglass.cli.command;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * skopeo's {@code --command-timeout DURATION}: the command runs on its own thread and fails when it
 * has not finished in time, with one line saying so (exit 1). At the deadline the command's thread
 * is interrupted and given {@link #GRACE} to stop and clean up (a copy closes its destination,
 * removing what it had begun to write); a command still running after that is abandoned, and the
 * JVM's exit runs the shutdown hooks that close a copy's destination ({@link CloseOnShutdown}).
 * Without the flag (or with {@code 0}, as skopeo's default) the command runs as before, on the
 * calling thread.
 */
public final class CommandDeadline implements CommandLine.IExecutionStrategy {
  public static final String OPTION = "--command-timeout";

  /** How long a timed-out command may take to stop and clean up. */
  static final Duration GRACE = Duration.ofSeconds(2);

  private static final Pattern PART = Pattern.compile("(\\d*(?:\\.\\d*)?)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "μs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private final Duration grace;

  public CommandDeadline() {
    this(GRACE);
  }

  CommandDeadline(Duration grace) {
    this.grace = grace;
  }

  @Override
  public int execute(ParseResult parseResult) {
    Duration timeout = timeout(parseResult);
    CommandLine.RunLast run = new CommandLine.RunLast();
    if (timeout == null || timeout.isZero()) {
      return run.execute(parseResult);
    }
    FutureTask<Integer> task = new FutureTask<>(() -> run.execute(parseResult));
    Thread worker = new Thread(task, "spyglass-command");
    worker.setDaemon(true);
    worker.start();
    try {
      return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime; // picocli's ExecutionException or ParameterException, reported as usual
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (TimeoutException e) {
      worker.interrupt();
      try {
        worker.join(grace.toMillis());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      CommandLine last = lastCommand(parseResult);
      throw new CommandLine.ExecutionException(
          last, "timed out", new TimedOutException(format(timeout)));
    } catch (InterruptedException e) {
      worker.interrupt();
      Thread.currentThread().interrupt();
      throw new CommandLine.ExecutionException(lastCommand(parseResult), "interrupted", e);
    }
  }

  /** The failure of a command stopped at its deadline. */
  static final class TimedOutException extends IOException {
    private static final long serialVersionUID = 1L;

    TimedOutException(String timeout) {
      super("the command did not finish within " + timeout + " (" + OPTION + ")");
    }
  }

  private static @Nullable Duration timeout(ParseResult parseResult) {
    Duration found = null;
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(OPTION)) {
        found = p.matchedOptionValue(OPTION, null);
      }
    }
    return found;
  }

  private static CommandLine lastCommand(ParseResult parseResult) {
    ParseResult p = parseResult;
    while (p.subcommand() != null) {
      p = p.subcommand();
    }
    return p.commandSpec().commandLine();
  }

  /**
   * Parses a Go duration ({@code time.ParseDuration}): {@code 90s}, {@code 1m30s}, {@code 500ms},
   * {@code 1.5h}, {@code 0}; units ns, us (µs), ms, s, m, h. Negative durations are refused.
   *
   * @throws IllegalArgumentException naming the text and the reason
   */
  static Duration parse(String text) {
    String s = text.startsWith("+") ? text.substring(1) : text;
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.startsWith("-")) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\": it is negative");
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\"");
    }
    Matcher m = PART.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at || m.group(1).isEmpty() || m.group(1).equals(".")) {
        throw new IllegalArgumentException(
            "invalid duration \""
                + text
                + "\": expected a number and a unit (ns, us, ms, s, m, h),"
                + " e.g. 90s, 1m30s, 500ms");
      }
      nanos =
          nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
      at = m.end();
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** {@code d} as Go prints a duration: {@code 1m30s}, {@code 500ms}, {@code 2h0m0s}. */
  static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos < 1_000_000_000L) {
      if (nanos % 1_000_000L == 0) {
        return nanos / 1_000_000L + "ms";
      }
      return nanos % 1_000L == 0 ? nanos / 1_000L + "µs" : nanos + "ns";
    }
    long hours = d.toHours();
    long minutes = d.toMinutesPart();
    BigDecimal seconds =
        BigDecimal.valueOf(d.toSecondsPart())
            .add(BigDecimal.valueOf(d.toNanosPart(), 9))
            .stripTrailingZeros();
    String sec = seconds.toPlainString() + "s";
    if (hours > 0) {
      return hours + "h" + minutes + "m" + sec;
    }
    return minutes > 0 ? minutes + "m" + sec : sec;
  }

  /** picocli's converter for the flag's value. */
  static final class Converter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
