package dev.spyglass.image;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.RawManifest;
import java.io.IOException;
import java.time.Duration;

/**
 * Hears what an {@link ImageCopier} does, to draw progress. Blob methods are called from the
 * copier's worker threads, several at once, so implementations must be thread safe; they should
 * return quickly. Every method does nothing by default.
 *
 * <p>Each distinct blob ends in exactly one of {@link #blobSkipped}, {@link #blobMounted} and
 * {@link #blobDone}, unless the copy fails. {@link #blobStarted} and {@link #blobProgress} come
 * before {@link #blobDone}, again on each retry.
 */
public interface CopyListener {

  /** A listener that ignores everything. */
  CopyListener NONE = new CopyListener() {};

  /** What a blob is to the image. */
  enum BlobKind {
    /** The image config (schema2 / OCI). */
    CONFIG,
    /** A layer. */
    LAYER
  }

  /** The blob's bytes start to flow from the source to the destination. */
  default void blobStarted(Descriptor blob, BlobKind kind) {}

  /** {@code bytes} of the blob have been read from the source so far. */
  default void blobProgress(Descriptor blob, long bytes) {}

  /** The destination already had the blob: nothing was sent. */
  default void blobSkipped(Descriptor blob, BlobKind kind) {}

  /** The destination mounted the blob from {@code from}: nothing was sent. */
  default void blobMounted(Descriptor blob, BlobKind kind, ImageReference from) {}

  /** The blob is stored and verified: {@code bytes} were sent in {@code elapsed}. */
  default void blobDone(Descriptor blob, BlobKind kind, long bytes, Duration elapsed) {}

  /** Attempt {@code attempt} (1-based) at the blob failed with {@code cause} and will be retried. */
  default void blobRetrying(Descriptor blob, int attempt, int attempts, IOException cause) {}

  /**
   * A manifest was written: an image of a list by digest ({@code top} false), or the manifest the
   * destination reference names ({@code top} true, always last).
   */
  default void manifestWritten(RawManifest manifest, boolean top) {}
}
