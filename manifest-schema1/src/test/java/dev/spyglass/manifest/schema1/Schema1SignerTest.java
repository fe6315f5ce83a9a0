package dev.spyglass.manifest.schema1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.api.Digest;
import dev.spyglass.api.MediaType;
import dev.spyglass.manifest.schema1.internal.JsonDocuments;
import dev.spyglass.manifest.schema1.internal.JwsPayload;
import dev.spyglass.testing.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class Schema1SignerTest {
  private static final Schema1Format FORMAT = new Schema1Format();

  @Test
  void signedManifestVerifiesAndKeepsThePayloadDigest() throws Exception {
    byte[] unsigned = TestManifests.bytes(TestManifests.chain());

    byte[] signed = Schema1Signer.sign(unsigned);

    List<SignatureCheck> checks = Schema1Signatures.verify(signed);
    assertEquals(1, checks.size());
    assertTrue(checks.get(0).valid(), checks.toString());
    assertEquals("ES256", checks.get(0).algorithm());
    assertEquals(Digest.sha256(unsigned), FORMAT.digest(signed, MediaType.DOCKER_SCHEMA1_SIGNED));
    assertEquals(
        FORMAT.parse(unsigned, MediaType.DOCKER_SCHEMA1).fsLayers(),
        FORMAT.parse(signed, MediaType.DOCKER_SCHEMA1_SIGNED).fsLayers());
  }

  @Test
  void writesTheSignatureBlockAsDockerDoes() throws Exception {
    byte[] docker = SharedFixtures.read("moby/good_manifest");
    byte[] payload =
        JwsPayload.read(docker, JsonDocuments.tryObject(docker).orElseThrow())
            .orElseThrow()
            .bytes();

    byte[] signed = Schema1Signer.sign(payload);

    assertEquals(masked(docker), masked(signed));
  }

  @Test
  void signsCompactPayloadCompactly() throws Exception {
    byte[] unsigned = TestManifests.chain().toString().getBytes(StandardCharsets.UTF_8);

    byte[] signed = Schema1Signer.sign(unsigned);

    String text = new String(signed, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"}],\"signatures\":[{\"header\":{\"jwk\":{\"crv\":\"P-256\""), text);
    assertTrue(Schema1Signatures.verify(signed).get(0).valid());
  }

  @Test
  void countsFormatLengthInBytesOfUtf8Payloads() throws Exception {
    JsonObject manifest = TestManifests.chain();
    manifest.addProperty("name", "sômé/ünïcode");
    byte[] unsigned = TestManifests.bytes(manifest);

    byte[] signed = Schema1Signer.sign(unsigned);

    assertEquals(Digest.sha256(unsigned), FORMAT.digest(signed, MediaType.DOCKER_SCHEMA1_SIGNED));
    assertTrue(Schema1Signatures.verify(signed).get(0).valid());
    assertEquals("sômé/ünïcode", FORMAT.parse(signed, MediaType.DOCKER_SCHEMA1_SIGNED).name());
  }

  @Test
  void namesTheKeyByItsLibtrustId() throws Exception {
    byte[] signed = Schema1Signer.sign(TestManifests.bytes(TestManifests.chain()));

    String kid =
        JsonParser.parseString(new String(signed, StandardCharsets.UTF_8))
            .getAsJsonObject()
            .getAsJsonArray("signatures")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("header")
            .getAsJsonObject("jwk")
            .get("kid")
            .getAsString();
    assertTrue(kid.matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}"), kid);
    assertEquals(kid, Schema1Signatures.verify(signed).get(0).keyId());
  }

  @Test
  void signsWithTheAlgorithmOfTheKey() throws Exception {
    byte[] unsigned = TestManifests.bytes(TestManifests.chain());
    for (String[] key :
        new String[][] {{"secp384r1", "ES384"}, {"secp521r1", "ES512"}, {"RSA", "RS256"}}) {
      byte[] signed = Schema1Signer.sign(unsigned, keyPair(key[0]), Instant.now());

      SignatureCheck check = Schema1Signatures.verify(signed).get(0);

      assertEquals(key[1], check.algorithm());
      assertTrue(check.valid(), check.toString());
    }
  }

  @Test
  void refusesManifestThatIsAlreadySigned() {
    byte[] signed = Schema1Signer.sign(TestManifests.bytes(TestManifests.chain()));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Schema1Signer.sign(signed));

    assertEquals(
        "manifest to sign already has \"signatures\"; sign its unsigned payload instead",
        e.getMessage());
  }

  @Test
  void refusesTextThatIsNotAJsonObject() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Schema1Signer.sign("[1]".getBytes(StandardCharsets.UTF_8)));

    assertEquals("manifest to sign is not a JSON object", e.getMessage());
  }

  static KeyPair keyPair(String curveOrRsa) throws Exception {
    if (curveOrRsa.equals("RSA")) {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      return rsa.generateKeyPair();
    }
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec(curveOrRsa));
    return ec.generateKeyPair();
  }

  private static String masked(byte[] manifest) {
    return new String(manifest, StandardCharsets.UTF_8)
        .replaceAll("\"(kid|x|y|signature|protected)\": \"[^\"]*\"", "\"$1\": \"...\"");
  }
}
