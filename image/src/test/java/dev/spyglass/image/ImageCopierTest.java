package dev.spyglass.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.Platform;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.UnexpectedStatusException;
import dev.spyglass.image.CopyListener.BlobKind;
import dev.spyglass.testing.MemoryImage;
import dev.spyglass.testing.MemoryTransport;
import dev.spyglass.testing.TextManifestFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * Tests the copy engine with the kit's in-memory transport (the source serves blobs unchecked, so
 * that the copier's own check is what is tested) and its text format: a list's entries are amd64
 * then arm64, an image is a config and layers. What the copier tells its listener is checked with
 * a Mockito mock of {@link CopyListener}.
 */
class ImageCopierTest {
  private static final String LIST = "application/x-list";
  private static final String IMAGE = "application/x-image";
  private static final ManifestFormats FORMATS =
      new TextManifestFormat(Set.of(IMAGE), Set.of(LIST), Set.of()).formats();
  private static final ImageOptions OPTIONS = ImageOptions.builder().formats(FORMATS).build();

  private final MemoryTransport memory = new MemoryTransport();
  private final MemoryImage source = memory.image("example/app").verifyBlobs(false);
  private final MemoryImage destination = memory.image("dest");
  private final CopyListener listener = mock(CopyListener.class);

  @Test
  void copiesEveryDistinctBlobOnceThenTheManifestByteForByte() throws Exception {
    Digest a = source.addBlob("layer a");
    Digest b = source.addBlob("layer b");
    RawManifest image = source.setManifest(image("amd64", a, b, a));

    CopyResult result = copy(copier());

    Comparator<Digest> byText = Comparator.comparing(Digest::toString);
    assertEquals(
        List.of(a, b, configOf("amd64")).stream().sorted(byText).toList(),
        destination.puts().stream().sorted(byText).toList());
    for (Digest d : destination.puts()) {
      assertArrayEquals(source.blob(d).orElseThrow(), destination.blob(d).orElseThrow());
    }
    assertArrayEquals(image.bytes(), destination.manifest().orElseThrow().bytes());
    assertEquals(image.digest(), result.manifestDigest());
    assertEquals(new CopyResult(image.digest(), IMAGE, 1, 3, 0, 0, 7 + 7 + 24), result);
    List<String> events = destination.events();
    assertEquals("manifest " + image.digest(), events.get(events.size() - 1));
  }

  @Test
  void skipsBlobsTheDestinationHasAndMountsWhatItCan() throws Exception {
    Digest a = source.addBlob("layer a");
    Digest b = source.addBlob("layer b");
    Digest c = source.addBlob("layer c");
    source.setManifest(image("amd64", a, b, c));
    destination.addBlob("layer a");
    destination.mountable(b);

    CopyResult result = copy(copier());

    assertEquals(Set.of(c, configOf("amd64")), Set.copyOf(destination.puts()));
    assertEquals(List.of(source.reference()), destination.mountedFrom());
    assertEquals(2, result.blobsCopied());
    assertEquals(1, result.blobsSkipped());
    assertEquals(1, result.blobsMounted());
    verify(listener).blobSkipped(blob(a), eq(BlobKind.LAYER));
    verify(listener).blobMounted(blob(b), eq(BlobKind.LAYER), eq(source.reference()));
    verify(listener).blobDone(blob(c), eq(BlobKind.LAYER), eq(7L), any());
    verify(listener).blobDone(blob(configOf("amd64")), eq(BlobKind.CONFIG), eq(24L), any());
    verify(listener, never()).blobStarted(blob(a), any());
    verify(listener, never()).blobStarted(blob(b), any());
  }

  @Test
  void tellsTheListenerEachBlobStartsThenEndsAndTheManifestComesLast() throws Exception {
    Digest a = source.addBlob("layer a");
    Digest b = source.addBlob("layer b");
    RawManifest image = source.setManifest(image("amd64", a, b));

    copy(copier());

    for (Digest d : List.of(a, b, configOf("amd64"))) {
      InOrder order = inOrder(listener);
      order.verify(listener).blobStarted(blob(d), any());
      order.verify(listener).blobDone(blob(d), any(), anyLong(), any());
      order.verify(listener).manifestWritten(image, true);
    }
    verify(listener, times(3)).blobDone(any(), any(), anyLong(), any());
    verify(listener).manifestWritten(any(), eq(true));
  }

