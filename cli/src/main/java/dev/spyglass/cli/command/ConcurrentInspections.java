package dev.spyglass.cli.command;

import dev.spyglass.api.ImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one task per input on a small pool and returns the results in input order; the first
 * failure in input order is thrown after the others are cancelled. With several inputs, the
 * failure names its input (an {@link ImageFailedException} around it).
 */
final class ConcurrentInspections {
  static final int MAX_PARALLEL = 8;

  /** A task that may fail with an {@link ImageException}. */
  interface Task<T, R> {
    R apply(T input) throws ImageException;
  }

  private ConcurrentInspections() {}

  static <T, R> List<R> run(List<T> inputs, Function<T, String> name, Task<T, R> task)
      throws ImageException {
    boolean several = inputs.size() > 1;
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(MAX_PARALLEL, inputs.size())),
            r -> {
              Thread t = new Thread(r, "spyglass-inspect");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T input : inputs) {
        futures.add(
            pool.submit(
                () -> {
                  try {
                    return task.apply(input);
                  } catch (ImageException | RuntimeException e) {
                    throw several ? new ImageFailedException(name.apply(input), e) : e;
                  }
                }));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> f : futures) {
        results.add(await(f));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <R> R await(Future<R> future) throws ImageException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ImageException ie) {
        throw ie;
      } else if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new ImageException(String.valueOf(cause.getMessage()), cause);
    }
  }
}
