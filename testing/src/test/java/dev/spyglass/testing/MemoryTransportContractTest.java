package dev.spyglass.testing;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageReference;
import dev.spyglass.testing.contract.TransportContract;
import java.util.concurrent.atomic.AtomicInteger;

/** The kit's own in-memory transport keeps the api's promises too. */
class MemoryTransportContractTest extends TransportContract {
  private final MemoryTransport transport = new MemoryTransport();
  private final AtomicInteger names = new AtomicInteger();

  @Override
  protected ImageReference newReference() {
    return transport.reference("image-" + names.incrementAndGet());
  }

  @Override
  protected void tamper(ImageReference reference, Digest digest, byte[] bytes) {
    ((MemoryReference) reference).image().tamper(digest, bytes);
  }
}
