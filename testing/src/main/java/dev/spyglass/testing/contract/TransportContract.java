package dev.spyglass.testing.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import dev.spyglass.testing.OpaqueManifestFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The promises of the api's {@link ImageSource}, {@link ImageDestination} and {@link
 * ImageReference}, as tests any transport runs by extending this class and saying how to make a
 * fresh reference ({@link #newReference()}) and how to corrupt what it stores ({@link #tamper}).
 *
 * <p>What is checked, each in a test that fails when the transport breaks it:
 *
 * <ul>
 *   <li>blobs are verified: a put whose bytes do not match the descriptor's digest throws {@link
 *       DigestMismatchException} (one of the wrong size an {@link ImageException}) and stores
 *       nothing; a source's stream of a corrupted or mis-sized blob throws at its end; manifests
 *       read by digest are checked against it;
 *   <li>nothing is visible before it is complete: a blob not while its put runs, nor after a put
 *       that failed; no manifest before {@code putManifest}; an image's manifest put by digest is
 *       not the manifest of the reference;
 *   <li>close: closing an unfinished destination leaves no image, closing a finished one keeps it,
 *       closing never fails, twice included;
 *   <li>concurrency: several {@code putBlob} at once, of distinct blobs and of the same one;
 *   <li>round trips: blobs byte for byte, the manifest of the reference, an index and the manifest
 *       it points at by digest;
 *   <li>references: {@code describe()} is {@code transport:reference}, and parsing {@code
 *       stringWithinTransport()} again names the same image.
 * </ul>
 *
 * <p>Manifests used are real OCI JSON (an image manifest and an index) whose blobs were put first.
 * {@link #options()} gives the formats the transport digests and recognises them with; the default
 * ({@link OpaqueManifestFormat#all()}) needs no manifest module.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class TransportContract {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private final Random random = new Random(42);

  /**
   * A reference to a place that holds no image yet and that a destination can write to; a new one
   * for each call.
   */
  protected abstract ImageReference newReference() throws Exception;

  /**
   * Replaces what the transport stores for {@code reference} under {@code digest} (a blob, or a
   * manifest stored by digest) with {@code bytes}, behind the transport's back, as a disk or a
   * registry that corrupted it would.
   */
  protected abstract void tamper(ImageReference reference, Digest digest, byte[] bytes)
      throws Exception;

  /** The options sources and destinations are opened with. */
  protected ImageOptions options() {
    return ImageOptions.builder().formats(OpaqueManifestFormat.all()).build();
  }

  /**
   * Checks, after a destination was closed before its manifest was put, that it left nothing
   * behind it had begun (temporary files, a directory it created...). Nothing more than the
   * contract's own checks by default.
   */
  protected void assertNothingLeftBehind(ImageReference reference) throws Exception {}

  // ---- references

  @Test
  public void describeIsTheTransportNameAndTheReference() throws Exception {
    ImageReference reference = newReference();
    assertEquals(
        reference.transport().name() + ":" + reference.stringWithinTransport(),
        reference.describe());
    ImageReference again = reference.transport().parseReference(reference.stringWithinTransport());
    assertEquals(reference.describe(), again.describe());
    assertEquals(reference.dockerName(), again.dockerName());
  }

  // ---- blobs

  @ParameterizedTest(name = "size known: {0}")
  @ValueSource(booleans = {true, false})
  public void blobsRoundTripByteForByte(boolean sizeKnown) throws Exception {
    ImageReference reference = newReference();
    byte[] bytes = bytes(100_000);
    Descriptor blob = descriptor(bytes, sizeKnown);
    try (ImageDestination destination = open(reference)) {
      assertFalse(destination.hasBlob(blob), "a blob never put is not there");
      destination.putBlob(blob, new ByteArrayInputStream(bytes));
      assertTrue(destination.hasBlob(blob), "a blob put is there");
      assertTrue(destination.hasBlob(descriptor(bytes, !sizeKnown)));
      finishImage(destination);
    }
    assertArrayEquals(bytes, readBlob(reference, descriptor(bytes, true)));
    assertArrayEquals(bytes, readBlob(reference, descriptor(bytes, false)));
  }

  @Test
  public void anEmptyBlobRoundTrips() throws Exception {
    ImageReference reference = newReference();
    Descriptor blob = descriptor(new byte[0], true);
    try (ImageDestination destination = open(reference)) {
      destination.putBlob(blob, new ByteArrayInputStream(new byte[0]));
      assertTrue(destination.hasBlob(blob));
      finishImage(destination);
    }
    assertArrayEquals(new byte[0], readBlob(reference, blob));
  }

  @ParameterizedTest(name = "size known: {0}")
  @ValueSource(booleans = {true, false})
  public void aBlobWhoseBytesDoNotMatchItsDigestIsRefusedAndNothingStored(boolean sizeKnown)
      throws Exception {
    ImageReference reference = newReference();
    byte[] expected = bytes(5000);
    byte[] corrupt = expected.clone();
    corrupt[1234] ^= 1;
    Descriptor blob = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(expected), sizeKnown ? 5000 : -1);
    try (ImageDestination destination = open(reference)) {
      DigestMismatchException e =
          assertThrows(
              DigestMismatchException.class,
              () -> destination.putBlob(blob, new ByteArrayInputStream(corrupt)));
      assertEquals(blob.digest(), e.expected());
      assertEquals(Digest.sha256(corrupt), e.actual());
      assertFalse(destination.hasBlob(blob), "nothing stored under the digest asked for");
      assertFalse(
          destination.hasBlob(descriptor(corrupt, true)), "nothing stored under the bytes' digest");
      finishImage(destination);
    }
    assertNotReadable(reference, blob);
    assertNotReadable(reference, descriptor(corrupt, true));
  }

  @ParameterizedTest(name = "declared size {0} for 1000 bytes")
  @ValueSource(longs = {999, 1001})
  public void aBlobOfAnotherSizeThanDeclaredIsRefusedAndNothingStored(long declared) throws Exception {
    ImageReference reference = newReference();
    byte[] bytes = bytes(1000);
    Descriptor blob = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), declared);
    try (ImageDestination destination = open(reference)) {
      // The api's DigestVerifyingInputStream reports a size mismatch as an ImageException.
      assertThrows(
          ImageException.class, () -> destination.putBlob(blob, new ByteArrayInputStream(bytes)));
      assertFalse(destination.hasBlob(descriptor(bytes, false)), "nothing stored");
      finishImage(destination);
    }
    assertNotReadable(reference, descriptor(bytes, false));
  }

  @Test
  public void aBlobIsNotVisibleWhileItsPutRuns() throws Exception {
    ImageReference reference = newReference();
    byte[] bytes = bytes(64 * 1024);
    Descriptor blob = descriptor(bytes, true);
    CountDownLatch halfRead = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InputStream content = new PausingStream(bytes, bytes.length / 2, halfRead, release);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (ImageDestination destination = open(reference)) {
      finishImage(destination); // so that a source of the reference opens
      Future<?> put =
          executor.submit(
              () -> {
                destination.putBlob(blob, content);
                return null;
              });
      assertTrue(halfRead.await(30, TimeUnit.SECONDS), "putBlob read half of the blob");
      try {
        assertFalse(destination.hasBlob(blob), "half a blob is not there");
        assertFalse(destination.hasBlob(descriptor(bytes, false)), "half a blob is not there");
        assertNotReadable(reference, blob);
      } finally {
        release.countDown();
      }
      put.get(30, TimeUnit.SECONDS);
      assertTrue(destination.hasBlob(blob), "the blob is there once putBlob returned");
    } finally {
      release.countDown();
      executor.shutdownNow();
    }
    assertArrayEquals(bytes, readBlob(reference, blob));
  }

  @Test
  public void aBlobWhoseStreamFailsIsNotStored() throws Exception {
    ImageReference reference = newReference();
    byte[] bytes = bytes(10_000);
    Descriptor blob = descriptor(bytes, true);
    try (ImageDestination destination = open(reference)) {
      ImageException e =
          assertThrows(
              ImageException.class,
              () -> destination.putBlob(blob, new FailingStream(bytes, 6000)));
      assertFalse(e instanceof DigestMismatchException, "a read failure is no mismatch: " + e);
      assertFalse(destination.hasBlob(blob));
      assertFalse(destination.hasBlob(descriptor(bytes, false)), "no part of it either");
      // The same destination can still store the blob.
      destination.putBlob(blob, new ByteArrayInputStream(bytes));
      assertTrue(destination.hasBlob(blob));
      finishImage(destination);
    }
    assertArrayEquals(bytes, readBlob(reference, blob));
  }

  @Test
  public void severalPutBlobAtOnceAllLand() throws Exception {
    ImageReference reference = newReference();
    int distinct = 8;
    int sameTwice = 3;
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      contents.add(bytes(20_000 + i));
    }
    byte[] shared = bytes(30_000);
    ExecutorService executor = Executors.newFixedThreadPool(distinct + sameTwice);
    CountDownLatch start = new CountDownLatch(1);
    try (ImageDestination destination = open(reference)) {
      List<Future<?>> puts = new ArrayList<>();
      for (byte[] content : contents) {
        puts.add(executor.submit(() -> put(destination, content, start)));
      }
      for (int i = 0; i < sameTwice; i++) {
        puts.add(executor.submit(() -> put(destination, shared, start)));
      }
      start.countDown();
      for (Future<?> put : puts) {
        put.get(60, TimeUnit.SECONDS);
      }
      for (byte[] content : contents) {
        assertTrue(destination.hasBlob(descriptor(content, true)));
      }
      assertTrue(destination.hasBlob(descriptor(shared, true)));
      finishImage(destination);
    } finally {
      executor.shutdownNow();
    }
    for (byte[] content : contents) {
      assertArrayEquals(content, readBlob(reference, descriptor(content, true)));
    }
    assertArrayEquals(shared, readBlob(reference, descriptor(shared, true)));
  }

  @Test
  public void aSourceRefusesABlobCorruptedInStore() throws Exception {
    ImageReference reference = newReference();
    byte[] bytes = bytes(4000);
    Descriptor blob = descriptor(bytes, true);
    putBlobs(reference, bytes);
    byte[] corrupt = bytes.clone();
    corrupt[10] ^= 1;
    tamper(reference, blob.digest(), corrupt);
    try (ImageSource source = reference.newImageSource(options())) {
      DigestMismatchException e =
          assertThrows(DigestMismatchException.class, () -> readAll(source.blob(blob)));
      assertEquals(blob.digest(), e.expected());
      assertEquals(Digest.sha256(corrupt), e.actual());
    }
  }

  @Test
  public void aSourceRefusesABlobOfAnotherSizeThanDescribed() throws Exception {
    ImageReference reference = newReference();
    byte[] bytes = bytes(4000);
    putBlobs(reference, bytes);
    Descriptor longer = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), 4001);
    try (ImageSource source = reference.newImageSource(options())) {
      assertThrows(ImageException.class, () -> readAll(source.blob(longer)));
    }
  }

  // ---- manifests

  @Test
  public void noManifestIsVisibleBeforePutManifest() throws Exception {
    ImageReference reference = newReference();
    Image image = new Image();
    try (ImageDestination destination = open(reference)) {
      image.putBlobs(destination);
      assertNoManifest(reference);
      destination.putManifest(image.manifest());
      assertEquals(image.manifest(), readManifest(reference));
    }
  }

  @Test
  public void theManifestOfTheReferenceRoundTrips() throws Exception {
    ImageReference reference = newReference();
    Image image = new Image();
    try (ImageDestination destination = open(reference)) {
      image.putBlobs(destination);
      destination.putManifest(image.manifest());
    }
    try (ImageSource source = reference.newImageSource(options())) {
      RawManifest read = source.manifest();
      assertArrayEquals(image.manifest().bytes(), read.bytes());
      assertEquals(image.manifest().digest(), read.digest());
      assertEquals(MediaType.OCI_MANIFEST, MediaType.normalize(read.mediaType()));
      assertArrayEquals(image.config, readAll(source.blob(image.configDescriptor())));
    }
  }

  @Test
  public void anIndexAndTheImageItPointsAtRoundTripByDigest() throws Exception {
    ImageReference reference = newReference();
    Image image = new Image();
    RawManifest index = index(image.manifest());
    try (ImageDestination destination = open(reference)) {
      image.putBlobs(destination);
      destination.putManifest(image.manifest(), image.manifest().digest());
      assertNoManifest(reference);
      destination.putManifest(index);
    }
    try (ImageSource source = reference.newImageSource(options())) {
      RawManifest top = source.manifest();
      assertArrayEquals(index.bytes(), top.bytes());
      assertEquals(index.digest(), top.digest());
      assertEquals(MediaType.OCI_INDEX, MediaType.normalize(top.mediaType()));
      RawManifest instance = source.manifest(image.manifest().digest());
      assertArrayEquals(image.manifest().bytes(), instance.bytes());
      assertEquals(image.manifest().digest(), instance.digest());
    }
  }

  @Test
  public void aManifestReadByDigestIsCheckedAgainstIt() throws Exception {
    ImageReference reference = newReference();
    Image image = new Image();
    try (ImageDestination destination = open(reference)) {
      image.putBlobs(destination);
      destination.putManifest(image.manifest(), image.manifest().digest());
      destination.putManifest(index(image.manifest()));
    }
    byte[] corrupt = image.manifest().bytes();
    corrupt[corrupt.length - 3] ^= 1;
    tamper(reference, image.manifest().digest(), corrupt);
    try (ImageSource source = reference.newImageSource(options())) {
      DigestMismatchException e =
          assertThrows(
              DigestMismatchException.class, () -> source.manifest(image.manifest().digest()));
      assertEquals(image.manifest().digest(), e.expected());
    }
  }

  @Test
  public void aManifestWhoseDigestDoesNotMatchItsBytesIsRefused() throws Exception {
    ImageReference reference = newReference();
    Image image = new Image();
    RawManifest real = image.manifest();
    Digest claimed = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
    RawManifest lying = new RawManifest(real.bytes(), real.mediaType(), claimed);
    try (ImageDestination destination = open(reference)) {
      image.putBlobs(destination);
      assertThrows(ImageException.class, () -> destination.putManifest(lying, claimed));
      assertThrows(ImageException.class, () -> destination.putManifest(lying));
    }
    assertNoManifest(reference);
    try (ImageSource source = reference.newImageSource(options())) {
      assertThrows(ImageException.class, () -> source.manifest(claimed));
    } catch (NotFoundException e) {
      // a transport that looks for the image when opened: nothing there, as it should be
    }
  }

  // ---- close

  @Test
  public void closingAnUnfinishedDestinationLeavesNoImage() throws Exception {
    ImageReference reference = newReference();
    Image image = new Image();
    ImageDestination destination = open(reference);
    image.putBlobs(destination);
    destination.putManifest(image.manifest(), image.manifest().digest());
    assertDoesNotThrow(destination::close);
    assertNoManifest(reference);
    assertNothingLeftBehind(reference);
  }

  @Test
  public void closingAFinishedDestinationKeepsTheImage() throws Exception {
    ImageReference reference = newReference();
    Image image = new Image();
    ImageDestination destination = open(reference);
    image.putBlobs(destination);
    destination.putManifest(image.manifest());
    destination.close();
    assertEquals(image.manifest(), readManifest(reference));
    assertArrayEquals(image.layer, readBlob(reference, image.layerDescriptor()));
  }

  @Test
  public void closeNeverFailsTwiceIncluded() throws Exception {
    ImageReference reference = newReference();
    ImageDestination destination = open(reference);
    byte[] bytes = bytes(3000);
    assertThrows(
        ImageException.class,
        () -> destination.putBlob(descriptor(bytes, true), new FailingStream(bytes, 1000)));
    assertDoesNotThrow(destination::close);
    assertDoesNotThrow(destination::close);

    ImageReference written = newReference();
    Image image = new Image();
    try (ImageDestination d = open(written)) {
      image.putBlobs(d);
      d.putManifest(image.manifest());
    }
    ImageSource source = written.newImageSource(options());
    source.manifest();
    assertDoesNotThrow(source::close);
    assertDoesNotThrow(source::close);
  }

  // ---- helpers

  /** An image to write: a config and a layer blob, and the OCI manifest naming them. */
  private final class Image {
    final byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + SEQUENCE.incrementAndGet() + "}")
            .getBytes(StandardCharsets.UTF_8);
    final byte[] layer = bytes(2048);

    Descriptor configDescriptor() {
      return Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(config), config.length);
    }

    Descriptor layerDescriptor() {
      return Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(layer), layer.length);
    }

    void putBlobs(ImageDestination destination) throws ImageException {
      destination.putBlob(configDescriptor(), new ByteArrayInputStream(config));
      destination.putBlob(layerDescriptor(), new ByteArrayInputStream(layer));
    }

    RawManifest manifest() {
      String json =
          "{\"schemaVersion\":2,\"mediaType\":\""
              + MediaType.OCI_MANIFEST
              + "\",\"config\":"
              + json(configDescriptor())
              + ",\"layers\":["
              + json(layerDescriptor())
              + "]}";
      return raw(MediaType.OCI_MANIFEST, json);
    }
  }

  private static RawManifest index(RawManifest image) {
    String json =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaType.OCI_INDEX
            + "\",\"manifests\":[{\"mediaType\":\""
            + MediaType.OCI_MANIFEST
            + "\",\"digest\":\""
            + image.digest()
            + "\",\"size\":"
            + image.size()
            + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
    return raw(MediaType.OCI_INDEX, json);
  }

  private static String json(Descriptor d) {
    return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size() + "}";
  }

  private static RawManifest raw(String mediaType, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return new RawManifest(bytes, mediaType, Digest.sha256(bytes));
  }

  private ImageDestination open(ImageReference reference) throws ImageException {
    return reference.newImageDestination(options());
  }

  private byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    synchronized (random) {
      random.nextBytes(bytes);
    }
    return bytes;
  }

  private static Descriptor descriptor(byte[] bytes, boolean sizeKnown) {
    return Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), sizeKnown ? bytes.length : -1);
  }

  private void putBlobs(ImageReference reference, byte[]... blobs) throws ImageException {
    try (ImageDestination destination = open(reference)) {
      for (byte[] blob : blobs) {
        destination.putBlob(descriptor(blob, true), new ByteArrayInputStream(blob));
      }
      finishImage(destination);
    }
  }

  /**
   * Writes an image (blobs and manifest) through {@code destination}: a transport may remove what
   * an unfinished destination wrote, and may open no source where no image is.
   */
  private Image finishImage(ImageDestination destination) throws ImageException {
    Image image = new Image();
    image.putBlobs(destination);
    destination.putManifest(image.manifest());
    return image;
  }

  private static Void put(ImageDestination destination, byte[] content, CountDownLatch start)
      throws Exception {
    start.await();
    destination.putBlob(descriptor(content, true), new ByteArrayInputStream(content));
    return null;
  }

  private byte[] readBlob(ImageReference reference, Descriptor blob) throws Exception {
    // Blobs are read through a finished image: some transports hold no image before one.
    try (ImageSource source = reference.newImageSource(options())) {
      return readAll(source.blob(blob));
    } catch (ImageException e) {
      return fail("the blob \"" + blob.digest() + "\" of \"" + reference.describe() + "\" is not readable: " + e.getMessage(), e);
    }
  }

  /** The blob cannot be read: opening the source, the blob or reading it to its end fails. */
  private void assertNotReadable(ImageReference reference, Descriptor blob) {
    assertThrows(
        ImageException.class,
        () -> {
          try (ImageSource source = reference.newImageSource(options())) {
            readAll(source.blob(blob));
          }
        },
        "blob \"" + blob.digest() + "\" must not be readable");
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private RawManifest readManifest(ImageReference reference) throws ImageException {
    try (ImageSource source = reference.newImageSource(options())) {
      RawManifest read = source.manifest();
      return new RawManifest(read.bytes(), MediaType.normalize(read.mediaType()), read.digest());
    }
  }

  private void assertNoManifest(ImageReference reference) {
    assertThrows(
        NotFoundException.class,
        () -> readManifest(reference),
        "no manifest of \"" + reference.describe() + "\" may be visible yet");
  }

  /** Serves {@code bytes}, pausing after {@code pauseAt} until {@code release} opens. */
  private static final class PausingStream extends InputStream {
    private final byte[] bytes;
    private final int pauseAt;
    private final CountDownLatch paused;
    private final CountDownLatch release;
    private int position;

    PausingStream(byte[] bytes, int pauseAt, CountDownLatch paused, CountDownLatch release) {
      this.bytes = bytes;
      this.pauseAt = pauseAt;
      this.paused = paused;
      this.release = release;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position == pauseAt) {
        paused.countDown();
        try {
          if (!release.await(60, TimeUnit.SECONDS)) {
            throw new IOException("never released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      if (position >= bytes.length) {
        return -1;
      }
      int limit = position < pauseAt ? pauseAt : bytes.length;
      int n = Math.min(len, limit - position);
      System.arraycopy(bytes, position, b, off, n);
      position += n;
      return n;
    }
  }

  /** Serves {@code bytes} up to {@code failAt}, then throws an {@link IOException}. */
  private static final class FailingStream extends InputStream {
    private final byte[] bytes;
    private final int failAt;
    private int position;

    FailingStream(byte[] bytes, int failAt) {
      this.bytes = bytes;
      this.failAt = failAt;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= failAt) {
        throw new IOException("connection reset while reading the blob");
      }
      int n = Math.min(len, failAt - position);
      System.arraycopy(bytes, position, b, off, n);
      position += n;
      return n;
    }
  }
}
