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
import dev.spyglass.api.MediaType;
import dev.spyglass.testing.contract.TransportContract;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oci-archive:} keeps the api's promises, checked by the kit's transport contract. */
class OciArchiveTransportContractTest extends TransportContract {
  private final OciArchiveTransport transport = new OciArchiveTransport();
  private final AtomicInteger names = new AtomicInteger();
  @TempDir Path tmp;

  /** {@code DIR/image.tar:app}, in a directory of its own so that leftovers show. */
  @Override
  protected ImageReference newReference() throws Exception {
    Path directory = Files.createDirectory(tmp.resolve("archive-" + names.incrementAndGet()));
    return transport.parseReference(directory.resolve("image.tar") + ":app");
  }

  /** Rebuilds the tar with {@code blobs/ALG/HEX} (a blob or a manifest) replaced. */
  @Override
  protected void tamper(ImageReference reference, Digest digest, byte[] bytes) throws Exception {
    ArchiveFiles.replaceEntry(
        ((OciArchiveReference) reference).path(),
        List.of(OciArchiveImageSource.blobName(digest)),
        bytes);
  }

  /** Neither the archive nor a temporary file beside it (the whole tar, a spooled blob) is left. */
  @Override
  protected void assertNothingLeftBehind(ImageReference reference) throws Exception {
    ArchiveFiles.assertEmptyDirectory(((OciArchiveReference) reference).path().getParent());
  }

  /**
   * The contract finishes the image first and then puts the paused blob, so that a source opens
   * while the put runs. An oci-archive: cannot keep that order: it is one tar written front to
   * back and ended, then renamed into place, by {@code putManifest}; a blob put after it would be
   * lost, so it is refused. Checked instead: a blob is not there while its put runs (before the
   * manifest), it is once the put returned, the finished archive serves it, and a put after the
   * manifest throws and leaves the archive as it was.
   */
  @Override
  @Test
  public void aBlobIsNotVisibleWhileItsPutRuns() throws Exception {
    ImageReference reference = newReference();
    byte[] bytes = new byte[64 * 1024];
    new Random(42).nextBytes(bytes);
    Descriptor blob = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), bytes.length);
    CountDownLatch halfRead = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InputStream content =
        new SequenceInputStream(
            new ByteArrayInputStream(bytes, 0, bytes.length / 2),
            new PausedRest(bytes, halfRead, release));
    TestImage image = TestImage.of("visible", 1);
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
      destination.putBlob(
          image.gzipDescriptor(0), new ByteArrayInputStream(image.gzipLayers().get(0)));
      destination.putManifest(image.schema2());
      Descriptor lateBlob = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(late), late.length);
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
      assertArrayEquals(image.schema2().bytes(), source.manifest().bytes());
    }
  }
}
