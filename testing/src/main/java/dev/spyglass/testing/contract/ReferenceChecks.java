package dev.spyglass.testing.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spyglass.api.ImageReference;
import org.junit.jupiter.api.Test;

/**
 * The contract's checks of references: {@code describe()} is {@code transport:reference}, and
 * parsing {@code stringWithinTransport()} again names the same image. Part of {@link
 * TransportContract}; a transport extends that class.
 */
public sealed interface ReferenceChecks permits TransportContract {

  @Test
  default void describeIsTheTransportNameAndTheReference() throws Exception {
    ImageReference reference = ContractFixture.of(this).newReference();
    assertEquals(
        reference.transport().name() + ":" + reference.stringWithinTransport(),
        reference.describe());
    ImageReference again = reference.transport().parseReference(reference.stringWithinTransport());
    assertEquals(reference.describe(), again.describe());
    assertEquals(reference.dockerName(), again.dockerName());
  }
}
