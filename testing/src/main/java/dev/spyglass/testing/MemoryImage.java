package dev.spyglass.testing;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.RawManifest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link MemoryTransport} keeps under one name, and what a test sets up and asks about it:
 * its blobs and manifests, the manifest the name points at, its tags; the calls made through its
 * sources and destinations; failures to inject. Setting up ({@link #addBlob}, {@link #setManifest},
 * ...) is not recorded as a call. Thread safe.
 */
public final class MemoryImage {
  private final MemoryReference reference;
  private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<Digest, RawManifest> manifests = new ConcurrentHashMap<>();
  private final Set<Digest> mountable = ConcurrentHashMap.newKeySet();
  private final Map<Digest, AtomicInteger> blobOpens = new ConcurrentHashMap<>();
  private final Map<Digest, AtomicInteger> blobReadFailures = new ConcurrentHashMap<>();
  private final List<Digest> puts = new CopyOnWriteArrayList<>();
  private final List<ImageReference> mountedFrom = new CopyOnWriteArrayList<>();
  private final List<RawManifest> instances = new CopyOnWriteArrayList<>();
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger putAttempts = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final AtomicInteger putFailuresLeft = new AtomicInteger();
  final AtomicInteger sourcesOpened = new AtomicInteger();
  final AtomicInteger destinationsOpened = new AtomicInteger();
  final AtomicInteger closes = new AtomicInteger();
  private volatile @Nullable RawManifest top;
  private volatile List<String> tags = List.of();
  private volatile @Nullable String dockerName;
  private volatile List<String> accepted = List.of();
  private volatile boolean verifyBlobs = true;
  private volatile Duration putDelay = Duration.ZERO;
  private volatile @Nullable ImageException putFailure;
  private volatile @Nullable ImageException openFailure;

  MemoryImage(MemoryReference reference) {
    this.reference = reference;
  }

  public MemoryReference reference() {
    return reference;
  }

  // ---- setting up

  /** Stores {@code bytes} as a blob (not recorded as a put) and returns its SHA-256 digest. */
  public Digest addBlob(byte[] bytes) {
    Digest digest = Digest.sha256(bytes);
    blobs.put(digest, bytes.clone());
    return digest;
  }

  /** {@link #addBlob(byte[])} of the UTF-8 bytes of {@code text}. */
  public Digest addBlob(String text) {
    return addBlob(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Stores {@code bytes} under {@code digest} whether or not they match it, as a disk or a registry
   * that corrupted them would: blobs and manifests alike (a manifest keeps its media type).
   */
  public void tamper(Digest digest, byte[] bytes) {
    if (blobs.containsKey(digest) || !manifests.containsKey(digest)) {
      blobs.put(digest, bytes.clone());
    }
    RawManifest manifest = manifests.get(digest);
    if (manifest != null) {
      manifests.put(digest, new RawManifest(bytes, manifest.mediaType(), digest));
    }
  }

  /** Stores a manifest by its digest (an image of a list), not recorded as a put. */
  public RawManifest addManifest(RawManifest manifest) {
    manifests.put(manifest.digest(), manifest);
    return manifest;
  }

  /** Makes {@code manifest} the one the name points at (and stores it by digest). */
  public RawManifest setManifest(RawManifest manifest) {
    addManifest(manifest);
    top = manifest;
    return manifest;
  }

  /** The tags a source lists; none by default. */
  public MemoryImage tags(List<String> tags) {
    this.tags = List.copyOf(tags);
    return this;
  }

  /** The Docker name the reference reports ({@code Name} of an inspection). */
  public MemoryImage dockerName(String name) {
    this.dockerName = Objects.requireNonNull(name);
    return this;
  }

  /** The manifest media types a destination takes, most preferred first; empty (any) by default. */
  public MemoryImage accept(List<String> mediaTypes) {
    this.accepted = List.copyOf(mediaTypes);
    return this;
  }

  /** Lets a destination mount {@code digest} (from any reference) instead of receiving it. */
  public MemoryImage mountable(Digest digest) {
    mountable.add(digest);
    return this;
  }

  /**
   * Whether sources check the blobs they serve (as real sources do, the default); off, a source
   * serves them as stored, so that what is tested is the reader's own check.
   */
  public MemoryImage verifyBlobs(boolean verify) {
    this.verifyBlobs = verify;
    return this;
  }

  /** The next {@code times} reads of blob {@code digest} fail with "connection reset". */
  public MemoryImage failBlobReads(Digest digest, int times) {
    blobReadFailures.put(digest, new AtomicInteger(times));
    return this;
  }

  /** The next {@code times} calls of a destination's {@code putBlob} throw {@code failure}. */
  public MemoryImage failPuts(ImageException failure, int times) {
    this.putFailure = failure;
    this.putFailuresLeft.set(times);
    return this;
  }

  /** Each {@code putBlob} waits this long before it reads, so that several overlap. */
  public MemoryImage putDelay(Duration delay) {
    this.putDelay = delay;
    return this;
  }

  /** Opening a source or destination throws {@code failure}. */
  public MemoryImage failOpen(ImageException failure) {
    this.openFailure = failure;
    return this;
  }

  // ---- what is stored

  /** The blob stored under {@code digest}. */
  public Optional<byte[]> blob(Digest digest) {
    byte[] bytes = blobs.get(digest);
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  /** The digests of every blob stored. */
  public Set<Digest> blobDigests() {
    return Set.copyOf(blobs.keySet());
  }

  /** The manifest the name points at: set up, or put last by a destination. */
  public Optional<RawManifest> manifest() {
    return Optional.ofNullable(top);
  }

  /** The manifest stored under {@code digest}. */
  public Optional<RawManifest> manifest(Digest digest) {
    return Optional.ofNullable(manifests.get(digest));
  }

  // ---- what was done

  /** The blobs destinations stored, in the order the puts completed. */
  public List<Digest> puts() {
    return List.copyOf(puts);
  }

  /** How many times a destination's {@code putBlob} was called, failed calls included. */
  public int putAttempts() {
    return putAttempts.get();
  }

  /** The most {@code putBlob} calls that ran at once. */
  public int maxPutsInFlight() {
    return maxInFlight.get();
  }

  /** The references blobs were mounted from, in order. */
  public List<ImageReference> mountedFrom() {
    return List.copyOf(mountedFrom);
  }

  /** The manifests put by digest (images of a list), in order. */
  public List<RawManifest> instances() {
    return List.copyOf(instances);
  }

  /**
   * What destinations did, in order: {@code "blob DIGEST"}, {@code "mount DIGEST"}, {@code
   * "instance DIGEST"}, {@code "manifest DIGEST"}.
   */
  public List<String> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** How many times a source opened blob {@code digest}. */
  public int blobOpens(Digest digest) {
    AtomicInteger count = blobOpens.get(digest);
    return count == null ? 0 : count.get();
  }

  public int sourcesOpened() {
    return sourcesOpened.get();
  }

  public int destinationsOpened() {
    return destinationsOpened.get();
  }

  /** How many times a source or destination of this image was closed. */
  public int closes() {
    return closes.get();
  }

  // ---- used by the source and destination

  void opening(String what) throws ImageException {
    ImageException failure = openFailure;
    if (failure != null) {
      throw failure;
    }
    (what.equals("source") ? sourcesOpened : destinationsOpened).incrementAndGet();
  }

  @Nullable byte[] storedBlob(Digest digest) {
    return blobs.get(digest);
  }

  void openedBlob(Digest digest) {
    blobOpens.computeIfAbsent(digest, d -> new AtomicInteger()).incrementAndGet();
  }

  boolean nextBlobReadFails(Digest digest) {
    AtomicInteger left = blobReadFailures.get(digest);
    return left != null && left.getAndDecrement() > 0;
  }

  boolean verifiesBlobs() {
    return verifyBlobs;
  }

  List<String> accepted() {
    return accepted;
  }

  List<String> tagList() {
    return tags;
  }

  Optional<String> dockerName() {
    return Optional.ofNullable(dockerName);
  }

  Duration putDelay() {
    return putDelay;
  }

  @Nullable ImageException nextPutFailure() {
    ImageException failure = putFailure;
    return failure != null && putFailuresLeft.getAndDecrement() > 0 ? failure : null;
  }

  boolean mount(Digest digest, ImageReference from) {
    if (!mountable.contains(digest)) {
      return false;
    }
    mountedFrom.add(from);
    blobs.putIfAbsent(digest, new byte[0]);
    events.add("mount " + digest);
    return true;
  }

  void stored(Digest digest, byte[] bytes) {
    blobs.put(digest, bytes);
    puts.add(digest);
    events.add("blob " + digest);
  }

  void storedInstance(RawManifest manifest) {
    manifests.put(manifest.digest(), manifest);
    instances.add(manifest);
    events.add("instance " + manifest.digest());
  }

  void storedTop(RawManifest manifest) {
    manifests.put(manifest.digest(), manifest);
    top = manifest;
    events.add("manifest " + manifest.digest());
  }

  @Override
  public String toString() {
    return "MemoryImage[" + reference.describe() + "]";
  }
}
