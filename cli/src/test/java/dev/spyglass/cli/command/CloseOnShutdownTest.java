package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a stop ({@code --command-timeout}, the shutdown hook) closes: the destinations of copies
 * still running, side by side, since each registry upload may wait seconds for its answer; not a
 * destination whose copy ended.
 */
class CloseOnShutdownTest {

  @Test
  void closesTheRunningCopiesDestinationsSideBySideAndNotTheEndedOnes() throws Exception {
    // Each running destination's close waits until the other's has begun: closed one after the
    // other, the first would wait its whole timeout and say so.
    CountDownLatch bothClosing = new CountDownLatch(2);
    AtomicInteger closedTogether = new AtomicInteger();
    Closeable running =
        () -> {
          bothClosing.countDown();
          try {
            if (bothClosing.await(5, TimeUnit.SECONDS)) {
              closedTogether.incrementAndGet();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    AtomicInteger endedClosed = new AtomicInteger();
    CloseOnShutdown first = new CloseOnShutdown(running);
    CloseOnShutdown second = new CloseOnShutdown(running);
    CloseOnShutdown ended = new CloseOnShutdown(endedClosed::incrementAndGet);
    ended.close();
    try {
      long start = System.nanoTime();
      CloseOnShutdown.closeAllNow();
      assertEquals(2, closedTogether.get(), "both closes ran at the same time");
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "no close waited");
      assertEquals(0, endedClosed.get(), "a guard closed by its copy is not closed again");
    } finally {
      first.close();
      second.close();
    }
  }
}
