package dev.spyglass.transport.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageReference;
import dev.spyglass.testing.contract.TransportContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** {@code oci:} keeps the api's promises, checked by the kit's transport contract. */
class OciTransportContractTest extends TransportContract {
  private final OciTransport transport = new OciTransport();
  private final AtomicInteger names = new AtomicInteger();
  @TempDir Path tmp;

  @Override
  protected ImageReference newReference() {
    return transport.parseReference(tmp.resolve("layout-" + names.incrementAndGet()) + ":app");
  }

  @Override
  protected void tamper(ImageReference reference, Digest digest, byte[] bytes) throws Exception {
    Files.write(OciImageDestination.blobPath(((OciReference) reference).path(), digest), bytes);
  }

  /** The layout directory the destination created is gone with what was in it. */
  @Override
  protected void assertNothingLeftBehind(ImageReference reference) throws Exception {
    Path layout = ((OciReference) reference).path();
    List<Path> left;
    try (Stream<Path> files = Files.exists(layout) ? Files.walk(layout) : Stream.of()) {
      left = files.filter(Files::isRegularFile).toList();
    }
    assertEquals(List.of(), left, "files left in \"" + layout + "\"");
  }
}
