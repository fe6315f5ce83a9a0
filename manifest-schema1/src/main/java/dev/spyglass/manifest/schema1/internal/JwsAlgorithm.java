package dev.spyglass.manifest.schema1.internal;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Optional;

/**
 * The JWS algorithms libtrust signs and verifies with: ECDSA on P-256/P-384/P-521 (signatures are
 * {@code r || s}, each as long as the curve's field) and RSASSA-PKCS1-v1_5.
 */
public enum JwsAlgorithm {
  ES256("SHA256withECDSAinP1363Format", 256),
  ES384("SHA384withECDSAinP1363Format", 384),
  ES512("SHA512withECDSAinP1363Format", 521),
  RS256("SHA256withRSA", 0),
  RS384("SHA384withRSA", 0),
  RS512("SHA512withRSA", 0);

  private final String jcaName;
  private final int curveBits;

  JwsAlgorithm(String jcaName, int curveBits) {
    this.jcaName = jcaName;
    this.curveBits = curveBits;
  }

  /** The algorithm of a JWS {@code alg} header value. */
  public static Optional<JwsAlgorithm> named(String alg) {
    for (JwsAlgorithm algorithm : values()) {
      if (algorithm.name().equals(alg)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }

  /** The algorithm libtrust signs with for {@code key}: ES* by curve, RS256 for RSA. */
  public static JwsAlgorithm forKey(PublicKey key) {
    if (key instanceof RSAKey) {
      return RS256;
    }
    for (JwsAlgorithm algorithm : values()) {
      if (algorithm.fits(key)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException(
        "key " + key.getAlgorithm() + " is neither RSA nor EC on P-256, P-384 or P-521");
  }

  /**
   * Whether {@code key} can check signatures of this algorithm (an EC key only its own curve's).
   */
  public boolean fits(PublicKey key) {
    if (curveBits == 0) {
      return key instanceof RSAKey;
    }
    return key instanceof ECKey ec
        && ec.getParams().getCurve().getField().getFieldSize() == curveBits;
  }

  /** The signature of {@code input} as JWS writes it. */
  public byte[] sign(PrivateKey key, byte[] input) throws GeneralSecurityException {
    Signature signature = Signature.getInstance(jcaName);
    signature.initSign(key);
    signature.update(input);
    return signature.sign();
  }

  /** Whether {@code signature} is this algorithm's signature of {@code input} by {@code key}. */
  public boolean verify(PublicKey key, byte[] input, byte[] signature)
      throws GeneralSecurityException {
    if (curveBits != 0 && signature.length != 2 * ((curveBits + 7) / 8)) {
      return false;
    }
    Signature verifier = Signature.getInstance(jcaName);
    verifier.initVerify(key);
    verifier.update(input);
    return verifier.verify(signature);
  }
}
