package dev.spyglass.transport.docker.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The retry policy, time and {@link TrafficGovernor}s of a process: one governor per registry host
 * ({@code host:port}), shared by every client and token client of the process. Thread safe.
 */
public final class Traffic {
  private final RetryPolicy policy;
  private final Timing timing;
  private final System.Logger log;
  private final ConcurrentHashMap<String, TrafficGovernor> governors = new ConcurrentHashMap<>();

  public Traffic(RetryPolicy policy, Timing timing, System.Logger log) {
    this.policy = policy;
    this.timing = timing;
    this.log = log;
  }

  /** The governor of {@code host} ({@code host:port}), made on first use. */
  public TrafficGovernor governor(String host) {
    return governors.computeIfAbsent(host, h -> new TrafficGovernor(h, timing, log));
  }

  /** The default policy of the process (each client may cap its waits lower or higher). */
  public RetryPolicy policy() {
    return policy;
  }

  public Timing timing() {
    return timing;
  }

  /** The tries of one request (or blob body) to {@code host}, starting now. */
  public Attempts attempts(RetryPolicy policy, String host) {
    return new Attempts(policy, timing, log, host);
  }
}
