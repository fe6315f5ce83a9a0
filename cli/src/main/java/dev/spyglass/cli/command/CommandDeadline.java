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
 * has not finished in time, with one line saying so (exit 1). At the deadline the destinations of
 * running copies are closed as on Ctrl-C ({@link CloseOnShutdown#closeAllNow}: a registry upload
 * is kept for the rerun, a local destination removes what it had begun to write), then the
 * command's thread is interrupted and given {@link #GRACE} to stop; a command still running after
 * that is abandoned, and the JVM's exit runs the shutdown hooks that close a copy's destination.
 * Without the flag (or with {@code 0}, as skopeo's default) the command runs as before, on the
 * calling thread.
 */
public final class CommandDeadline implements CommandLine.IExecutionStrategy {
  public static final String OPTION = "--command-timeout";

  /** How long a timed-out command may take to stop and clean up. */
  static final Duration GRACE = Duration.ofSeconds(2);


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
      // As Ctrl-C would: an upload streaming its PATCH ends it at the bytes sent and is kept for
      // the rerun; interrupted first, it would be cancelled.
      CloseOnShutdown.closeAllNow();
      worker.interrupt();
      try {
        worker.join(grace.toMillis());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      CommandLine last = lastCommand(parseResult);
      throw new CommandLine.ExecutionException(
          last, "timed out", new TimedOutException(GoDuration.format(timeout)));
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

}
