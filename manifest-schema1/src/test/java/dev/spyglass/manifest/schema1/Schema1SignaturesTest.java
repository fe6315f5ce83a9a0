package dev.spyglass.manifest.schema1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.InvalidManifestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class Schema1SignaturesTest {

  @Test
  void reportsTamperedPayloadAsInvalidWithoutThrowing() throws Exception {
    String signed = signed();

    List<SignatureCheck> checks =
        Schema1Signatures.verify(bytes(signed.replace("\"latest\"", "\"tampered\"")));

    assertFalse(checks.get(0).valid());
    assertEquals("signatures[0] does not match the payload", checks.get(0).problem());
    assertEquals(Schema1Signatures.verify(bytes(signed)).get(0).keyId(), checks.get(0).keyId());
  }

  @Test
  void reportsAlgorithmTheKeyCannotMake() throws Exception {
    List<SignatureCheck> checks =
        Schema1Signatures.verify(bytes(signed().replace("\"ES256\"", "\"ES384\"")));

    assertFalse(checks.get(0).valid());
    assertEquals("ES384", checks.get(0).algorithm());
    assertTrue(checks.get(0).problem().endsWith("cannot make ES384 signatures"), checks.toString());
  }

  @Test
  void reportsKeyIdThatIsNotTheKeys() throws Exception {
    String signed = signed();
    String kid = signed.replaceAll("(?s).*\"kid\": \"([^\"]*)\".*", "$1");

    SignatureCheck check =
        Schema1Signatures.verify(bytes(signed.replace(kid, "AAAA" + kid.substring(4)))).get(0);

    assertFalse(check.valid());
    assertEquals("AAAA" + kid.substring(4), check.keyId());
    assertTrue(check.problem().contains("is not the key's id \"" + kid + "\""), check.problem());
  }

  @Test
  void checksEverySignatureOfAManifestSignedTwice() throws Exception {
    byte[] unsigned = TestManifests.bytes(TestManifests.chain());
    String first = new String(Schema1Signer.sign(unsigned), StandardCharsets.UTF_8);
    String second =
        new String(
            Schema1Signer.sign(unsigned, Schema1SignerTest.keyPair("RSA"), Instant.now()),
            StandardCharsets.UTF_8);
    String secondBlock =
        second.substring(second.indexOf("\"signatures\": [") + 15, second.lastIndexOf(']'));
    String both =
        first.substring(0, first.lastIndexOf(']')).stripTrailing() + "," + secondBlock + "]\n}";

    List<SignatureCheck> checks = Schema1Signatures.verify(bytes(both));

    assertEquals(
        List.of("ES256", "RS256"), checks.stream().map(SignatureCheck::algorithm).toList());
    assertTrue(checks.stream().allMatch(SignatureCheck::valid), checks.toString());
  }

  @Test
  void refusesManifestWithoutSignatures() {
    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> Schema1Signatures.verify(TestManifests.bytes(TestManifests.chain())));

    assertEquals("unsigned", e.rule());
    assertEquals("manifest has no \"signatures\"; there is nothing to verify", e.getMessage());
  }

  private static String signed() {
    return new String(
        Schema1Signer.sign(TestManifests.bytes(TestManifests.chain())), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
