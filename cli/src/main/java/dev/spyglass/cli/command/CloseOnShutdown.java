package dev.spyglass.cli.command;

import java.io.Closeable;
import java.io.IOException;

/**
 * Closes a destination when the JVM is stopped mid-copy (Ctrl-C, {@code kill}): an unfinished
 * destination removes what it had only begun to write (temporary files, a directory it created),
 * which the copy's own {@code finally} blocks never get to do once the JVM is exiting; a registry
 * destination ends the upload it is streaming at the bytes sent so far and records it, so that the
 * same command run again continues it (waiting for the registry's answer at most 3 s, which delays
 * the exit as long). Closing this guard, when the copy ends either way, withdraws the hook.
 */
final class CloseOnShutdown implements AutoCloseable {
  private final Thread hook;

  CloseOnShutdown(Closeable destination) {
    this.hook =
        new Thread(
            () -> {
              try {
                destination.close();
              } catch (IOException | RuntimeException e) {
                // The JVM is exiting: nothing is left to report to.
              }
            },
            "spyglass-close-on-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs.
    }
  }
}
