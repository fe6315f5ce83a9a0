package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.ImageException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The tries of one request, or of one blob body across its resumptions, under a {@link
 * RetryPolicy}: counts them, waits between them, and says when they are spent. Progress (a blob
 * body that read far enough) starts the count and the budget again. Not thread safe.
 */
public final class Attempts {
  private final RetryPolicy policy;
  private final Timing timing;
  private final System.Logger log;
  private final String host;
  private int tried = 1;
  private Instant started;

  Attempts(RetryPolicy policy, Timing timing, System.Logger log, String host) {
    this.policy = policy;
    this.timing = timing;
    this.log = log;
    this.host = host;
    this.started = timing.now();
  }

  /**
   * After a failed try: when another may be made (tries left, and its wait ends inside the
   * budget), logs why, waits ({@code retryAfter} capped, else the backoff) and returns true; else
   * false.
   *
   * @param what the request, e.g. {@code GET blob "..."}
   * @param reason why the try failed, e.g. {@code HTTP 503}
   * @throws ImageException when interrupted while waiting
   */
  public boolean another(String what, String reason, Optional<Duration> retryAfter)
      throws ImageException {
    if (tried >= policy.attempts()) {
      return false;
    }
    Duration wait = retryAfter.map(policy::cap).orElseGet(() -> policy.backoff(tried));
    Instant deadline = started.plus(policy.budget());
    if (timing.now().plus(wait).isAfter(deadline)) {
      log.log(
          Level.DEBUG,
          () ->
              what
                  + " from \""
                  + host
                  + "\": "
                  + reason
                  + "; not retried, waiting "
                  + wait.toMillis()
                  + " ms more would pass the retry budget of "
                  + policy.budget().toSeconds()
                  + " s");
      return false;
    }
    tried++;
    int attempt = tried;
    log.log(
        Level.DEBUG,
        () ->
            what
                + " from \""
                + host
                + "\": "
                + reason
                + "; retrying in "
                + wait.toMillis()
                + " ms (attempt "
                + attempt
                + " of "
                + policy.attempts()
                + ")");
    try {
      timing.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException(what + " to \"" + host + "\" was interrupted while waiting to retry", e);
    }
    return true;
  }

  /** Starts the count and the budget again, after progress. */
  public void progressed() {
    tried = 1;
    started = timing.now();
  }

  /** How many tries were made. */
  public int tried() {
    return tried;
  }
}
