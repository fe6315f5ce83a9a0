package dev.spyglass.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Manifest;
import dev.spyglass.api.ManifestFormat;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.Platform;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.UnexpectedStatusException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Tests the copy engine with an in-memory source and destination and a tiny text format: a list is
 * {@code list:<digest>,<digest>} (amd64 then arm64), an image is {@code image:<config>|<layer>,...}.
 */
class ImageCopierTest {
  private static final String LIST = "application/x-list";
  private static final String IMAGE = "application/x-image";
  private static final String LAYER = "application/x-layer";
  private static final String CONFIG = "application/x-config";
  private static final ManifestFormats FORMATS = ManifestFormats.of(List.of(new TextFormat()));

  private final MemorySource source = new MemorySource();
  private final MemoryDestination destination = new MemoryDestination();
  private final List<String> heard = new CopyOnWriteArrayList<>();

  @Test
  void copiesEveryDistinctBlobOnceThenTheManifestByteForByte() throws Exception {
    Digest a = source.addBlob("layer a");
    Digest b = source.addBlob("layer b");
    RawManifest image = source.image("amd64", a, b, a);
    source.top = image;

    CopyResult result = copier().build().copy(source, destination);

    assertEquals(List.of(a, b, source.configOf("amd64")).stream().sorted(Comparators.DIGEST).toList(),
        destination.puts.stream().sorted(Comparators.DIGEST).toList());
    for (Digest d : destination.puts) {
      assertArrayEquals(source.blobs.get(d), destination.blobs.get(d));
    }
    assertArrayEquals(image.bytes(), destination.top.bytes());
    assertEquals(image.digest(), result.manifestDigest());
    assertEquals(new CopyResult(image.digest(), IMAGE, 1, 3, 0, 0, 7 + 7 + 24), result);
    assertEquals("manifest " + image.digest(), destination.events.get(destination.events.size() - 1));
  }

  @Test
  void skipsBlobsTheDestinationHasAndMountsWhatItCan() throws Exception {
    Digest a = source.addBlob("layer a");
    Digest b = source.addBlob("layer b");
    Digest c = source.addBlob("layer c");
    source.top = source.image("amd64", a, b, c);
    destination.blobs.put(a, source.blobs.get(a));
    destination.mountable.add(b);

    CopyResult result = copier().build().copy(source, destination);

    assertEquals(Set.of(c, source.configOf("amd64")), Set.copyOf(destination.puts));
    assertEquals(List.of(source.reference()), destination.mountedFrom);
    assertEquals(2, result.blobsCopied());
    assertEquals(1, result.blobsSkipped());
    assertEquals(1, result.blobsMounted());
    assertTrue(heard.contains("skipped " + a), heard.toString());
    assertTrue(heard.contains("mounted " + b), heard.toString());
    assertTrue(heard.contains("done " + c + " 7"), heard.toString());
    assertTrue(heard.contains("done " + source.configOf("amd64") + " 24 CONFIG"), heard.toString());
  }

  @Test
  void neverHasMoreBlobsInFlightThanTheLimit() throws Exception {
    List<Digest> layers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      layers.add(source.addBlob("layer " + i));
    }
    source.top = source.image("amd64", layers.toArray(Digest[]::new));
    destination.putDelayMillis = 40;

    copier().parallelCopies(3).build().copy(source, destination);

