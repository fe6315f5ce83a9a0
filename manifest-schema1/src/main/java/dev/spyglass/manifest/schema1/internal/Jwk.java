package dev.spyglass.manifest.schema1.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spyglass.api.Quote;
import dev.spyglass.gojson.GoJson;
import dev.spyglass.gojson.GoValue;
import dev.spyglass.manifest.schema1.internal.json.JwkJson;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

/**
 * Public keys in libtrust's JSON Web Key form, and libtrust's key ids: the first 240 bits of the
 * SHA-256 of the key's DER {@code SubjectPublicKeyInfo}, in base32, grouped by four and joined by
 * colons ({@code ABCD:EFGH:...}, 12 groups).
 */
public final class Jwk {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Jwk() {}

  /**
   * The key a JWK describes; as libtrust, a {@code kid} it carries must be the key's id.
   *
   * @throws GeneralSecurityException naming what is wrong with the JWK
   */
  public static PublicKey publicKey(GoValue.Obj jwk) throws GeneralSecurityException {
    String kty = text(jwk, "kty");
    PublicKey key =
        switch (kty) {
          case "EC" -> ecKey(jwk);
          case "RSA" -> rsaKey(jwk);
          default ->
              throw new GeneralSecurityException(
                  "JWK key type " + Quote.of(kty) + " is not EC or RSA");
        };
    GoValue kid = jwk.get("kid").orElse(GoValue.NULL);
    if (!(kid instanceof GoValue.Null)) {
      String id = keyId(key);
      String written = FieldReader.primitiveText(kid).orElseGet(() -> GoJson.marshal(kid));
      if (!written.equals(id)) {
        throw new GeneralSecurityException(
            "JWK kid " + Quote.of(written) + " is not the key's id " + Quote.of(id));
      }
    }
    return key;
  }

  /** The JWK libtrust writes for {@code key}, with its id. */
  public static JwkJson toJson(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      int size = octets(ec);
      return new JwkJson(
          curveName(ec),
          null,
          keyId(key),
          "EC",
          null,
          JwsPayload.encode(fixed(ec.getW().getAffineX(), size)),
          JwsPayload.encode(fixed(ec.getW().getAffineY(), size)));
    }
    RSAPublicKey rsa = (RSAPublicKey) key;
    return new JwkJson(
        null,
        JwsPayload.encode(unsigned(rsa.getPublicExponent())),
        keyId(key),
        "RSA",
        JwsPayload.encode(unsigned(rsa.getModulus())),
        null,
        null);
  }

  /** libtrust's fingerprint of {@code key}: over its DER {@code SubjectPublicKeyInfo}. */
  public static String keyId(PublicKey key) {
    byte[] hash = dev.spyglass.api.Digest.newMessageDigest("sha256").digest(key.getEncoded());
    return encode(Arrays.copyOf(hash, 30));
  }

  private static PublicKey ecKey(GoValue.Obj jwk) throws GeneralSecurityException {
    String crv = text(jwk, "crv");
    String curve =
        switch (crv) {
          case "P-256" -> "secp256r1";
          case "P-384" -> "secp384r1";
          case "P-521" -> "secp521r1";
          default ->
              throw new GeneralSecurityException(
                  "JWK curve " + Quote.of(crv) + " is not P-256, P-384 or P-521");
        };
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec(curve));
    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
    int size = (spec.getCurve().getField().getFieldSize() + 7) / 8;
    ECPoint point = new ECPoint(coordinate(jwk, "x", size), coordinate(jwk, "y", size));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
  }

  private static PublicKey rsaKey(GoValue.Obj jwk) throws GeneralSecurityException {
    BigInteger n = new BigInteger(1, bytes(jwk, "n"));
    BigInteger e = new BigInteger(1, bytes(jwk, "e"));
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
  }

  private static BigInteger coordinate(GoValue.Obj jwk, String name, int size)
      throws GeneralSecurityException {
    byte[] bytes = bytes(jwk, name);
    if (bytes.length != size) {
      throw new GeneralSecurityException(
          "JWK " + name + " has " + bytes.length + " bytes; the curve needs " + size);
    }
    return new BigInteger(1, bytes);
  }

  private static byte[] bytes(GoValue.Obj jwk, String name) throws GeneralSecurityException {
    try {
      return JwsPayload.decode(text(jwk, name));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("JWK " + name + " is not base64url", e);
    }
  }

  private static String text(GoValue.Obj jwk, String name) throws GeneralSecurityException {
    if (!(jwk.get(name).orElse(GoValue.NULL) instanceof GoValue.Str value)) {
      throw new GeneralSecurityException("JWK has no string " + Quote.of(name));
    }
    return value.value();
  }

  private static String curveName(ECPublicKey key) {
    return switch (key.getParams().getCurve().getField().getFieldSize()) {
      case 256 -> "P-256";
      case 384 -> "P-384";
      case 521 -> "P-521";
      default -> throw new IllegalArgumentException("EC key is not on P-256, P-384 or P-521");
    };
  }

  private static int octets(ECPublicKey key) {
    return (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
  }

  /** Big-endian bytes without leading zeros, as Go's {@code big.Int.Bytes()}. */
  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int start = 0;
    while (start < bytes.length && bytes[start] == 0) {
      start++;
    }
    return Arrays.copyOfRange(bytes, start, bytes.length);
  }

  /** Big-endian bytes left-padded with zeros to {@code size}. */
  private static byte[] fixed(BigInteger value, int size) {
    byte[] bytes = unsigned(value);
    byte[] out = new byte[size];
    System.arraycopy(bytes, 0, out, size - bytes.length, bytes.length);
    return out;
  }

  private static String encode(byte[] bytes) {
    StringBuilder base32 = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        base32.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      base32.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < base32.length(); i += 4) {
      if (i > 0) {
        grouped.append(':');
      }
      grouped.append(base32, i, Math.min(i + 4, base32.length()));
    }
    return grouped.toString();
  }
}
