package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ImageReference;
import dev.spyglass.api.Transport;
import dev.spyglass.api.Transports;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerTransportDiscoveryTest {

  @Test
  void serviceLoaderFindsTheTransportOnTheModulePath() {
    assertTrue(
        DockerTransport.class.getModule().isNamed(),
        "tests must run on the module path, in module dev.spyglass.transport.docker");
    assertEquals("dev.spyglass.transport.docker", DockerTransport.class.getModule().getName());

    Optional<Transport> docker = Transports.installed().get("docker");

    assertTrue(
        docker.isPresent(), "no transport \"docker\" among " + Transports.installed().names());
    assertInstanceOf(DockerTransport.class, docker.get());
  }

  @Test
  void installedTransportsParseDockerReferences() {
    ImageReference ref = Transports.installed().parse("docker://quay.io/app:1");

    assertInstanceOf(DockerReference.class, ref);
    assertEquals(Optional.of("quay.io/app"), ref.dockerName());
  }
}