    assertEquals(13, destination.puts.size());
    assertEquals(3, destination.maxInFlight.get(), "most putBlob calls at once");
  }

  @Test
  void defaultsToSixBlobsAtOnce() throws Exception {
    List<Digest> layers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      layers.add(source.addBlob("layer " + i));
    }
    source.top = source.image("amd64", layers.toArray(Digest[]::new));
    destination.putDelayMillis = 40;

    ImageCopier copier = ImageCopier.builder(FORMATS).build();
    copier.copy(source, destination);

    assertEquals(ImageCopier.DEFAULT_PARALLEL_COPIES, copier.parallelCopies());
    assertEquals(6, destination.maxInFlight.get(), "most putBlob calls at once");
  }

  @Test
  void corruptBlobFailsNamingBothDigestsAndWritesNoManifest() throws Exception {
    Digest good = source.addBlob("layer good");
    Digest bad = source.addBlob("layer bad");
    source.blobs.put(bad, "tampered".getBytes(StandardCharsets.UTF_8));
    source.top = source.image("amd64", good, bad);

    DigestMismatchException e =
        assertThrows(
            DigestMismatchException.class,
            () -> copier().retryTimes(3).build().copy(source, destination));

    Digest actual = Digest.sha256("tampered".getBytes(StandardCharsets.UTF_8));
    assertEquals(bad, e.expected());
    assertEquals(actual, e.actual());
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(actual.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("memory:example/app"), e.getMessage());
    assertEquals(1, source.opened.get(bad).get(), "a digest mismatch is not retried");
    assertFalse(destination.blobs.containsKey(bad));
    assertEquals(List.of(), destination.manifests);
    assertEquals(null, destination.top);
  }

  @Test
  void allWritesEveryInstanceManifestBeforeTheList() throws Exception {
    Digest shared = source.addBlob("shared layer");
    Digest amdOnly = source.addBlob("amd64 layer");
    Digest armOnly = source.addBlob("arm64 layer");
    RawManifest amd = source.image("amd64", shared, amdOnly);
    RawManifest arm = source.image("arm64", shared, armOnly);
    RawManifest list = source.list(amd, arm);
    source.top = list;

    CopyResult result = copier().all(true).build().copy(source, destination);

    assertEquals(5, destination.puts.size(), "shared layer once, two layers, two configs");
    assertEquals(Set.copyOf(destination.puts).size(), destination.puts.size());
    List<String> manifestEvents =
        destination.events.stream().filter(s -> s.startsWith("instance") || s.startsWith("manifest")).toList();
    assertEquals(
        List.of("instance " + amd.digest(), "instance " + arm.digest(), "manifest " + list.digest()),
        manifestEvents);
    int firstManifest = destination.events.indexOf(manifestEvents.get(0));
    assertTrue(
        destination.events.subList(0, firstManifest).stream().allMatch(s -> s.startsWith("blob")),
        destination.events.toString());
    assertEquals(5, firstManifest, destination.events.toString());
    assertArrayEquals(list.bytes(), destination.top.bytes());
    assertEquals(list.digest(), result.manifestDigest());
    assertEquals(2, result.images());
  }

  @Test
  void allNamesTheImageOfTheListWhoseManifestIsInvalid() throws Exception {
    RawManifest amd = source.image("amd64", source.addBlob("amd64 layer"));
    RawManifest arm = source.raw(IMAGE, "invalid:config.size is missing");
    source.top = source.list(amd, arm);

    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class, () -> copier().all(true).build().copy(source, destination));

    assertEquals(
        "image \""
            + arm.digest()
            + "\" for \"linux/arm64\" of list \"memory:example/app\": config.size is missing",
        e.getMessage());
    assertEquals("invalid-size", e.rule(), "the rule of the failure is kept");
    assertEquals(0, e.index().orElseThrow());
    assertTrue(e.getCause() instanceof InvalidManifestException, "the failure is the cause");
    assertEquals(List.of(), destination.manifests);
    assertEquals(null, destination.top);
  }

  @Test
  void withoutAllCopiesOnlyTheChosenPlatformsImage() throws Exception {
    Digest amdOnly = source.addBlob("amd64 layer");
    Digest armOnly = source.addBlob("arm64 layer");
    RawManifest amd = source.image("amd64", amdOnly);
    RawManifest arm = source.image("arm64", armOnly);
    source.top = source.list(amd, arm);

    CopyResult result =
        copier()
            .platforms(new PlatformMatcher(Platform.of("linux", "arm64", "")))
            .build()
            .copy(source, destination);

    assertEquals(Set.of(armOnly, source.configOf("arm64")), Set.copyOf(destination.puts));
    assertEquals(List.of(), destination.manifests);
    assertArrayEquals(arm.bytes(), destination.top.bytes());
    assertEquals(arm.digest(), result.manifestDigest());
  }

  @Test
  void missingPlatformFailsBeforeAnyBlobMoves() {
    RawManifest amd = source.image("amd64", source.addBlob("amd64 layer"));
    source.top = source.list(amd, amd);
    assertThrows(
        NotFoundException.class,
        () ->
            copier()
                .platforms(new PlatformMatcher(Platform.of("linux", "s390x", "")))
                .build()
                .copy(source, destination));
    assertEquals(List.of(), destination.events);
  }

  @Test
  void retriesTransientFailuresOfABlob() throws Exception {
    Digest flaky = source.addBlob("flaky layer");
    source.top = source.image("amd64", flaky);
    source.failuresBeforeSuccess.put(flaky, new AtomicInteger(2));

    CopyResult result = copier().retryTimes(2).build().copy(source, destination);

    assertEquals(3, source.opened.get(flaky).get());
    assertArrayEquals(source.blobs.get(flaky), destination.blobs.get(flaky));
    assertEquals(2, heard.stream().filter(s -> s.equals("retry " + flaky)).count(), heard.toString());
    assertEquals(2, result.blobsCopied());
  }

  @Test
  void givesUpAfterTheRetriesAndWritesNoManifest() {
    Digest flaky = source.addBlob("flaky layer");
    source.top = source.image("amd64", flaky);
    source.failuresBeforeSuccess.put(flaky, new AtomicInteger(3));

    ImageException e =
        assertThrows(ImageException.class, () -> copier().retryTimes(2).build().copy(source, destination));

    assertEquals(3, source.opened.get(flaky).get());
    assertTrue(e.getMessage().contains(flaky.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
    assertEquals(null, destination.top);
  }

  @Test
  void doesNotRetryAClientErrorOfTheDestination() {
    Digest layer = source.addBlob("layer");
    source.top = source.image("amd64", layer);
    destination.putFailure = new UnexpectedStatusException("PUT blob", 400, "BLOB_UPLOAD_INVALID", "");

    assertThrows(
        UnexpectedStatusException.class,
        () -> copier().retryTimes(3).parallelCopies(1).build().copy(source, destination));
    assertEquals(1, destination.putAttempts.get(), "4xx is not retried, and the next blob is cancelled");
    assertEquals(null, destination.top);
  }

  @Test
  void retriesAServerErrorOfTheDestination() throws Exception {
    Digest layer = source.addBlob("layer");
    source.top = source.image("amd64", layer);
    destination.putFailure = new UnexpectedStatusException("PUT blob", 503, "", "");
    destination.putFailuresLeft.set(1);

    copier().retryTimes(1).parallelCopies(1).build().copy(source, destination);

    assertEquals(3, destination.putAttempts.get(), "one failure, then two blobs");
    assertArrayEquals(source.image("amd64", layer).bytes(), destination.top.bytes());
  }

  @Test
  void refusesAManifestTypeTheDestinationDoesNotTakeBeforeAnyBlobMoves() {
    source.top = source.image("amd64", source.addBlob("layer"));
    destination.accepted = List.of("application/vnd.oci.image.manifest.v1+json");

    ImageException e = assertThrows(ImageException.class, () -> copier().build().copy(source, destination));

    assertEquals(
        "destination \"memory:dest\" does not accept manifest \""
            + source.top.digest()
            + "\" of \"memory:example/app\": its type \"application/x-image\" is not one of"
            + " application/vnd.oci.image.manifest.v1+json, and it cannot be converted to any of"
            + " them",
        e.getMessage());
    assertEquals(List.of(), destination.events);
  }

  @Test
  void acceptsAManifestTypeTheDestinationNames() throws Exception {
    source.top = source.image("amd64", source.addBlob("layer"));
    destination.accepted = List.of("application/x-other", IMAGE);
    copier().build().copy(source, destination);
    assertArrayEquals(source.top.bytes(), destination.top.bytes());
  }

  @Test
  void copyBlobsCopiesOnlyTheNamedLayersAndTheManifest() throws Exception {
    Digest a = source.addBlob("layer a");
    Digest b = source.addBlob("layer b");
    source.top = source.image("amd64", a, b);

    CopyResult result = copier().build().copyBlobs(source, destination, List.of(b, b));

    assertEquals(List.of(b), destination.puts);
    assertArrayEquals(source.top.bytes(), destination.top.bytes());
    assertEquals(1, result.blobsCopied());
  }

  @Test
  void copyBlobsWithoutDigestsCopiesEveryLayerAndTheConfig() throws Exception {
    Digest a = source.addBlob("layer a");
    source.top = source.image("amd64", a);
    copier().build().copyBlobs(source, destination, List.of());
    assertEquals(Set.of(a, source.configOf("amd64")), Set.copyOf(destination.puts));
  }

  @Test
  void copyBlobsRefusesADigestThatIsNotInTheImage() {
    source.top = source.image("amd64", source.addBlob("layer a"));
    Digest stranger = Digest.sha256(new byte[] {1});
    NotFoundException e =
        assertThrows(
            NotFoundException.class, () -> copier().build().copyBlobs(source, destination, List.of(stranger)));
    assertTrue(e.getMessage().contains(stranger.toString()), e.getMessage());
    assertEquals(List.of(), destination.events);
  }

  @Test
  void rejectsParallelCopiesBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> ImageCopier.builder(FORMATS).parallelCopies(0));
    assertThrows(IllegalArgumentException.class, () -> ImageCopier.builder(FORMATS).retryTimes(-1));
  }

  private ImageCopier.Builder copier() {
    return ImageCopier.builder(FORMATS)
        .platforms(new PlatformMatcher(Platform.of("linux", "amd64", "")))
        .retryDelay(Duration.ZERO)
        .listener(
            new CopyListener() {
              @Override
              public void blobSkipped(Descriptor blob, BlobKind kind) {
                heard.add("skipped " + blob.digest());
              }

              @Override
              public void blobMounted(Descriptor blob, BlobKind kind, ImageReference from) {
                heard.add("mounted " + blob.digest());
              }

              @Override
              public void blobDone(Descriptor blob, BlobKind kind, long bytes, Duration elapsed) {
                heard.add(
                    "done " + blob.digest() + " " + bytes + (kind == BlobKind.CONFIG ? " CONFIG" : ""));
              }

              @Override
              public void blobRetrying(Descriptor blob, int attempt, int attempts, IOException cause) {
                heard.add("retry " + blob.digest());
              }
            });
  }

  private static final class Comparators {
    static final java.util.Comparator<Digest> DIGEST = java.util.Comparator.comparing(Digest::toString);
  }

  /** Serves blobs without checking them, so that the copier's own check is what is tested. */
  private static final class MemorySource implements ImageSource {
    final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<Digest, RawManifest> manifests = new ConcurrentHashMap<>();
    final Map<Digest, AtomicInteger> opened = new ConcurrentHashMap<>();
    final Map<Digest, AtomicInteger> failuresBeforeSuccess = new ConcurrentHashMap<>();
    private final ImageReference reference = new MemoryReference("example/app");
    RawManifest top;

    Digest addBlob(String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      Digest d = Digest.sha256(bytes);
      blobs.put(d, bytes);
      return d;
    }

    Digest configOf(String arch) {
      return addBlob("{\"architecture\":\"" + arch + "\"}");
    }

    RawManifest image(String arch, Digest... layers) {
      return raw(
          IMAGE,
          "image:"
              + configOf(arch)
              + "|"
              + String.join(",", Arrays.stream(layers).map(Digest::toString).toList()));
    }

    RawManifest list(RawManifest amd, RawManifest arm) {
      return raw(LIST, "list:" + amd.digest() + "," + arm.digest());
    }

    private RawManifest raw(String type, String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      RawManifest raw = new RawManifest(bytes, type, Digest.sha256(bytes));
      manifests.put(raw.digest(), raw);
      return raw;
    }

    @Override
    public ImageReference reference() {
      return reference;
    }

    @Override
    public RawManifest manifest() {
      return top;
    }

    @Override
    public RawManifest manifest(Digest digest) throws NotFoundException {
      RawManifest m = manifests.get(digest);
      if (m == null) {
        throw new NotFoundException("manifest", digest.toString(), "");
      }
      return m;
    }

    @Override
    public InputStream blob(Descriptor blob) throws ImageException {
      opened.computeIfAbsent(blob.digest(), d -> new AtomicInteger()).incrementAndGet();
      byte[] bytes = blobs.get(blob.digest());
      if (bytes == null) {
        throw new NotFoundException("blob", blob.digest().toString(), "");
      }
      AtomicInteger failures = failuresBeforeSuccess.get(blob.digest());
      if (failures != null && failures.getAndDecrement() > 0) {
        return new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
      }
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public void close() {}
  }

  /** Keeps what it is given in memory, checking blobs as a real destination would. */
  private static final class MemoryDestination implements ImageDestination {
    final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    final List<Digest> puts = new CopyOnWriteArrayList<>();
    final Set<Digest> mountable = ConcurrentHashMap.newKeySet();
    final List<ImageReference> mountedFrom = new CopyOnWriteArrayList<>();
    final List<RawManifest> manifests = new CopyOnWriteArrayList<>();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger putAttempts = new AtomicInteger();
    final AtomicInteger putFailuresLeft = new AtomicInteger(Integer.MAX_VALUE);
    volatile ImageException putFailure;
    volatile long putDelayMillis;
    volatile List<String> accepted = List.of();
    volatile RawManifest top;

    @Override
    public ImageReference reference() {
      return new MemoryReference("dest");
    }

    @Override
    public List<String> supportedManifestMediaTypes() {
      return accepted;
    }

    @Override
    public boolean hasBlob(Descriptor blob) {
      return blobs.containsKey(blob.digest());
    }

    @Override
    public boolean mountBlob(Descriptor blob, ImageReference from) {
      if (mountable.contains(blob.digest())) {
        mountedFrom.add(from);
        blobs.put(blob.digest(), new byte[0]);
        return true;
      }
      return false;
    }

    @Override
    public void putBlob(Descriptor blob, InputStream content) throws ImageException {
      putAttempts.incrementAndGet();
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        if (putFailure != null && putFailuresLeft.getAndDecrement() > 0) {
          throw putFailure;
        }
        Thread.sleep(putDelayMillis);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream checked = new DigestVerifyingInputStream(content, blob)) {
          checked.transferTo(out);
        }
        blobs.put(blob.digest(), out.toByteArray());
        puts.add(blob.digest());
        events.add("blob " + blob.digest());
      } catch (ImageException e) {
        throw e;
      } catch (IOException e) {
        throw new ImageException("put failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ImageException("interrupted");
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void putManifest(RawManifest manifest, Digest instance) {
      manifests.add(manifest);
      events.add("instance " + instance);
    }

    @Override
    public void putManifest(RawManifest manifest) {
      top = manifest;
      events.add("manifest " + manifest.digest());
    }

    @Override
    public void close() {}
  }

  private static final class TextFormat implements ManifestFormat {
    @Override
    public Set<String> mediaTypes() {
      return Set.of(LIST, IMAGE);
    }

    @Override
    public Manifest parse(byte[] bytes, String mediaType) throws InvalidManifestException {
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.startsWith("invalid:")) {
        throw new InvalidManifestException("invalid-size", 0, text.substring("invalid:".length()));
      }
      if (mediaType.equals(LIST)) {
        String[] digests = text.substring("list:".length()).split(",");
        List<IndexEntry> entries =
            List.of(
                IndexEntry.of(Descriptor.of(IMAGE, Digest.parse(digests[0]), -1), Platform.of("linux", "amd64", "")),
                IndexEntry.of(Descriptor.of(IMAGE, Digest.parse(digests[1]), -1), Platform.of("linux", "arm64", "")));
        return new ManifestList() {
          @Override
          public List<IndexEntry> entries() {
            return entries;
          }

          @Override
          public String mediaType() {
            return LIST;
          }
        };
      }
      String[] parts = text.substring("image:".length()).split("\\|");
      Descriptor config = Descriptor.of(CONFIG, Digest.parse(parts[0]), -1);
      List<Descriptor> layers =
          Arrays.stream(parts[1].split(",")).map(d -> Descriptor.of(LAYER, Digest.parse(d), -1)).toList();
      return new ImageManifest() {
        @Override
        public List<Descriptor> layers() {
          return layers;
        }

        @Override
        public Optional<Descriptor> configDescriptor() {
          return Optional.of(config);
        }

        @Override
        public ImageConfig decodeConfig(byte[] configBlob) {
          throw new UnsupportedOperationException();
        }

        @Override
        public String ociConfigJson(byte[] configBlob) {
          throw new UnsupportedOperationException();
        }

        @Override
        public String mediaType() {
          return IMAGE;
        }
      };
    }
  }
}
