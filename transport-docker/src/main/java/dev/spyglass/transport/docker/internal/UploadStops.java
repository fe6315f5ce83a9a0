package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The chunked upload bodies of one {@link BlobUploader} that are being sent, so that stopping the
 * uploader (its destination closed mid-upload: the JVM is stopping on SIGTERM or Ctrl-C) can end
 * each one cleanly at the bytes sent so far and wait, bounded, until the registry has answered it
 * and the session has recorded the new upload URL for a later run. After {@link #stop}, no body
 * starts. Thread safe.
 *
 * <p>Why end the body rather than let the process die mid-request: distribution signs the upload's
 * offset as of its last answer into the {@code _state} of the URL it sends. 2.8 checks it on every
 * request, {@code GET} included, and cancels an upload whose stored size differs ({@code
 * blobUploadDispatcher} in {@code registry/handlers/blobupload.go}); 3.x answers a {@code GET}
 * with the stored size but refuses other requests then. A request cut mid-body stores more than the
 * last URL says, so on 2.8 only an upload whose request ended cleanly can be continued.
 */
final class UploadStops {
  private final Set<UploadBody> sending = new HashSet<>();
  private boolean stopped;

  /**
   * Registers {@code body}, about to be sent; false, and nothing registered, once stopped. The
   * caller calls {@link #answered} when the request has ended, either way.
   */
  synchronized boolean sending(UploadBody body) {
    if (stopped) {
      return false;
    }
    sending.add(body);
    return true;
  }

  /** The request of {@code body} has ended (answered and recorded, or failed). */
  synchronized void answered(UploadBody body) {
    if (sending.remove(body)) {
      notifyAll();
    }
  }

  /** Whether {@link #stop} was called. */
  synchronized boolean stopped() {
    return stopped;
  }

  /**
   * Ends every body being sent at the bytes sent so far ({@link UploadBody#stop()}), refuses new
   * ones, and waits up to {@code wait} until every such request has been {@linkplain #answered
   * answered}; true when all were in time (at once when none was being sent). Only the first call
   * waits: a later one (the shutdown hook after {@code --command-timeout} closed the destination,
   * say) answers at once.
   */
  synchronized boolean stop(Duration wait) {
    if (stopped) {
      return sending.isEmpty();
    }
    stopped = true;
    sending.forEach(UploadBody::stop);
    long deadline = System.nanoTime() + wait.toNanos();
    while (!sending.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** The failure of an upload stopped after {@code sent} bytes, for the caller of the upload. */
  static ImageException stoppedAfter(Descriptor blob, long sent) {
    return new ImageException(
        "the upload of blob \""
            + blob.digest()
            + "\" was stopped after "
            + sent
            + (blob.size() < 0 ? "" : " of " + blob.size())
            + " bytes: its destination was closed");
  }

  /** The failure of an upload refused because the uploader was stopped first. */
  static ImageException stoppedBefore(Descriptor blob) {
    return new ImageException(
        "the upload of blob \"" + blob.digest() + "\" was not begun: its destination is closed");
  }
}
