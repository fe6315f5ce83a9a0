package dev.spyglass.image;

import dev.spyglass.testing.ExportedSignatures;
import org.junit.jupiter.api.Test;

class ExportedSignaturesTest {

  @Test
  void theApiNamesNoHttpOrJsonLibraryType() {
    ExportedSignatures.assertFree(ImageCopier.class.getModule());
  }
}
