package dev.spyglass.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
  private static final String EMPTY_SHA256 =
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void computesSha256OfBytes() {
    assertEquals(EMPTY_SHA256, Digest.sha256(new byte[0]).toString());
  }

  @Test
  void parsesWhatItPrints() {
    Digest d = Digest.parse(EMPTY_SHA256);
    assertEquals("sha256", d.algorithm());
    assertEquals(EMPTY_SHA256, d.toString());
    assertEquals("e3b0c44298fc", d.shortHex());
  }

  @Test
  void matchesOnlyItsOwnBytes() {
    Digest d = Digest.sha256("abc".getBytes(StandardCharsets.UTF_8));
    assertTrue(d.matches("abc".getBytes(StandardCharsets.UTF_8)));
    assertFalse(d.matches("abd".getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha256",
        ":abc",
        "sha256:",
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855a",
        "md5:d41d8cd98f00b204e9800998ecf8427e",
        "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:../../../../etc/passwd/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      })
  void rejectsMalformedDigestsNamingThem(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.parse(text));
    assertTrue(e.getMessage().contains("\""), e.getMessage());
    assertFalse(Digest.isValid(text));
  }

  @Test
  void acceptsSha512OfTheRightLength() {
    Digest d = Digest.of("sha512", Digest.newMessageDigest("sha512").digest(new byte[0]));
    assertEquals(128, d.hex().length());
    assertEquals(d, Digest.parse(d.toString()));
  }
}
