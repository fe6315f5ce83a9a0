package dev.spyglass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Transports;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves ServiceLoader discovery on the module path (surefire runs this module's tests on it); the
 * it-tests module, which runs on the class path, proves the same through META-INF/services.
 */
class DiscoveryTest {

  @Test
  void findsTheDockerTransportAsAModule() {
    assertTrue(Transports.installed().names().contains("docker"), Transports.installed().names().toString());
    assertTrue(Transports.installed().get("docker").orElseThrow().getClass().getModule().isNamed());
  }

  @Test
  void findsTheArchiveTransportsAsModules() {
    for (String name : List.of("docker-archive", "oci-archive")) {
      assertTrue(Transports.installed().get(name).orElseThrow().getClass().getModule().isNamed(), name);
    }
  }

  @Test
  void findsEveryManifestFormatAsAModule() {
    ManifestFormats formats = ManifestFormats.installed();
    for (String type :
        List.of(
            MediaType.DOCKER_SCHEMA1,
            MediaType.DOCKER_SCHEMA1_SIGNED,
            MediaType.DOCKER_SCHEMA2,
            MediaType.DOCKER_MANIFEST_LIST,
            MediaType.OCI_MANIFEST,
            MediaType.OCI_INDEX)) {
      assertTrue(formats.forMediaType(type).isPresent(), type);
      assertTrue(formats.forMediaType(type).orElseThrow().getClass().getModule().isNamed(), type);
    }
    assertEquals(6, formats.mediaTypes().size(), formats.mediaTypes().toString());
  }
}
