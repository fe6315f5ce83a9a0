package dev.spyglass.transport.layout;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageReference;
import dev.spyglass.testing.contract.TransportContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** {@code dir:} keeps the api's promises, checked by the kit's transport contract. */
class DirTransportContractTest extends TransportContract {
  private final DirTransport transport = new DirTransport();
  private final AtomicInteger names = new AtomicInteger();
  @TempDir Path tmp;

  @Override
  protected ImageReference newReference() {
    return transport.parseReference(tmp.resolve("image-" + names.incrementAndGet()).toString());
  }

  @Override
  protected void tamper(ImageReference reference, Digest digest, byte[] bytes) throws Exception {
    Path dir = ((DirReference) reference).path();
    Path blob = dir.resolve(digest.hex());
    Path manifest = dir.resolve(digest.hex() + ".manifest.json");
    Files.write(Files.exists(manifest) ? manifest : blob, bytes);
  }

  /** The directory the destination created is gone with what was in it. */
  @Override
  protected void assertNothingLeftBehind(ImageReference reference) {
    Path dir = ((DirReference) reference).path();
    assertFalse(Files.exists(dir), dir + " is left behind");
  }
}
