package dev.spyglass.testing.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * What the contract's checks share, one per {@link TransportContract} instance: the transport's
 * hooks, seeded random content, and the ways to write and read an image through the api.
 */
final class ContractFixture {
  private final TransportContract contract;
  private final Random random = new Random(42);

  ContractFixture(TransportContract contract) {
    this.contract = contract;
  }

  /** The fixture of {@code checks}, which the sealed check interfaces know is a contract. */
  static ContractFixture of(Object checks) {
    return ((TransportContract) checks).fixture;
  }

  // ---- the transport's hooks

  ImageReference newReference() throws Exception {
    return contract.newReference();
  }

  void tamper(ImageReference reference, Digest digest, byte[] bytes) throws Exception {
    contract.tamper(reference, digest, bytes);
  }

  ImageOptions options() {
    return contract.options();
  }

  void assertNothingLeftBehind(ImageReference reference) throws Exception {
    contract.assertNothingLeftBehind(reference);
  }

  /**
   * Skips the calling check, which needs an index, when the transport declares it holds none: its
   * own test asserts what it does instead.
   */
  void assumeHoldsIndexes() {
    assumeTrue(
        contract.holdsIndexes(),
        "the transport holds no index (holdsIndexes() is false); its test checks what it does"
            + " instead");
  }

  boolean holdsIndexes() {
    return contract.holdsIndexes();
  }

  // ---- content

  /** A new image of the transport's kind: a random layer of its own, then {@code layers}. */
  ContractImage newImage(byte[]... layers) throws Exception {
    List<byte[]> all = new ArrayList<>();
    all.add(bytes(2048));
    all.addAll(List.of(layers));
    return contract.image(all);
  }

  byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    synchronized (random) {
      random.nextBytes(bytes);
    }
    return bytes;
  }

  static Descriptor descriptor(byte[] bytes, boolean sizeKnown) {
    return Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), sizeKnown ? bytes.length : -1);
  }

  // ---- writing

  ImageDestination open(ImageReference reference) throws ImageException {
    return reference.newImageDestination(options());
  }

  void putBlobs(ImageReference reference, byte[]... blobs) throws Exception {
    try (ImageDestination destination = open(reference)) {
      for (byte[] blob : blobs) {
        destination.putBlob(descriptor(blob, true), new ByteArrayInputStream(blob));
      }
      finishImage(destination, blobs);
    }
  }

  /**
   * Writes an image (blobs and manifest) through {@code destination}, with {@code layers} among
   * its layers (those put already are not put again): a transport may remove what an unfinished
   * destination wrote, may open no source where no image is, and may serve only the blobs its
   * image names.
   */
  ContractImage finishImage(ImageDestination destination, byte[]... layers) throws Exception {
    ContractImage image = newImage(layers);
    image.putBlobs(destination);
    destination.putManifest(image.manifest());
    return image;
  }

  static Void put(ImageDestination destination, byte[] content, CountDownLatch start)
      throws Exception {
    start.await();
    destination.putBlob(descriptor(content, true), new ByteArrayInputStream(content));
    return null;
  }

  // ---- reading

  byte[] readBlob(ImageReference reference, Descriptor blob) throws Exception {
    // Blobs are read through a finished image: some transports hold no image before one.
    try (ImageSource source = reference.newImageSource(options())) {
      return readAll(source.blob(blob));
    } catch (ImageException e) {
      return fail("the blob \"" + blob.digest() + "\" of \"" + reference.describe() + "\" is not readable: " + e.getMessage(), e);
    }
  }

  /** The blob cannot be read: opening the source, the blob or reading it to its end fails. */
  void assertNotReadable(ImageReference reference, Descriptor blob) {
    assertThrows(
        ImageException.class,
        () -> {
          try (ImageSource source = reference.newImageSource(options())) {
            readAll(source.blob(blob));
          }
        },
        "blob \"" + blob.digest() + "\" must not be readable");
  }

  static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  RawManifest readManifest(ImageReference reference) throws ImageException {
    try (ImageSource source = reference.newImageSource(options())) {
      RawManifest read = source.manifest();
      return new RawManifest(read.bytes(), MediaType.normalize(read.mediaType()), read.digest());
    }
  }

  void assertNoManifest(ImageReference reference) {
    assertThrows(
        NotFoundException.class,
        () -> readManifest(reference),
        "no manifest of \"" + reference.describe() + "\" may be visible yet");
  }
}
