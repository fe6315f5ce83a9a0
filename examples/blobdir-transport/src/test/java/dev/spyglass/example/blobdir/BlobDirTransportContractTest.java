package dev.spyglass.example.blobdir;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageReference;
import dev.spyglass.testing.contract.TransportContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blobdir:} keeps the api's promises, checked by the test kit's transport contract (needs
 * spyglass-testing: {@code mvn -Pcontract verify}).
 */
class BlobDirTransportContractTest extends TransportContract {
  private final BlobDirTransport transport = new BlobDirTransport();
  private final AtomicInteger names = new AtomicInteger();
  @TempDir Path tmp;

  @Override
  protected ImageReference newReference() {
    return transport.parseReference(tmp.resolve("image-" + names.incrementAndGet()).toString());
  }

  @Override
  protected void tamper(ImageReference reference, Digest digest, byte[] bytes) throws Exception {
    Files.write(((BlobDirReference) reference).blob(digest), bytes);
  }

  @Override
  protected void assertNothingLeftBehind(ImageReference reference) {
    Path dir = ((BlobDirReference) reference).path();
    assertFalse(Files.exists(dir), dir + " is left behind");
  }
}
