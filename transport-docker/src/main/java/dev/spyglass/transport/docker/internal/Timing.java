package dev.spyglass.transport.docker.internal;

import java.time.Duration;
import java.time.Instant;

/** The time and the waiting of retries, so that tests can watch them without waiting. */
public interface Timing {
  Instant now();

  /** Sleeps {@code duration}; an interrupt ends the sleep and is thrown. */
  void sleep(Duration duration) throws InterruptedException;

  /** Real time and {@link Thread#sleep}. */
  Timing SYSTEM =
      new Timing() {
        @Override
        public Instant now() {
          return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
          if (!duration.isZero() && !duration.isNegative()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
          }
        }
      };
}
