package dev.spyglass.manifest.schema1.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OciConfigTest {

  @Test
  void comparesDockerVersionsAsDockerDoes() {
    assertTrue(OciConfig.olderThanDocker183("1.6.2"));
    assertTrue(OciConfig.olderThanDocker183("1.8.2-rc1"));
    assertTrue(OciConfig.olderThanDocker183("1.8"));
    assertTrue(OciConfig.olderThanDocker183("1.8.3-rc1"), "\"3-rc1\" counts as 0");
    assertFalse(OciConfig.olderThanDocker183("1.8.3"));
    assertFalse(OciConfig.olderThanDocker183("1.10.0"));
    assertFalse(OciConfig.olderThanDocker183("18.06.1-ce"));
  }
}
