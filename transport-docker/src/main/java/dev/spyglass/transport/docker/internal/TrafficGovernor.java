package dev.spyglass.transport.docker.internal;

import java.lang.System.Logger.Level;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The traffic to one registry host in this process, shared by every source, destination and
 * token request that talks to it: a concurrency budget of requests waiting for their answer
 * (permits, at most {@link #MAX_PERMITS}) that halves on 429 and 503 and grows back by one after as
 * many successes as it allows (AIMD); a pause every request waits out after a {@code Retry-After}
 * (capped by the policy); and the last rate limit the host announced ({@link RateLimit}), logged at
 * DEBUG. A permit covers a request until its response headers arrive, not the reading of its body,
 * so that streams left open never starve other requests. Thread safe.
 */
public final class TrafficGovernor {
  /** The most requests awaiting an answer from one host at once. */
  public static final int MAX_PERMITS = 16;

  private static final Duration SHRINK_INTERVAL = Duration.ofSeconds(1);

  private final String host;
  private final Timing timing;
  private final System.Logger log;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private int limit = MAX_PERMITS;
  private int inFlight;
  private int successes;
  private Instant pausedUntil = Instant.MIN;
  private Instant lastShrink = Instant.MIN;
  private @Nullable RateLimit rateLimit;

  public TrafficGovernor(String host, Timing timing, System.Logger log) {
    this.host = host;
    this.timing = timing;
    this.log = log;
  }

  /** A request's hold on the budget, released once its answer arrived. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /** Waits out any pause, then for a permit. */
  public Permit acquire() throws InterruptedException {
    awaitPause();
    lock.lockInterruptibly();
    try {
      while (inFlight >= limit) {
        available.await();
      }
      inFlight++;
    } finally {
      lock.unlock();
    }
    return this::release;
  }

  /** Waits until the pause a {@code Retry-After} set, if any, is over. */
  public void awaitPause() throws InterruptedException {
    while (true) {
      Duration left;
      lock.lock();
      try {
        Instant now = timing.now();
        left = pausedUntil.isAfter(now) ? Duration.between(now, pausedUntil) : Duration.ZERO;
      } finally {
        lock.unlock();
      }
      if (left.isZero() || left.isNegative()) {
        return;
      }
      timing.sleep(left);
    }
  }

  private void release() {
    lock.lock();
    try {
      inFlight--;
      available.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes in an answer of the host: its rate-limit headers, a success (which grows the budget), or
   * a 429 or 503 (which halves it, at most once a second, and with a {@code Retry-After} pauses
   * every request to the host for that long, capped at {@code policy}'s {@link
   * RetryPolicy#maxWait}).
   *
   * @return the {@code Retry-After} the answer asked for, uncapped
   */
  public Optional<Duration> observe(int status, Headers headers, RetryPolicy policy) {
    Optional<RateLimit> announced = RateLimit.of(headers);
    announced.ifPresent(
        r ->
            log.log(
                Level.DEBUG, () -> "registry host \"" + host + "\": rate limit " + r.describe()));
    Optional<Duration> retryAfter =
        status == 429 || status == 503 || status >= 500 || status == 408
            ? retryAfter(headers.get("Retry-After"), timing.now())
            : Optional.empty();
    lock.lock();
    try {
      announced.ifPresent(r -> rateLimit = r);
      if (status < 400) {
        successes++;
        if (successes >= limit && limit < MAX_PERMITS) {
          limit++;
          successes = 0;
          available.signal();
        }
      } else if (status == 429 || status == 503) {
        Instant now = timing.now();
        if (!now.isBefore(lastShrink.plus(SHRINK_INTERVAL)) && limit > 1) {
          int before = limit;
          limit = Math.max(1, limit / 2);
          lastShrink = now;
          log.log(
              Level.DEBUG,
              () ->
                  "registry host \""
                      + host
                      + "\": HTTP "
                      + status
                      + ", at most "
                      + limit
                      + " requests at once (was "
                      + before
                      + ")");
        }
        successes = 0;
        if (retryAfter.isPresent()) {
          Instant until = now.plus(policy.cap(retryAfter.get()));
          if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
          }
        }
      }
    } finally {
      lock.unlock();
    }
    return retryAfter;
  }

  /** The requests that may await an answer at once now. */
  public int limit() {
    lock.lock();
    try {
      return limit;
    } finally {
      lock.unlock();
    }
  }

  /** The rate limit the host announced last, if it announced one. */
  public Optional<RateLimit> rateLimit() {
    lock.lock();
    try {
      return Optional.ofNullable(rateLimit);
    } finally {
      lock.unlock();
    }
  }

  public String host() {
    return host;
  }

  /**
   * A {@code Retry-After} value: delta-seconds or an HTTP date (a date in the past means now);
   * empty when absent or unreadable.
   */
  static Optional<Duration> retryAfter(@Nullable String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.strip();
    if (text.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
      } catch (NumberFormatException e) {
        return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
      }
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "TrafficGovernor[" + host + "]";
  }
}
