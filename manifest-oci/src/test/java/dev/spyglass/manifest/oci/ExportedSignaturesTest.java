package dev.spyglass.manifest.oci;

import dev.spyglass.testing.ExportedSignatures;
import org.junit.jupiter.api.Test;

class ExportedSignaturesTest {

  @Test
  void theApiNamesNoHttpOrJsonLibraryType() {
    ExportedSignatures.assertFree(OciFormat.class.getModule());
  }
}
