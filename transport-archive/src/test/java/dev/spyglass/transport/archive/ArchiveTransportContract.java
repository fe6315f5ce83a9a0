package dev.spyglass.transport.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.testing.contract.ContractImage;
import dev.spyglass.testing.contract.PausingStream;
import dev.spyglass.testing.contract.TransportContract;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kit's transport contract for an archive: one tar written front to back and ended, then
 * renamed into place, by {@code putManifest}.
 */
abstract class ArchiveTransportContract extends TransportContract {
  /**
   * The contract finishes the image first and then puts the paused blob, so that a source opens
   * while the put runs. An archive cannot keep that order: a blob put after {@code putManifest}
   * would be lost, so it is refused. Checked instead: a blob is not there while its put runs
   * (before the manifest), it is once the put returned, the finished archive serves it as a layer
   * of its image, and a put after the manifest throws and adds nothing.
   */
  @Override
  @Test
  public void aBlobIsNotVisibleWhileItsPutRuns() throws Exception {
    ImageReference reference = newReference();
    byte[] bytes = new byte[64 * 1024];
    new Random(42).nextBytes(bytes);
    ContractImage image = image(List.of(bytes));
    Descriptor blob = image.layerDescriptors().get(0);
    CountDownLatch halfRead = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InputStream content = new PausingStream(bytes, bytes.length / 2, halfRead, release);
    byte[] late = "put after the manifest".getBytes(StandardCharsets.UTF_8);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (ImageDestination destination = reference.newImageDestination(options())) {
      Future<?> put =
          executor.submit(
              () -> {
                destination.putBlob(blob, content);
                return null;
              });
      assertTrue(halfRead.await(30, TimeUnit.SECONDS), "putBlob read half of the blob");
      try {
        assertFalse(destination.hasBlob(blob), "half a blob is not there");
      } finally {
        release.countDown();
      }
      put.get(30, TimeUnit.SECONDS);
      assertTrue(destination.hasBlob(blob), "the blob is there once putBlob returned");
      destination.putBlob(image.configDescriptor(), new ByteArrayInputStream(image.config()));
      destination.putManifest(image.manifest());
      Descriptor lateBlob = Descriptor.of(blob.mediaType(), Digest.sha256(late), late.length);
      assertThrows(
          ImageException.class,
          () -> destination.putBlob(lateBlob, new ByteArrayInputStream(late)),
          "a blob put after the manifest is refused, not lost");
      assertFalse(destination.hasBlob(lateBlob));
    } finally {
      release.countDown();
      executor.shutdownNow();
    }
    try (ImageSource source = reference.newImageSource(options())) {
      assertArrayEquals(bytes, source.blob(blob).readAllBytes());
      assertArrayEquals(image.manifest().bytes(), source.manifest().bytes());
    }
  }
}
