package dev.spyglass.manifest.schema1;

import java.util.Objects;

/**
 * The outcome of checking one signature of a signed schema1 manifest.
 *
 * @param index the signature's position in the manifest's {@code signatures} array
 * @param keyId the libtrust id of the signing key ({@code ABCD:EFGH:...}), computed from the key;
 *     the JWK's own {@code kid} when the key cannot be read; empty when there is neither
 * @param algorithm the {@code alg} header as written (ES256, ES384, ES512, RS256, ...)
 * @param valid whether the signature verifies over the manifest's payload
 * @param problem why it does not verify; empty when {@code valid}
 */
public record SignatureCheck(
    int index, String keyId, String algorithm, boolean valid, String problem) {

  public SignatureCheck {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(problem, "problem");
  }
}
