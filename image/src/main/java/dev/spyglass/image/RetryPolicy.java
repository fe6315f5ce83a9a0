package dev.spyglass.image;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.SizeMismatchException;
import dev.spyglass.api.TlsException;
import dev.spyglass.api.UnexpectedStatusException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Runs a whole I/O step (a blob's copy, a manifest's read, an inspection) up to {@code 1 + times}
 * times, waiting {@code delay}, then twice as long each time (at most 30 s), or {@code delay} every
 * time when fixed (skopeo's {@code --retry-delay}), between attempts. Only failures that may pass
 * are retried: not digest mismatches, invalid manifests, authentication, TLS, not-found, or other
 * HTTP 4xx answers (except 408 and 429, which ask to come back later). Immutable and thread safe.
 *
 * <p>This is the outer of two layers: transports repeat single requests on their own (the {@code
 * docker} transport: a few tries within 2 minutes), so each attempt here already rode out short
 * failures; these attempts are for longer outages and for failures a transport does not repeat.
 */
public final class RetryPolicy {
  private static final Duration MAX_DELAY = Duration.ofSeconds(30);

  private final int times;
  private final Duration delay;
  private final boolean fixed;

  /** {@code times} retries, waiting {@code delay}, doubled for each next one (at most 30 s). */
  public RetryPolicy(int times, Duration delay) {
    this(times, delay, false);
  }

  /** {@code times} retries, waiting {@code delay} before each. */
  public static RetryPolicy fixed(int times, Duration delay) {
    return new RetryPolicy(times, delay, true);
  }

  private RetryPolicy(int times, Duration delay, boolean fixed) {
    if (times < 0) {
      throw new IllegalArgumentException("retry times must be 0 or more, not " + times);
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("retry delay must not be negative, not " + delay);
    }
    this.times = times;
    this.delay = delay;
    this.fixed = fixed;
  }

  /** A step that does I/O. */
  public interface Step<T> {
    T run() throws IOException;
  }

  /** Hears a failed attempt that will be retried. */
  public interface OnRetry {
    void retrying(int attempt, int attempts, IOException cause);
  }

  /** The number of attempts in all. */
  public int attempts() {
    return times + 1;
  }

  /** Runs {@code step} until it succeeds, fails for good, or has been tried {@link #attempts}. */
  public <T> T run(Step<T> step, OnRetry onRetry) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.run();
      } catch (IOException e) {
        if (attempt >= attempts() || !isRetryable(e)) {
          throw e;
        }
        onRetry.retrying(attempt, attempts(), e);
        sleep(attempt);
      }
    }
  }

  /** Whether a failure may pass when the step is run again. */
  public static boolean isRetryable(IOException e) {
    if (e instanceof UnexpectedStatusException status) {
      int code = status.status();
      return code < 400 || code >= 500 || code == 408 || code == 429;
    }
    return !(e instanceof DigestMismatchException
        || e instanceof SizeMismatchException
        || e instanceof InvalidManifestException
        || e instanceof AuthenticationException
        || e instanceof TlsException
        || e instanceof NotFoundException
        || e instanceof InterruptedIOException
        || e instanceof BlobTransfer.CancelledException);
  }

  private void sleep(int attempt) throws InterruptedIOException {
    if (fixed) {
      pause(delay);
      return;
    }
    Duration wait = delay;
    for (int i = 1; i < attempt && wait.compareTo(MAX_DELAY) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    if (wait.compareTo(MAX_DELAY) > 0) {
      wait = MAX_DELAY;
    }
    pause(wait);
  }

  private static void pause(Duration wait) throws InterruptedIOException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
