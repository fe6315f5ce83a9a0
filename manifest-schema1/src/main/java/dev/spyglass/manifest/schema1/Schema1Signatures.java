package dev.spyglass.manifest.schema1;

import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Quote;
import dev.spyglass.gojson.GoValue;
import dev.spyglass.manifest.schema1.internal.FieldReader;
import dev.spyglass.manifest.schema1.internal.JsonDocuments;
import dev.spyglass.manifest.schema1.internal.Jwk;
import dev.spyglass.manifest.schema1.internal.JwsAlgorithm;
import dev.spyglass.manifest.schema1.internal.JwsPayload;
import dev.spyglass.manifest.schema1.internal.JwsSignature;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the libtrust signatures of a signed schema1 manifest, as CNCF distribution does before
 * it accepts a push: each signature is checked over {@code protected + "." + base64url(payload)}
 * with the key its header names (a {@code jwk}, or else the first certificate of {@code x5c}, whose
 * chain is not checked). ES256, ES384, ES512, RS256, RS384 and RS512 are supported.
 *
 * <p>A signature that does not verify is reported, not thrown. A valid signature proves only that
 * the holder of the named key signed the payload: schema1 keys are ephemeral and trusted by nobody,
 * so this is an integrity check of the envelope, not an authenticity check. Stateless and thread
 * safe.
 */
public final class Schema1Signatures {
  private Schema1Signatures() {}

  /**
   * Checks every signature of {@code manifest}, in the order they are written.
   *
   * @throws InvalidManifestException rule {@code bad-json} when the bytes are not a JSON object,
   *     {@code unsigned} when it has no signatures, or a {@code jws-*} rule when the envelope is
   *     broken so that there is no payload to check against
   */
  public static List<SignatureCheck> verify(byte[] manifest) throws InvalidManifestException {
    GoValue.Obj document =
        JsonDocuments.tryObject(manifest)
            .orElseThrow(
                () -> new InvalidManifestException("bad-json", "manifest is not a JSON object"));
    JwsPayload payload =
        JwsPayload.read(manifest, document)
            .orElseThrow(
                () ->
                    new InvalidManifestException(
                        "unsigned", "manifest has no \"signatures\"; there is nothing to verify"));
    List<SignatureCheck> checks = new ArrayList<>();
    for (JwsSignature signature : payload.signatures()) {
      checks.add(check(signature, payload.encoded()));
    }
    return List.copyOf(checks);
  }

  private static SignatureCheck check(JwsSignature signature, String encodedPayload) {
    int index = signature.index();
    GoValue.Obj header = signature.header();
    if (header == null) {
      return invalid(index, "", "", "has no \"header\" object");
    }
    String alg = FieldReader.member(header, "alg").flatMap(FieldReader::primitiveText).orElse("");
    GoValue jwk = FieldReader.member(header, "jwk").orElse(GoValue.NULL);
    PublicKey key;
    try {
      key = key(header, jwk);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return invalid(
          index, writtenKeyId(jwk), alg, "names a key that cannot be used: " + e.getMessage());
    }
    String keyId = Jwk.keyId(key);
    Optional<JwsAlgorithm> algorithm = JwsAlgorithm.named(alg);
    if (algorithm.isEmpty()) {
      return invalid(
          index, keyId, alg, "uses algorithm " + Quote.of(alg) + ", which is not supported");
    }
    if (!algorithm.get().fits(key)) {
      return invalid(
          index,
          keyId,
          alg,
          "names key " + Quote.of(keyId) + ", which cannot make " + alg + " signatures");
    }
    byte[] input =
        (signature.protectedHeader() + "." + encodedPayload).getBytes(StandardCharsets.US_ASCII);
    try {
      byte[] bytes = JwsPayload.decode(signature.signature());
      return algorithm.get().verify(key, input, bytes)
          ? new SignatureCheck(index, keyId, alg, true, "")
          : invalid(index, keyId, alg, "does not match the payload");
    } catch (IllegalArgumentException e) {
      return invalid(index, keyId, alg, "is not base64url");
    } catch (GeneralSecurityException e) {
      return invalid(index, keyId, alg, "cannot be checked: " + e.getMessage());
    }
  }

  private static PublicKey key(GoValue.Obj header, GoValue jwk) throws GeneralSecurityException {
    if (jwk instanceof GoValue.Obj object) {
      return Jwk.publicKey(object);
    }
    GoValue chain = FieldReader.member(header, "x5c").orElse(GoValue.NULL);
    if (chain instanceof GoValue.Arr array && !array.elements().isEmpty()) {
      Optional<String> first = FieldReader.primitiveText(array.elements().get(0));
      if (first.isEmpty()) {
        throw new GeneralSecurityException("x5c[0] is not a base64 certificate");
      }
      byte[] der = Base64.getDecoder().decode(first.get());
      return CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der))
          .getPublicKey();
    }
    throw new GeneralSecurityException("the header has neither \"jwk\" nor \"x5c\"");
  }

  private static String writtenKeyId(GoValue jwk) {
    if (!(jwk instanceof GoValue.Obj object)) {
      return "";
    }
    return object.get("kid").flatMap(FieldReader::primitiveText).orElse("");
  }

  private static SignatureCheck invalid(int index, String keyId, String alg, String problem) {
    return new SignatureCheck(index, keyId, alg, false, "signatures[" + index + "] " + problem);
  }
}
