package dev.spyglass.transport.layout;

import static dev.spyglass.transport.layout.TestImage.OPTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A blob that fails in any way leaves no file under its final name and no temporary file. */
class AtomicWriteTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"dir", "oci"})
  void aBlobWithTheWrongDigestLeavesNothing(String transport) throws Exception {
    TestImage image = TestImage.of("atomic");
    byte[] wrong = image.layer().clone();
    wrong[wrong.length / 2] ^= 1;
    try (ImageDestination dest = reference(transport).newImageDestination(OPTIONS)) {
      assertThrows(
          DigestMismatchException.class,
          () -> dest.putBlob(image.layerDescriptor(), new ByteArrayInputStream(wrong)));
    }
    assertNoBlobAndNoTemp(image.layerDescriptor());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dir", "oci"})
  void aSourcesVerifyingStreamOfWrongBytesLeavesNothing(String transport) throws Exception {
    // The destination takes a source's verifier as it is (no second hash): it must still refuse.
    TestImage image = TestImage.of("verified");
    byte[] wrong = image.layer().clone();
    wrong[0] ^= 1;
    InputStream fromSource =
        new DigestVerifyingInputStream(new ByteArrayInputStream(wrong), image.layerDescriptor());
    try (ImageDestination dest = reference(transport).newImageDestination(OPTIONS)) {
      assertThrows(
          DigestMismatchException.class, () -> dest.putBlob(image.layerDescriptor(), fromSource));
    }
    assertNoBlobAndNoTemp(image.layerDescriptor());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dir", "oci"})
  void aBlobLongerThanDeclaredLeavesNothing(String transport) throws Exception {
    TestImage image = TestImage.of("long");
    Descriptor declared = image.layerDescriptor();
    byte[] longer = java.util.Arrays.copyOf(image.layer(), image.layer().length + 10);
    try (ImageDestination dest = reference(transport).newImageDestination(OPTIONS)) {
      ImageException e =
          assertThrows(ImageException.class, () -> dest.putBlob(declared, new ByteArrayInputStream(longer)));
      assertTrue(e.getMessage().contains("longer than its declared"), e.getMessage());
    }
    assertNoBlobAndNoTemp(declared);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dir", "oci"})
  void aStreamThatBreaksHalfWayLeavesNothing(String transport) throws Exception {
    TestImage image = TestImage.of("broken");
    InputStream breaking =
        new SequenceInputStream(
            new ByteArrayInputStream(image.layer(), 0, 20),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("connection reset");
              }
            });
    try (ImageDestination dest = reference(transport).newImageDestination(OPTIONS)) {
      ImageException e =
          assertThrows(ImageException.class, () -> dest.putBlob(image.layerDescriptor(), breaking));
      assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
      assertFalse(dest.hasBlob(image.layerDescriptor()));
    }
    assertNoBlobAndNoTemp(image.layerDescriptor());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dir", "oci"})
  void aVerifiedBlobIsPresentAndNoTemporaryFileRemains(String transport) throws Exception {
    TestImage image = TestImage.of("fine");
    try (ImageDestination dest = reference(transport).newImageDestination(OPTIONS)) {
      assertFalse(dest.hasBlob(image.layerDescriptor()));
      image.putBlobs(dest);
      assertTrue(dest.hasBlob(image.layerDescriptor()));
    }
    assertEquals(List.of(), temporaryFiles());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dir", "oci"})
  void closingWhileABlobIsWrittenRemovesItsTemporaryFileAndRefusesMore(String transport)
      throws Exception {
    // As a copy stopped by Ctrl-C: the destination is closed from another thread mid-write.
    TestImage image = TestImage.of("stopped");
    ImageDestination dest = reference(transport).newImageDestination(OPTIONS);
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream content = new PipedInputStream(feed);
    CompletableFuture<Void> put =
        CompletableFuture.runAsync(
            () -> {
              try {
                dest.putBlob(image.layerDescriptor(), content);
              } catch (ImageException e) {
                throw new CompletionException(e);
              }
            });
    feed.write(image.layer(), 0, 1);
    while (temporaryFiles().isEmpty()) {
      Thread.sleep(5);
    }
    dest.close();
    assertEquals(List.of(), temporaryFiles());
    feed.write(image.layer(), 1, image.layer().length - 1);
    feed.close();
    ExecutionException failed = assertThrows(ExecutionException.class, put::get);
    assertTrue(failed.getCause() instanceof ImageException, failed::toString);
    assertTrue(failed.getCause().getMessage().endsWith("the destination was closed"), failed::toString);
    ImageException refused =
        assertThrows(
            ImageException.class,
            () -> dest.putBlob(image.configDescriptor(), new ByteArrayInputStream(image.config())));
    assertTrue(
        refused.getMessage().endsWith("\" failed: the destination was closed"),
        refused.getMessage());
    assertNoBlobAndNoTemp(image.layerDescriptor());
    assertNoBlobAndNoTemp(image.configDescriptor());
  }

  private ImageReference reference(String transport) {
    return transport.equals("dir")
        ? new DirTransport().parseReference(tmp.resolve("out").toString())
        : new OciTransport().parseReference(tmp.resolve("out") + ":v1");
  }

  private void assertNoBlobAndNoTemp(Descriptor blob) throws IOException {
    try (Stream<Path> all = Files.walk(tmp)) {
      List<Path> named = all.filter(p -> p.getFileName().toString().equals(blob.digest().hex())).toList();
      assertEquals(List.of(), named);
    }
    assertEquals(List.of(), temporaryFiles());
  }

  private List<Path> temporaryFiles() throws IOException {
    try (Stream<Path> all = Files.walk(tmp)) {
      return all.filter(p -> p.getFileName().toString().startsWith(".spyglass-")).toList();
    }
  }
}
