package dev.spyglass.cli.command;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes a destination when the JVM is stopped mid-copy (Ctrl-C, {@code kill}): an unfinished
 * destination removes what it had only begun to write (temporary files, a directory it created),
 * which the copy's own {@code finally} blocks never get to do once the JVM is exiting; a registry
 * destination ends the upload it is streaming at the bytes sent so far and records it, so that the
 * same command run again continues it (waiting for the registry's answer at most 3 s, which delays
 * the exit as long). Closing this guard, when the copy ends either way, withdraws the hook.
 *
 * <p>A command stopped at its {@code --command-timeout} closes the destinations it guards the same
 * way, before its thread is interrupted ({@link #closeAllNow}): an interrupted upload would be
 * cancelled, a stopped one is kept for the rerun.
 */
final class CloseOnShutdown implements AutoCloseable {
  private static final Set<CloseOnShutdown> OPEN = ConcurrentHashMap.newKeySet();

  private final Closeable destination;
  private final Thread hook;

  CloseOnShutdown(Closeable destination) {
    this.destination = destination;
    this.hook = new Thread(this::closeDestination, "spyglass-close-on-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    OPEN.add(this);
  }

  /** Closes, from this thread, every destination whose copy is still running. */
  static void closeAllNow() {
    for (CloseOnShutdown guard : OPEN) {
      guard.closeDestination();
    }
  }

  private void closeDestination() {
    try {
      destination.close();
    } catch (IOException | RuntimeException e) {
      // Stopping: the command's own failure is what gets reported.
    }
  }

  @Override
  public void close() {
    OPEN.remove(this);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs.
    }
  }
}