  @Test
  void neverHasMoreBlobsInFlightThanTheLimit() throws Exception {
    List<Digest> layers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      layers.add(source.addBlob("layer " + i));
    }
    source.setManifest(image("amd64", layers.toArray(Digest[]::new)));
    destination.putDelay(Duration.ofMillis(40));

    copy(copier().parallelCopies(3));

    assertEquals(13, destination.puts().size());
    assertEquals(3, destination.maxPutsInFlight(), "most putBlob calls at once");
  }

  @Test
  void defaultsToSixBlobsAtOnce() throws Exception {
    List<Digest> layers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      layers.add(source.addBlob("layer " + i));
    }
    source.setManifest(image("amd64", layers.toArray(Digest[]::new)));
    destination.putDelay(Duration.ofMillis(40));

    ImageCopier.Builder builder = ImageCopier.builder(FORMATS);
    assertEquals(ImageCopier.DEFAULT_PARALLEL_COPIES, builder.build().parallelCopies());
    copy(builder);

    assertEquals(6, destination.maxPutsInFlight(), "most putBlob calls at once");
  }

  @Test
  void corruptBlobFailsNamingBothDigestsAndWritesNoManifest() throws Exception {
    Digest good = source.addBlob("layer good");
    Digest bad = source.addBlob("layer bad");
    source.tamper(bad, "tampered".getBytes(StandardCharsets.UTF_8));
    source.setManifest(image("amd64", good, bad));

    DigestMismatchException e =
        assertThrows(DigestMismatchException.class, () -> copy(copier().retryTimes(3)));

    Digest actual = Digest.sha256("tampered".getBytes(StandardCharsets.UTF_8));
    assertEquals(bad, e.expected());
    assertEquals(actual, e.actual());
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(actual.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("memory:example/app"), e.getMessage());
    assertEquals(1, source.blobOpens(bad), "a digest mismatch is not retried");
    assertFalse(destination.blob(bad).isPresent());
    assertEquals(List.of(), destination.instances());
    assertTrue(destination.manifest().isEmpty());
    verify(listener, never()).blobRetrying(any(), anyInt(), anyInt(), any());
    verify(listener, never()).manifestWritten(any(), eq(true));
  }

  @Test
  void allWritesEveryInstanceManifestBeforeTheList() throws Exception {
    Digest shared = source.addBlob("shared layer");
    Digest amdOnly = source.addBlob("amd64 layer");
    Digest armOnly = source.addBlob("arm64 layer");
    RawManifest amd = image("amd64", shared, amdOnly);
    RawManifest arm = image("arm64", shared, armOnly);
    RawManifest list = source.setManifest(list(amd, arm));

    CopyResult result = copy(copier().all(true));

    assertEquals(5, destination.puts().size(), "shared layer once, two layers, two configs");
    assertEquals(Set.copyOf(destination.puts()).size(), destination.puts().size());
    List<String> events = destination.events();
    List<String> manifestEvents =
        events.stream().filter(s -> s.startsWith("instance") || s.startsWith("manifest")).toList();
    assertEquals(
        List.of("instance " + amd.digest(), "instance " + arm.digest(), "manifest " + list.digest()),
        manifestEvents);
    int firstManifest = events.indexOf(manifestEvents.get(0));
    assertTrue(events.subList(0, firstManifest).stream().allMatch(s -> s.startsWith("blob")), events.toString());
    assertEquals(5, firstManifest, events.toString());
    assertArrayEquals(list.bytes(), destination.manifest().orElseThrow().bytes());
    assertEquals(list.digest(), result.manifestDigest());
    assertEquals(2, result.images());
    InOrder order = inOrder(listener);
    order.verify(listener).manifestWritten(amd, false);
    order.verify(listener).manifestWritten(arm, false);
    order.verify(listener).manifestWritten(list, true);
  }

  @Test
  void allNamesTheImageOfTheListWhoseManifestIsInvalid() throws Exception {
    RawManifest amd = image("amd64", source.addBlob("amd64 layer"));
    RawManifest arm = source.addManifest(TextManifestFormat.raw(IMAGE, "not an image"));
    source.setManifest(list(amd, arm));

    InvalidManifestException e =
        assertThrows(InvalidManifestException.class, () -> copy(copier().all(true)));

    assertEquals(
        "image \""
            + arm.digest()
            + "\" for \"linux/arm64\" of list \"memory:example/app\": image \"not an image\" is not"
            + " TYPE|CONFIG|LAYERS",
        e.getMessage());
    assertEquals("text-format", e.rule(), "the rule of the failure is kept");
    assertTrue(e.getCause() instanceof InvalidManifestException, "the failure is the cause");
    assertEquals(Optional.empty(), destination.manifest());
    assertTrue(
        destination.events().stream().noneMatch(s -> s.startsWith("instance")),
        destination.events().toString());
  }

  @Test
  void withoutAllCopiesOnlyTheChosenPlatformsImage() throws Exception {
    Digest amdOnly = source.addBlob("amd64 layer");
    Digest armOnly = source.addBlob("arm64 layer");
    RawManifest amd = image("amd64", amdOnly);
    RawManifest arm = image("arm64", armOnly);
    source.setManifest(list(amd, arm));

    CopyResult result = copy(copier().platforms(new PlatformMatcher(Platform.of("linux", "arm64", ""))));

    assertEquals(Set.of(armOnly, configOf("arm64")), Set.copyOf(destination.puts()));
    assertEquals(List.of(), destination.instances());
    assertArrayEquals(arm.bytes(), destination.manifest().orElseThrow().bytes());
    assertEquals(arm.digest(), result.manifestDigest());
  }

  @Test
  void missingPlatformFailsBeforeAnyBlobMoves() {
    RawManifest amd = image("amd64", source.addBlob("amd64 layer"));
    source.setManifest(list(amd, amd));
    assertThrows(
        NotFoundException.class,
        () -> copy(copier().platforms(new PlatformMatcher(Platform.of("linux", "s390x", "")))));
    assertEquals(List.of(), destination.events());
    assertEquals(0, destination.putAttempts());
  }

  @Test
  void retriesTransientFailuresOfABlob() throws Exception {
    Digest flaky = source.addBlob("flaky layer");
    source.setManifest(image("amd64", flaky));
    source.failBlobReads(flaky, 2);

    CopyResult result = copy(copier().retryTimes(2));

    assertEquals(3, source.blobOpens(flaky));
    assertArrayEquals(source.blob(flaky).orElseThrow(), destination.blob(flaky).orElseThrow());
    verify(listener).blobRetrying(blob(flaky), eq(1), eq(3), any());
    verify(listener).blobRetrying(blob(flaky), eq(2), eq(3), any());
    verify(listener, times(2)).blobRetrying(any(), anyInt(), anyInt(), any());
    assertEquals(2, result.blobsCopied());
  }

  @Test
  void givesUpAfterTheRetriesAndWritesNoManifest() {
    Digest flaky = source.addBlob("flaky layer");
    source.setManifest(image("amd64", flaky));
    source.failBlobReads(flaky, 3);

    ImageException e = assertThrows(ImageException.class, () -> copy(copier().retryTimes(2)));

    assertEquals(3, source.blobOpens(flaky));
    assertTrue(e.getMessage().contains(flaky.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
    assertTrue(destination.manifest().isEmpty());
  }

  @Test
  void doesNotRetryAClientErrorOfTheDestination() {
    Digest layer = source.addBlob("layer");
    source.setManifest(image("amd64", layer));
    destination.failPuts(
        new UnexpectedStatusException("PUT blob", 400, "BLOB_UPLOAD_INVALID", ""), Integer.MAX_VALUE);

    assertThrows(
        UnexpectedStatusException.class, () -> copy(copier().retryTimes(3).parallelCopies(1)));
    assertEquals(1, destination.putAttempts(), "4xx is not retried, and the next blob is cancelled");
    assertTrue(destination.manifest().isEmpty());
  }

  @Test
  void retriesAServerErrorOfTheDestination() throws Exception {
    Digest layer = source.addBlob("layer");
    source.setManifest(image("amd64", layer));
    destination.failPuts(new UnexpectedStatusException("PUT blob", 503, "", ""), 1);

    copy(copier().retryTimes(1).parallelCopies(1));

    assertEquals(3, destination.putAttempts(), "one failure, then two blobs");
    assertArrayEquals(image("amd64", layer).bytes(), destination.manifest().orElseThrow().bytes());
  }

  @Test
  void refusesAManifestTypeTheDestinationDoesNotTakeBeforeAnyBlobMoves() {
    RawManifest image = source.setManifest(image("amd64", source.addBlob("layer")));
    destination.accept(List.of("application/vnd.oci.image.manifest.v1+json"));

    ImageException e = assertThrows(ImageException.class, () -> copy(copier()));

    assertEquals(
        "destination \"memory:dest\" does not accept manifest \""
            + image.digest()
            + "\" of \"memory:example/app\": its type \"application/x-image\" is not one of"
            + " application/vnd.oci.image.manifest.v1+json, and it cannot be converted to any of"
            + " them",
        e.getMessage());
    assertEquals(List.of(), destination.events());
  }

  @Test
  void acceptsAManifestTypeTheDestinationNames() throws Exception {
    RawManifest image = source.setManifest(image("amd64", source.addBlob("layer")));
    destination.accept(List.of("application/x-other", IMAGE));
    copy(copier());
    assertArrayEquals(image.bytes(), destination.manifest().orElseThrow().bytes());
  }

  @Test
  void copyBlobsCopiesOnlyTheNamedLayersAndTheManifest() throws Exception {
    Digest a = source.addBlob("layer a");
    Digest b = source.addBlob("layer b");
    RawManifest image = source.setManifest(image("amd64", a, b));

    CopyResult result = copyBlobs(copier(), List.of(b, b));

    assertEquals(List.of(b), destination.puts());
    assertArrayEquals(image.bytes(), destination.manifest().orElseThrow().bytes());
    assertEquals(1, result.blobsCopied());
  }

  @Test
  void copyBlobsWithoutDigestsCopiesEveryLayerAndTheConfig() throws Exception {
    Digest a = source.addBlob("layer a");
    source.setManifest(image("amd64", a));
    copyBlobs(copier(), List.of());
    assertEquals(Set.of(a, configOf("amd64")), Set.copyOf(destination.puts()));
  }

  @Test
  void copyBlobsRefusesADigestThatIsNotInTheImage() {
    source.setManifest(image("amd64", source.addBlob("layer a")));
    Digest stranger = Digest.sha256(new byte[] {1});
    NotFoundException e =
        assertThrows(NotFoundException.class, () -> copyBlobs(copier(), List.of(stranger)));
    assertTrue(e.getMessage().contains(stranger.toString()), e.getMessage());
    assertEquals(List.of(), destination.events());
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
        .listener(listener);
  }

  private CopyResult copy(ImageCopier.Builder copier) throws ImageException {
    try (ImageSource from = source.reference().newImageSource(OPTIONS);
        ImageDestination to = destination.reference().newImageDestination(OPTIONS)) {
      return copier.build().copy(from, to);
    }
  }

  private CopyResult copyBlobs(ImageCopier.Builder copier, List<Digest> only) throws ImageException {
    try (ImageSource from = source.reference().newImageSource(OPTIONS);
        ImageDestination to = destination.reference().newImageDestination(OPTIONS)) {
      return copier.build().copyBlobs(from, to, only);
    }
  }

  /** A Mockito matcher of a descriptor by its digest. */
  private static Descriptor blob(Digest digest) {
    return argThat(d -> d != null && d.digest().equals(digest));
  }

  private Digest configOf(String arch) {
    return source.addBlob("{\"architecture\":\"" + arch + "\"}");
  }

  /** An image of the source: its config (for {@code arch}) and layers. */
  private RawManifest image(String arch, Digest... layers) {
    return source.addManifest(TextManifestFormat.image(IMAGE, configOf(arch), layers));
  }

  /** A list of the source: amd64, then arm64. */
  private RawManifest list(RawManifest amd, RawManifest arm) {
    return source.addManifest(
        TextManifestFormat.list(
            LIST,
            Map.entry(amd, Platform.of("linux", "amd64", "")),
            Map.entry(arm, Platform.of("linux", "arm64", ""))));
  }
}
