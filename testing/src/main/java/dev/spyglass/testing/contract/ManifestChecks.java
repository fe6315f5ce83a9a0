package dev.spyglass.testing.contract;

import static dev.spyglass.testing.contract.ContractFixture.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The contract's checks of manifests: the manifest of the reference round-trips, an index and the
 * manifest it points at round-trip by digest (and an image's manifest put by digest is not the
 * manifest of the reference), manifests read by digest are checked against it, and a manifest
 * whose digest does not match its bytes is refused. The two checks of an index are skipped for a
 * transport that {@link TransportContract#holdsIndexes() holds none}. Part of {@link TransportContract}; a transport
 * extends that class.
 */
public sealed interface ManifestChecks permits TransportContract {

  @Test
  default void theManifestOfTheReferenceRoundTrips() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    ContractImage image = f.newImage();
    try (ImageDestination destination = f.open(reference)) {
      image.putBlobs(destination);
      destination.putManifest(image.manifest());
    }
    try (ImageSource source = reference.newImageSource(f.options())) {
      RawManifest read = source.manifest();
      assertArrayEquals(image.manifest().bytes(), read.bytes());
      assertEquals(image.manifest().digest(), read.digest());
      assertEquals(
          MediaType.normalize(image.manifest().mediaType()), MediaType.normalize(read.mediaType()));
      assertArrayEquals(image.config(), readAll(source.blob(image.configDescriptor())));
    }
  }

  @Test
  default void anIndexAndTheImageItPointsAtRoundTripByDigest() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    f.assumeHoldsIndexes();
    ImageReference reference = f.newReference();
    ContractImage image = f.newImage();
    RawManifest index = image.index();
    try (ImageDestination destination = f.open(reference)) {
      image.putBlobs(destination);
      destination.putManifest(image.manifest(), image.manifest().digest());
      f.assertNoManifest(reference);
      destination.putManifest(index);
    }
    try (ImageSource source = reference.newImageSource(f.options())) {
      RawManifest top = source.manifest();
      assertArrayEquals(index.bytes(), top.bytes());
      assertEquals(index.digest(), top.digest());
      assertEquals(index.mediaType(), MediaType.normalize(top.mediaType()));
      RawManifest instance = source.manifest(image.manifest().digest());
      assertArrayEquals(image.manifest().bytes(), instance.bytes());
      assertEquals(image.manifest().digest(), instance.digest());
    }
  }

  @Test
  default void aManifestReadByDigestIsCheckedAgainstIt() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    f.assumeHoldsIndexes();
    ImageReference reference = f.newReference();
    ContractImage image = f.newImage();
    try (ImageDestination destination = f.open(reference)) {
      image.putBlobs(destination);
      destination.putManifest(image.manifest(), image.manifest().digest());
      destination.putManifest(image.index());
    }
    byte[] corrupt = image.manifest().bytes();
    corrupt[corrupt.length - 3] ^= 1;
    f.tamper(reference, image.manifest().digest(), corrupt);
    try (ImageSource source = reference.newImageSource(f.options())) {
      DigestMismatchException e =
          assertThrows(
              DigestMismatchException.class, () -> source.manifest(image.manifest().digest()));
      assertEquals(image.manifest().digest(), e.expected());
    }
  }

  @Test
  default void aManifestWhoseDigestDoesNotMatchItsBytesIsRefused() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    ContractImage image = f.newImage();
    RawManifest real = image.manifest();
    Digest claimed = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
    RawManifest lying = new RawManifest(real.bytes(), real.mediaType(), claimed);
    try (ImageDestination destination = f.open(reference)) {
      image.putBlobs(destination);
      assertThrows(ImageException.class, () -> destination.putManifest(lying, claimed));
      assertThrows(ImageException.class, () -> destination.putManifest(lying));
    }
    f.assertNoManifest(reference);
    try (ImageSource source = reference.newImageSource(f.options())) {
      assertThrows(ImageException.class, () -> source.manifest(claimed));
    } catch (NotFoundException e) {
      // a transport that looks for the image when opened: nothing there, as it should be
    }
  }
}
