package dev.spyglass.image;

import dev.spyglass.api.ConvertedImage;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.RawManifest;
import java.util.List;

/**
 * The end of a Docker schema1 copy, once its layers are sent and their diff ids known: converts
 * the manifest (building its config), stores that config as a blob, and gives the manifest to
 * write in place of the plan's top. Immutable and thread safe.
 */
final class DeferredConversion {
  private final ManifestConversion conversion;
  private final RetryPolicy retry;
  private final CopyListener listener;

  DeferredConversion(ManifestConversion conversion, RetryPolicy retry, CopyListener listener) {
    this.conversion = conversion;
    this.retry = retry;
    this.listener = listener;
  }

  /** The converted manifest to write, and the counts of the layers plus the config blob. */
  record Done(RawManifest manifest, BlobTransfer.Counts counts) {}

  /**
   * Converts {@code deferred} with the diff ids {@code layers} learnt, then stores its config.
   *
   * @param counts what the layers' transfer did, to which the config's is added
   */
  Done finish(
      CopyPlan plan,
      CopyPlan.Deferred deferred,
      BlobTransfer layers,
      BlobTransfer.Counts counts,
      ImageSource source,
      ImageDestination destination)
      throws ImageException {
    ConvertedImage converted =
        conversion.convertCopied(plan, deferred, layers.copiedLayers(), source, destination);
    BlobTransfer.Counts config =
        new BlobTransfer(source, destination, 1, retry, listener)
            .run(
                List.of(
                    new BlobTransfer.Blob(
                        converted.config(),
                        CopyListener.BlobKind.CONFIG,
                        converted.configBlob())));
    return new Done(
        converted.manifest(),
        new BlobTransfer.Counts(
            counts.copied() + config.copied(),
            counts.skipped() + config.skipped(),
            counts.mounted() + config.mounted(),
            counts.bytes() + config.bytes()));
  }
}
