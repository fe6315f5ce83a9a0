package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.TlsException;
import dev.spyglass.api.UnexpectedStatusException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;

/**
 * How one request to a registry is repeated inside the transport: at most {@link #attempts} tries,
 * waiting {@link #firstDelay}, then twice as long each time (each wait drawn at random between half
 * and all of it, so that parallel requests do not return together), or what the server's {@code
 * Retry-After} asks, never more than {@link #maxWait} at once; and no try starts once {@link
 * #budget} has passed since the request (or, for a blob body, its last progress) began.
 *
 * <p>Repeated: connection failures after the connection was made (reset, broken pipe, unexpected
 * end of stream, read timeouts) and HTTP 408, 429, 500, 502, 503 and 504. Not repeated: refused
 * connections, unknown hosts, connect timeouts and TLS failures (a wrong address or certificate
 * does not mend in seconds; {@code --retry-times} retries the whole operation for those), any other
 * 4xx, digest mismatches and refused credentials.
 *
 * <p>This is the inner of two layers: the whole operation (a copy step, an inspection) is tried
 * again {@code --retry-times} times by the caller, each time with a fresh budget here.
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxWait, Duration budget) {
  /** 5 tries: waits of about 1, 2, 4 and 8 s (at most 15 s) when the server names no delay. */
  public static final int DEFAULT_ATTEMPTS = 5;

  public static final Duration DEFAULT_FIRST_DELAY = Duration.ofSeconds(1);

  /** The longest single wait, also for a {@code Retry-After}: as containers/image caps it. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

  /** No try starts more than 2 minutes after the request, or its last progress, began. */
  public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(2);

  /** One try, no waiting. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be 1 or more, not " + attempts);
    }
    if (firstDelay.isNegative() || maxWait.isNegative() || budget.isNegative()) {
      throw new IllegalArgumentException("retry delays must not be negative");
    }
  }

  /** The defaults above. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(DEFAULT_ATTEMPTS, DEFAULT_FIRST_DELAY, DEFAULT_MAX_WAIT, DEFAULT_BUDGET);
  }

  /** This policy with another cap for one wait. */
  public RetryPolicy withMaxWait(Duration maxWait) {
    return new RetryPolicy(attempts, firstDelay, maxWait, budget);
  }

  /** Whether a response with {@code status} may be asked for again. */
  public static boolean isRetryableStatus(int status) {
    return switch (status) {
      case 408, 429, 500, 502, 503, 504 -> true;
      default -> false;
    };
  }

  /**
   * Whether an I/O failure below HTTP may pass when the request is sent again: the connection was
   * made and then broke or stalled.
   */
  public static boolean isRetryable(IOException e) {
    if (e instanceof ImageException
        || e instanceof SSLException
        || e instanceof UnknownHostException
        || e instanceof ConnectException
        || e instanceof NoRouteToHostException) {
      return false;
    }
    if (e instanceof SocketTimeoutException) {
      String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      return !message.contains("connect"); // a read timeout, not a connect timeout
    }
    if (e instanceof InterruptedIOException) {
      return false; // interrupted or cancelled
    }
    return e instanceof SocketException
        || e instanceof EOFException
        || e instanceof ProtocolException // OkHttp: "unexpected end of stream"
        || e.getCause() instanceof EOFException
        || e.getClass().getSimpleName().equals("StreamResetException"); // HTTP/2
  }

  /**
   * Whether a translated failure may pass when the request is sent again: a retryable status, or a
   * retryable connection failure as its cause; never a digest mismatch, refused credentials, a TLS
   * failure, an invalid manifest or a missing object.
   */
  public static boolean isRetryable(ImageException e) {
    if (e instanceof DigestMismatchException
        || e instanceof AuthenticationException
        || e instanceof TlsException
        || e instanceof InvalidManifestException
        || e instanceof NotFoundException) {
      return false;
    }
    if (e instanceof UnexpectedStatusException status) {
      return isRetryableStatus(status.status());
    }
    return e.getCause() instanceof IOException io && isRetryable(io);
  }

  /** The wait before retry {@code retry} (1 for the first), jittered, at most {@link #maxWait}. */
  public Duration backoff(int retry) {
    Duration wait = firstDelay;
    for (int i = 1; i < retry && wait.compareTo(maxWait) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    if (wait.compareTo(maxWait) > 0) {
      wait = maxWait;
    }
    long nanos = wait.toNanos();
    return Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
  }

  /** {@code retryAfter} capped at {@link #maxWait}. */
  public Duration cap(Duration retryAfter) {
    return retryAfter.compareTo(maxWait) > 0 ? maxWait : retryAfter;
  }
}
