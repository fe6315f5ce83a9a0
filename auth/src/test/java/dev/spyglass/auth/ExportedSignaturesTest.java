package dev.spyglass.auth;

import dev.spyglass.testing.ExportedSignatures;
import org.junit.jupiter.api.Test;

class ExportedSignaturesTest {

  @Test
  void theApiNamesNoHttpOrJsonLibraryType() {
    ExportedSignatures.assertFree(TokenClient.class.getModule());
  }
}
