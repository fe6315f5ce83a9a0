package dev.spyglass.cli.command;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a destination when the JVM is stopped mid-copy (Ctrl-C, {@code kill}): an unfinished
 * destination removes what it had only begun to write (temporary files, a directory it created),
 * which the copy's own {@code finally} blocks never get to do once the JVM is exiting; a registry
 * destination ends the upload it is streaming at the bytes sent so far and records it, so that the
 * same command run again continues it (waiting for the registry's answer at most 3 s, which delays
 * the exit as long). Closing this guard, when the copy ends either way, takes its destination off
 * the list that one shutdown hook closes.
 *
 * <p>A command stopped at its {@code --command-timeout} closes the destinations it guards the same
 * way, before its thread is interrupted ({@link #closeAllNow}): an interrupted upload would be
 * cancelled, a stopped one is kept for the rerun.
 */
final class CloseOnShutdown implements AutoCloseable {
  private static final Set<CloseOnShutdown> OPEN = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();

  private final Closeable destination;

  CloseOnShutdown(Closeable destination) {
    this.destination = destination;
    // One hook for all: a sync guards every image it copies, and a hook per image was a thread
    // (created, registered, withdrawn) per image.
    if (HOOKED.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(CloseOnShutdown::closeAllNow, "spyglass-close-on-shutdown"));
    }
    OPEN.add(this);
  }

  /**
   * Closes every destination whose copy is still running, side by side (each registry upload may
   * wait for its answer), and returns when all are closed.
   */
  static void closeAllNow() {
    List<Thread> closing = new ArrayList<>();
    for (CloseOnShutdown guard : OPEN) {
      Thread t = new Thread(guard::closeDestination, "spyglass-close");
      t.start();
      closing.add(t);
    }
    for (Thread t : closing) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void closeDestination() {
    try {
      destination.close();
    } catch (IOException | RuntimeException e) {
      // Stopping: the command's own failure is what gets reported.
    }
  }

  /** The copy ended either way: its destination is no longer closed on shutdown. */
  @Override
  public void close() {
    OPEN.remove(this);
  }
}
