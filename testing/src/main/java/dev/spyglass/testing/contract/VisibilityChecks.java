package dev.spyglass.testing.contract;

import static dev.spyglass.testing.contract.ContractFixture.descriptor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageReference;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract's checks that nothing is visible before it is complete: a blob not while its put
 * runs, nor after a put whose stream failed; no manifest before {@code putManifest}. Part of
 * {@link TransportContract}; a transport extends that class.
 */
public sealed interface VisibilityChecks permits TransportContract {

  @Test
  default void aBlobIsNotVisibleWhileItsPutRuns() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    byte[] bytes = f.bytes(64 * 1024);
    Descriptor blob = descriptor(bytes, true);
    CountDownLatch halfRead = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InputStream content = new PausingStream(bytes, bytes.length / 2, halfRead, release);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (ImageDestination destination = f.open(reference)) {
      f.finishImage(destination); // so that a source of the reference opens
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
        f.assertNotReadable(reference, blob);
      } finally {
        release.countDown();
      }
      put.get(30, TimeUnit.SECONDS);
      assertTrue(destination.hasBlob(blob), "the blob is there once putBlob returned");
    } finally {
      release.countDown();
      executor.shutdownNow();
    }
    assertArrayEquals(bytes, f.readBlob(reference, blob));
  }

  @Test
  default void aBlobWhoseStreamFailsIsNotStored() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    byte[] bytes = f.bytes(10_000);
    Descriptor blob = descriptor(bytes, true);
    try (ImageDestination destination = f.open(reference)) {
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
      f.finishImage(destination, bytes);
    }
    assertArrayEquals(bytes, f.readBlob(reference, blob));
  }

  @Test
  default void noManifestIsVisibleBeforePutManifest() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    ContractImage image = f.newImage();
    try (ImageDestination destination = f.open(reference)) {
      image.putBlobs(destination);
      f.assertNoManifest(reference);
      destination.putManifest(image.manifest());
      assertEquals(image.manifest(), f.readManifest(reference));
    }
  }
}
