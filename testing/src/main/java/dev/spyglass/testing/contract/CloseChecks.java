package dev.spyglass.testing.contract;

import static dev.spyglass.testing.contract.ContractFixture.descriptor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import org.junit.jupiter.api.Test;

/**
 * The contract's checks of close: closing an unfinished destination (which put its blobs, and its
 * image's manifest by digest when the transport {@link TransportContract#holdsIndexes() holds
 * indexes}) leaves no image (nor anything {@link TransportContract#assertNothingLeftBehind} looks
 * for), closing a finished one keeps it,
 * closing never fails, twice included. Part of {@link TransportContract}; a transport extends that
 * class.
 */
public sealed interface CloseChecks permits TransportContract {

  @Test
  default void closingAnUnfinishedDestinationLeavesNoImage() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    ContractImage image = f.newImage();
    ImageDestination destination = f.open(reference);
    image.putBlobs(destination);
    if (f.holdsIndexes()) {
      destination.putManifest(image.manifest(), image.manifest().digest());
    }
    assertDoesNotThrow(destination::close);
    f.assertNoManifest(reference);
    f.assertNothingLeftBehind(reference);
  }

  @Test
  default void closingAFinishedDestinationKeepsTheImage() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    ContractImage image = f.newImage();
    ImageDestination destination = f.open(reference);
    image.putBlobs(destination);
    destination.putManifest(image.manifest());
    destination.close();
    assertEquals(image.manifest(), f.readManifest(reference));
    assertArrayEquals(
        image.layers().get(0), f.readBlob(reference, image.layerDescriptors().get(0)));
  }

  @Test
  default void closeNeverFailsTwiceIncluded() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    ImageDestination destination = f.open(reference);
    byte[] bytes = f.bytes(3000);
    assertThrows(
        ImageException.class,
        () -> destination.putBlob(descriptor(bytes, true), new FailingStream(bytes, 1000)));
    assertDoesNotThrow(destination::close);
    assertDoesNotThrow(destination::close);

    ImageReference written = f.newReference();
    ContractImage image = f.newImage();
    try (ImageDestination d = f.open(written)) {
      image.putBlobs(d);
      d.putManifest(image.manifest());
    }
    ImageSource source = written.newImageSource(f.options());
    source.manifest();
    assertDoesNotThrow(source::close);
    assertDoesNotThrow(source::close);
  }
}
