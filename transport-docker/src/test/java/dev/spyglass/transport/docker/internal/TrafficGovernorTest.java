package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.UnexpectedStatusException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class TrafficGovernorTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void readsRetryAfterAsSecondsOrAnHttpDate() {
    assertEquals(Optional.of(Duration.ofSeconds(12)), TrafficGovernor.retryAfter(" 12 ", NOW));
    assertEquals(
        Optional.of(Duration.ofSeconds(90)),
        TrafficGovernor.retryAfter("Sun, 01 Mar 2026 10:01:30 GMT", NOW));
    assertEquals(
        Optional.of(Duration.ZERO), TrafficGovernor.retryAfter("Sun, 01 Mar 2026 09:00:00 GMT", NOW));
    assertEquals(Optional.empty(), TrafficGovernor.retryAfter("soon", NOW));
    assertEquals(Optional.empty(), TrafficGovernor.retryAfter(null, NOW));
  }

  @Test
  void readsDockerHubsRateLimitHeaders() {
    RateLimit limit =
        RateLimit.of(
                Headers.of("RateLimit-Limit", "100;w=21600", "RateLimit-Remaining", "76;w=21600"))
            .orElseThrow();

    assertEquals(new RateLimit(100, 76, 21600), limit);
    assertEquals("76 of 100 pulls left per 6 h window", limit.describe());
    assertEquals(
        "5 of 10 pulls left",
        RateLimit.of(Headers.of("RateLimit-Limit", "10", "RateLimit-Remaining", "5"))
            .orElseThrow()
            .describe());
    assertEquals(Optional.empty(), RateLimit.of(Headers.of("RateLimit-Limit", "100;w=60")));
  }

  @Test
  void halvesOnceASecondOn429And503AndGrowsBackAfterSuccesses() {
    Instant[] now = {NOW};
    Timing timing =
        new Timing() {
          @Override
          public Instant now() {
            return now[0];
          }

          @Override
          public void sleep(Duration d) {
            now[0] = now[0].plus(d);
          }
        };
    TrafficGovernor governor = new TrafficGovernor("h:1", timing, System.getLogger("test"));
    RetryPolicy policy = RetryPolicy.defaults();

    governor.observe(429, Headers.of(), policy);
    governor.observe(503, Headers.of(), policy); // the same burst: no second halving
    assertEquals(TrafficGovernor.MAX_PERMITS / 2, governor.limit());
    now[0] = now[0].plusSeconds(2);
    governor.observe(503, Headers.of(), policy);
    assertEquals(TrafficGovernor.MAX_PERMITS / 4, governor.limit());

    for (int i = 0; i < TrafficGovernor.MAX_PERMITS / 4; i++) {
      governor.observe(200, Headers.of(), policy);
    }
    assertEquals(TrafficGovernor.MAX_PERMITS / 4 + 1, governor.limit());
  }

  @Test
  void aRetryAfterPausesTheHostUpToTheCap() throws Exception {
    Instant[] now = {NOW};
    Timing timing =
        new Timing() {
          @Override
          public Instant now() {
            return now[0];
          }

          @Override
          public void sleep(Duration d) {
            now[0] = now[0].plus(d);
          }
        };
    TrafficGovernor governor = new TrafficGovernor("h:1", timing, System.getLogger("test"));

    governor.observe(
        429, Headers.of("Retry-After", "600"), RetryPolicy.defaults().withMaxWait(Duration.ofSeconds(9)));
    try (TrafficGovernor.Permit permit = governor.acquire()) {
      assertEquals(NOW.plusSeconds(9), now[0]);
    }
  }

  @Test
  void retriesBrokenConnectionsButNotWrongAddressesOrCertificates() {
    assertTrue(RetryPolicy.isRetryable(new SocketException("Connection reset")));
    assertTrue(RetryPolicy.isRetryable(new ProtocolException("unexpected end of stream")));
    assertTrue(RetryPolicy.isRetryable(new EOFException()));
    assertTrue(RetryPolicy.isRetryable(new SocketTimeoutException("Read timed out")));
    assertTrue(RetryPolicy.isRetryable(new IOException("unexpected end of stream", new EOFException())));
    assertFalse(RetryPolicy.isRetryable(new SocketTimeoutException("Connect timed out")));
    assertFalse(RetryPolicy.isRetryable(new ConnectException("Connection refused")));
    assertFalse(RetryPolicy.isRetryable(new UnknownHostException("nowhere")));
    assertFalse(RetryPolicy.isRetryable(new SSLHandshakeException("bad certificate")));
    assertFalse(RetryPolicy.isRetryable(new IOException("Canceled")));
  }

  @Test
  void retriesTranslatedFailuresOnlyWhenTheyMayPass() {
    assertTrue(RetryPolicy.isRetryable(new UnexpectedStatusException("GET x", 503, "", "")));
    assertFalse(RetryPolicy.isRetryable(new UnexpectedStatusException("GET x", 400, "", "")));
    assertTrue(RetryPolicy.isRetryable(new ImageException("reading", new SocketException("reset"))));
    assertFalse(
        RetryPolicy.isRetryable(
            new DigestMismatchException("blob", Digest.sha256(new byte[1]), Digest.sha256(new byte[2]))));
  }
}
