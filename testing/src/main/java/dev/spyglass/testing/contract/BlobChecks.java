package dev.spyglass.testing.contract;

import static dev.spyglass.testing.contract.ContractFixture.descriptor;
import static dev.spyglass.testing.contract.ContractFixture.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract's checks of blobs: they round-trip byte for byte, a put whose bytes do not match
 * the descriptor's digest throws {@link DigestMismatchException} (one of the wrong size an {@link
 * ImageException}) and stores nothing, and a source's stream of a corrupted or mis-sized blob
 * throws at its end. Part of {@link TransportContract}; a transport extends that class.
 */
public sealed interface BlobChecks permits TransportContract {

  @ParameterizedTest(name = "size known: {0}")
  @ValueSource(booleans = {true, false})
  default void blobsRoundTripByteForByte(boolean sizeKnown) throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    byte[] bytes = f.bytes(100_000);
    Descriptor blob = descriptor(bytes, sizeKnown);
    try (ImageDestination destination = f.open(reference)) {
      assertFalse(destination.hasBlob(blob), "a blob never put is not there");
      destination.putBlob(blob, new ByteArrayInputStream(bytes));
      assertTrue(destination.hasBlob(blob), "a blob put is there");
      assertTrue(destination.hasBlob(descriptor(bytes, !sizeKnown)));
      f.finishImage(destination, bytes);
    }
    assertArrayEquals(bytes, f.readBlob(reference, descriptor(bytes, true)));
    assertArrayEquals(bytes, f.readBlob(reference, descriptor(bytes, false)));
  }

  @Test
  default void anEmptyBlobRoundTrips() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    Descriptor blob = descriptor(new byte[0], true);
    try (ImageDestination destination = f.open(reference)) {
      destination.putBlob(blob, new ByteArrayInputStream(new byte[0]));
      assertTrue(destination.hasBlob(blob));
      f.finishImage(destination, new byte[0]);
    }
    assertArrayEquals(new byte[0], f.readBlob(reference, blob));
  }

  @ParameterizedTest(name = "size known: {0}")
  @ValueSource(booleans = {true, false})
  default void aBlobWhoseBytesDoNotMatchItsDigestIsRefusedAndNothingStored(boolean sizeKnown)
      throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    byte[] expected = f.bytes(5000);
    byte[] corrupt = expected.clone();
    corrupt[1234] ^= 1;
    Descriptor blob = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(expected), sizeKnown ? 5000 : -1);
    try (ImageDestination destination = f.open(reference)) {
      DigestMismatchException e =
          assertThrows(
              DigestMismatchException.class,
              () -> destination.putBlob(blob, new ByteArrayInputStream(corrupt)));
      assertEquals(blob.digest(), e.expected());
      assertEquals(Digest.sha256(corrupt), e.actual());
      assertFalse(destination.hasBlob(blob), "nothing stored under the digest asked for");
      assertFalse(
          destination.hasBlob(descriptor(corrupt, true)), "nothing stored under the bytes' digest");
      f.finishImage(destination);
    }
    f.assertNotReadable(reference, blob);
    f.assertNotReadable(reference, descriptor(corrupt, true));
  }

  @ParameterizedTest(name = "declared size {0} for 1000 bytes")
  @ValueSource(longs = {999, 1001})
  default void aBlobOfAnotherSizeThanDeclaredIsRefusedAndNothingStored(long declared) throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    byte[] bytes = f.bytes(1000);
    Descriptor blob = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), declared);
    try (ImageDestination destination = f.open(reference)) {
      // The api's DigestVerifyingInputStream reports a size mismatch as an ImageException.
      assertThrows(
          ImageException.class, () -> destination.putBlob(blob, new ByteArrayInputStream(bytes)));
      assertFalse(destination.hasBlob(descriptor(bytes, false)), "nothing stored");
      f.finishImage(destination);
    }
    f.assertNotReadable(reference, descriptor(bytes, false));
  }

  @Test
  default void aSourceRefusesABlobCorruptedInStore() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    byte[] bytes = f.bytes(4000);
    Descriptor blob = descriptor(bytes, true);
    f.putBlobs(reference, bytes);
    byte[] corrupt = bytes.clone();
    corrupt[10] ^= 1;
    f.tamper(reference, blob.digest(), corrupt);
    try (ImageSource source = reference.newImageSource(f.options())) {
      DigestMismatchException e =
          assertThrows(DigestMismatchException.class, () -> readAll(source.blob(blob)));
      assertEquals(blob.digest(), e.expected());
      assertEquals(Digest.sha256(corrupt), e.actual());
    }
  }

  @Test
  default void aSourceRefusesABlobOfAnotherSizeThanDescribed() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    byte[] bytes = f.bytes(4000);
    f.putBlobs(reference, bytes);
    Descriptor longer = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), 4001);
    try (ImageSource source = reference.newImageSource(f.options())) {
      assertThrows(ImageException.class, () -> readAll(source.blob(longer)));
    }
  }
}
