package dev.spyglass.manifest.schema1;

import dev.spyglass.testing.ExportedSignatures;
import org.junit.jupiter.api.Test;

class ExportedSignaturesTest {

  @Test
  void theApiNamesNoHttpOrJsonLibraryType() {
    ExportedSignatures.assertFree(Schema1Format.class.getModule());
  }
}
