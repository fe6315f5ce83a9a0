package dev.spyglass.transport.docker;

import dev.spyglass.transport.docker.internal.Timing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Time that passes only when slept, recording every sleep: retries are watched, not waited for. */
final class FakeTiming implements Timing {
  private final AtomicReference<Instant> now;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  FakeTiming(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  @Override
  public Instant now() {
    return now.get();
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    now.updateAndGet(t -> t.plus(duration));
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
