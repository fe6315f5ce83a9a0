package dev.spyglass.transport.docker;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.testing.OpaqueManifestFormat;
import dev.spyglass.testing.contract.TransportContract;
import dev.spyglass.testing.registry.MockRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * {@code docker://} keeps the api's promises against the kit's MockWebServer registry, checked by
 * the kit's transport contract.
 */
class DockerTransportContractTest extends TransportContract {
  private static final DockerTransport TRANSPORT = Registries.transport(new RecordingLogger());
  private final MockRegistry registry = MockRegistry.start();
  private final AtomicInteger names = new AtomicInteger();

  @AfterEach
  void stop() {
    registry.close();
  }

  @Override
  protected ImageReference newReference() {
    return TRANSPORT.parseReference(
        "//" + registry.host() + "/contract/image-" + names.incrementAndGet() + ":latest");
  }

  @Override
  protected void tamper(ImageReference reference, Digest digest, byte[] bytes) {
    registry.dispatcher().tamper(((DockerReference) reference).repository(), digest, bytes);
  }

  /** Plain HTTP to the loopback registry; the kit's opaque formats. */
  @Override
  protected ImageOptions options() {
    return ImageOptions.builder().formats(OpaqueManifestFormat.all()).tlsVerify(false).build();
  }
}
