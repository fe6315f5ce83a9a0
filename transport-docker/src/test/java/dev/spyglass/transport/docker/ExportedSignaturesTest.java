package dev.spyglass.transport.docker;

import dev.spyglass.testing.ExportedSignatures;
import org.junit.jupiter.api.Test;

class ExportedSignaturesTest {

  @Test
  void theApiNamesNoHttpOrJsonLibraryType() {
    ExportedSignatures.assertFree(DockerTransport.class.getModule());
  }
}
