package dev.spyglass.image;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Copies the image a source names to a destination, as {@code skopeo copy} does: blobs first (each
 * distinct blob once, skipped when the destination has it, else mounted, else streamed and
 * verified, up to {@link #parallelCopies()} at once), then, only when every blob succeeded, the
 * manifests: a list's images by digest, then the manifest the destination names. Manifests are
 * written byte for byte, so their digests stay the same, unless converted.
 *
 * <p>A list is copied whole with {@code all}; otherwise only the image for the wanted platform is
 * copied, and its manifest (not the list) is what the destination gets.
 *
 * <p>Conversion, as skopeo's: an image manifest whose media type the destination does not take, or
 * that is not the {@linkplain Builder#format forced format}, is converted (Docker schema2 and OCI
 * into each other, by {@link ImageManifest#convertTo}); the destination's types are tried in
 * skopeo's order (schema2 first, then the destination's own order; a destination naming OCI first
 * gets OCI). Its digest changes; a
 * rewritten config is stored as a new blob. With {@code all}, a list's images are converted so,
 * then the list is rewritten to point at them, converted to a list type the destination takes
 * (Docker manifest list and OCI index into each other, by {@link ManifestList#convertTo}).
 *
 * <p>A Docker schema1 image (one whose {@link ImageManifest#convertsAfterLayers}) is converted to
 * schema2 or OCI as skopeo does: its layers are always sent (never skipped or mounted), each
 * gunzipped as it streams to learn its diff id; then its config is built (by {@link
 * ImageManifest#convertTo(String, List, List)}) and stored, then the converted manifest is written.
 * A schema1 image inside a list is not converted. A conversion that cannot work fails before any
 * blob moves.
 *
 * <p>Immutable and thread safe; each copy blocks until it is done and uses its own worker threads.
 * The caller opens and closes source and destination. Build with {@link #builder}.
 */
public final class ImageCopier {
  /** How many blobs are copied at once unless told otherwise, as skopeo's default. */
  public static final int DEFAULT_PARALLEL_COPIES = 6;

  private final boolean all;
  private final int parallelCopies;
  private final RetryPolicy retry;
  private final int retryTimes;
  private final Duration retryDelay;
  private final CopyListener listener;
  private final @Nullable String format;
  private final boolean preserveDigests;
  private final ManifestConversion conversion;
  private final CopyPlanReader reader;
  private final DeferredConversion afterLayers;
  private final ManifestWriter writer;

  private ImageCopier(Builder b) {
    this.all = b.all;
    this.parallelCopies = b.parallelCopies;
    this.retryTimes = b.retryTimes;
    this.retryDelay = b.retryDelay;
    this.retry =
        b.fixedRetryDelay
            ? RetryPolicy.fixed(b.retryTimes, b.retryDelay)
            : new RetryPolicy(b.retryTimes, b.retryDelay);
    this.listener = b.listener;
    this.format = b.format;
    this.preserveDigests = b.preserveDigests;
    this.conversion = new ManifestConversion(b.formats, b.format, b.preserveDigests, retry);
    this.reader = new CopyPlanReader(b.formats, b.platforms, retry);
    this.afterLayers = new DeferredConversion(conversion, retry, b.listener);
    this.writer = new ManifestWriter(retry, b.listener);
  }

  /** A builder parsing manifests with {@code formats}; defaults: this machine's platform, no
   * {@code all}, {@value #DEFAULT_PARALLEL_COPIES} blobs at once, no retries, no listener. */
  public static Builder builder(ManifestFormats formats) {
    return new Builder(formats);
  }

  public boolean all() {
    return all;
  }

  public int parallelCopies() {
    return parallelCopies;
  }

  public int retryTimes() {
    return retryTimes;
  }

  /** The wait before the first retry (before every retry, when fixed). */
  public Duration retryDelay() {
    return retryDelay;
  }

  /** The manifest media type every copy writes (skopeo's {@code --format}); empty: as needed. */
  public Optional<String> format() {
    return Optional.ofNullable(format);
  }

  /** Whether a copy that would convert a manifest (and so change its digest) fails instead. */
  public boolean preserveDigests() {
    return preserveDigests;
  }

  /**
   * Copies the image {@code source} names to {@code destination}.
   *
   * @throws ImageException the first failure; when a blob failed, no manifest was written
   * @throws InvalidManifestException when a manifest cannot be parsed, or a list holds a list
   * @throws NotFoundException when a list has no image for the wanted platform
   */
  public CopyResult copy(ImageSource source, ImageDestination destination) throws ImageException {
    CopyPlan plan = conversion.convert(plan(source), source, destination);
    Map<Digest, BlobTransfer.Blob> blobs = new LinkedHashMap<>();
    for (ImageManifest image : plan.images()) {
      addBlobs(blobs, image, plan.configs(), plan.deferred() != null);
    }
    return transferAndWrite(plan, source, destination, List.copyOf(blobs.values()));
  }

  /**
   * What {@link #copy} would write last to {@code destination}, found without moving a blob: the
   * source's manifests are read (the list and the chosen image, or every image of a list with
   * {@code all}) and, when a manifest would be converted, its config too. A sync compares {@link
   * PlannedManifest#written()} with what the destination holds when the source's own digest
   * differs from it (an image chosen out of a list, a conversion).
   */
  public PlannedManifest plan(ImageSource source, ImageDestination destination)
      throws ImageException {
    CopyPlan read = plan(source);
    CopyPlan converted = conversion.convert(read, source, destination);
    return new PlannedManifest(
        read.top().digest(), converted.deferred() != null ? null : converted.top().digest());
  }

  /**
   * Copies some blobs of the image {@code source} names (for a list, of the wanted platform's
   * image), then that image's manifest, which may therefore point at blobs not copied: what
   * skopeo's former {@code layers} command did. With no digests, copies every layer and the config.
   *
   * @throws NotFoundException when a digest is neither a layer nor the config of the image
   */
  public CopyResult copyBlobs(ImageSource source, ImageDestination destination, List<Digest> only)
      throws ImageException {
    CopyPlan plan = conversion.convert(reader.single(source), source, destination);
    Map<Digest, BlobTransfer.Blob> every = new LinkedHashMap<>();
    addBlobs(every, plan.images().get(0), plan.configs(), plan.deferred() != null);
    if (only.isEmpty()) {
      return transferAndWrite(plan, source, destination, List.copyOf(every.values()));
    }
    if (plan.deferred() != null) {
      throw new ImageException(
          "cannot copy only some blobs of Docker schema1 manifest \""
              + plan.top().digest()
              + "\" of \""
              + source.reference().describe()
              + "\" to \""
              + destination.reference().describe()
              + "\": it must be converted to \""
              + plan.deferred().target()
              + "\", which needs the diff id of every layer");
    }
    List<BlobTransfer.Blob> chosen = new ArrayList<>();
    for (Digest digest : new LinkedHashSet<>(only)) {
      BlobTransfer.Blob blob = every.get(digest);
      if (blob == null) {
        throw new NotFoundException(
            "blob",
            digest.toString(),
            "it is neither a layer nor the config of \"" + source.reference().describe() + "\"");
      }
      chosen.add(blob);
    }
    return transferAndWrite(plan, source, destination, chosen);
  }

  private CopyPlan plan(ImageSource source) throws ImageException {
    return all ? reader.whole(source) : reader.single(source);
  }

  /**
   * Adds the image's blobs, keyed by their source digest; {@code configs} replace its config; with
   * {@code diffIds}, the layers' diff ids are computed as they are copied.
   */
  private static void addBlobs(
      Map<Digest, BlobTransfer.Blob> blobs,
      ImageManifest image,
      Map<Digest, BlobTransfer.Blob> configs,
      boolean diffIds) {
    for (Descriptor layer : image.layers()) {
      blobs.putIfAbsent(
          layer.digest(),
          new BlobTransfer.Blob(layer, CopyListener.BlobKind.LAYER, null, diffIds));
    }
    image
        .configDescriptor()
        .ifPresent(
            config ->
                blobs.putIfAbsent(
                    config.digest(),
                    configs.getOrDefault(
                        config.digest(),
                        new BlobTransfer.Blob(config, CopyListener.BlobKind.CONFIG))));
  }

  private CopyResult transferAndWrite(
      CopyPlan plan,
      ImageSource source,
      ImageDestination destination,
      List<BlobTransfer.Blob> blobs)
      throws ImageException {
    BlobTransfer transfer = new BlobTransfer(source, destination, parallelCopies, retry, listener);
    BlobTransfer.Counts counts = transfer.run(blobs);
    RawManifest top = plan.top();
    CopyPlan.Deferred deferred = plan.deferred();
    if (deferred != null) {
      DeferredConversion.Done done =
          afterLayers.finish(plan, deferred, transfer, counts, source, destination);
      counts = done.counts();
      top = done.manifest();
    }
    writer.write(destination, plan.instances(), top);
    return new CopyResult(
        top.digest(),
        MediaType.normalize(top.mediaType()),
        plan.images().size(),
        counts.copied(),
        counts.skipped(),
        counts.mounted(),
        counts.bytes());
  }

  /** Builds an {@link ImageCopier}; not thread safe. */
  public static final class Builder {
    private final ManifestFormats formats;
    private PlatformMatcher platforms = new PlatformMatcher(PlatformMatcher.host());
    private boolean all;
    private int parallelCopies = DEFAULT_PARALLEL_COPIES;
    private int retryTimes;
    private Duration retryDelay = Duration.ofSeconds(1);
    private boolean fixedRetryDelay;
    private CopyListener listener = CopyListener.NONE;
    private @Nullable String format;
    private boolean preserveDigests;

    private Builder(ManifestFormats formats) {
      this.formats = Objects.requireNonNull(formats, "formats");
    }

    /** Chooses the image of a list when not copying {@link #all}. */
    public Builder platforms(PlatformMatcher platforms) {
      this.platforms = Objects.requireNonNull(platforms, "platforms");
      return this;
    }

    /** Whether to copy every image of a list, and the list itself (skopeo's {@code --all}). */
    public Builder all(boolean all) {
      this.all = all;
      return this;
    }

    /** How many blobs may be in flight at once, 1 or more. */
    public Builder parallelCopies(int parallelCopies) {
      if (parallelCopies < 1) {
        throw new IllegalArgumentException(
            "parallel copies must be 1 or more, not " + parallelCopies);
      }
      this.parallelCopies = parallelCopies;
      return this;
    }

    /** How many times a failed step that may pass (I/O, HTTP 5xx, 408, 429) is tried again. */
    public Builder retryTimes(int retryTimes) {
      if (retryTimes < 0) {
        throw new IllegalArgumentException("retry times must be 0 or more, not " + retryTimes);
      }
      this.retryTimes = retryTimes;
      return this;
    }

    /** The wait before the first retry; it doubles for each next one, up to 30 s. */
    public Builder retryDelay(Duration retryDelay) {
      if (retryDelay.isNegative()) {
        throw new IllegalArgumentException("retry delay must not be negative, not " + retryDelay);
      }
      this.retryDelay = retryDelay;
      this.fixedRetryDelay = false;
      return this;
    }

    /** A wait of {@code retryDelay} before every retry (skopeo's {@code --retry-delay}). */
    public Builder fixedRetryDelay(Duration retryDelay) {
      retryDelay(retryDelay);
      this.fixedRetryDelay = true;
      return this;
    }

    public Builder listener(CopyListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Writes every image manifest as {@code mediaType} (skopeo's {@code --format}), converting
     * when the source's is another; {@code null} (the default) converts only when the destination
     * does not take the source's type.
     *
     * @throws IllegalArgumentException when {@code mediaType} is not {@value MediaType#OCI_MANIFEST}
     *     or {@value MediaType#DOCKER_SCHEMA2}
     */
    public Builder format(@Nullable String mediaType) {
      if (mediaType != null
          && !MediaType.normalize(mediaType).equals(MediaType.OCI_MANIFEST)
          && !MediaType.normalize(mediaType).equals(MediaType.DOCKER_SCHEMA2)) {
        throw new IllegalArgumentException(
            "manifest format \""
                + mediaType
                + "\" cannot be written; use "
                + MediaType.OCI_MANIFEST
                + " or "
                + MediaType.DOCKER_SCHEMA2);
      }
      this.format = mediaType == null ? null : MediaType.normalize(mediaType);
      return this;
    }

    /**
     * Fails a copy, before any blob moves, instead of converting a manifest (skopeo's {@code
     * --preserve-digests}): when the destination does not take its type, or {@link #format} asks
     * for another. Default false.
     */
    public Builder preserveDigests(boolean preserveDigests) {
      this.preserveDigests = preserveDigests;
      return this;
    }

    public ImageCopier build() {
      return new ImageCopier(this);
    }
  }
}
