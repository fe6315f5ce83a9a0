package dev.spyglass.example.blobdir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plug-in's own tests; BlobDirTransportContractTest adds the test kit's contract. */
class BlobDirTransportTest {
  private static final ImageOptions OPTIONS = ImageOptions.builder().build();
  private final BlobDirTransport transport = new BlobDirTransport();
  @TempDir Path tmp;

  @Test
  void writesAnImageAndReadsItBack() throws Exception {
    BlobDirReference reference = transport.parseReference(tmp.resolve("image").toString());
    byte[] layer = "layer bytes".getBytes(StandardCharsets.UTF_8);
    Descriptor blob = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(layer), layer.length);
    byte[] manifestBytes = ("{\"schemaVersion\":2,\"layers\":[\"" + blob.digest() + "\"]}").getBytes(StandardCharsets.UTF_8);
    RawManifest manifest = new RawManifest(manifestBytes, MediaType.OCI_MANIFEST, Digest.sha256(manifestBytes));

    try (ImageDestination destination = reference.newImageDestination(OPTIONS)) {
      destination.putBlob(blob, new ByteArrayInputStream(layer));
      assertTrue(destination.hasBlob(blob));
      destination.putManifest(manifest);
    }

    try (ImageSource source = transport.parseReference(reference.stringWithinTransport()).newImageSource(OPTIONS);
        InputStream in = source.blob(blob)) {
      assertEquals(manifest, source.manifest());
      assertArrayEquals(layer, in.readAllBytes());
    }
  }

  @Test
  void refusesABlobThatDoesNotMatchItsDigestAndKeepsNothing() throws Exception {
    BlobDirReference reference = transport.parseReference(tmp.resolve("image").toString());
    byte[] layer = "layer bytes".getBytes(StandardCharsets.UTF_8);
    Descriptor blob = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(layer), layer.length);
    try (ImageDestination destination = reference.newImageDestination(OPTIONS)) {
      assertThrows(
          DigestMismatchException.class,
          () -> destination.putBlob(blob, new ByteArrayInputStream("other bytes".getBytes(StandardCharsets.UTF_8))));
      assertFalse(destination.hasBlob(blob));
    }
    assertFalse(Files.exists(reference.path()), "an unfinished destination it created is removed");
  }

  @Test
  void anEmptyDirectoryHoldsNoImage() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    try (ImageSource source = transport.parseReference(dir.toString()).newImageSource(OPTIONS)) {
      assertThrows(NotFoundException.class, source::manifest);
    }
  }
}
