package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Quote;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an unencrypted PEM private key: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA
 * PRIVATE KEY}) or SEC1 EC ({@code EC PRIVATE KEY}, with its curve named), as OpenSSL writes them.
 */
final class PemKeys {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]++)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };
  private static final List<String> ALGORITHMS =
      List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

  private PemKeys() {}

  /**
   * @throws GeneralSecurityException saying why the text is not a usable key (never the key)
   */
  static PrivateKey read(String pem) throws GeneralSecurityException {
    Matcher block = BLOCK.matcher(pem);
    while (block.find()) {
      String type = block.group(1);
      String body = block.group(2);
      if (body.contains("Proc-Type:") || type.equals("ENCRYPTED PRIVATE KEY")) {
        throw new GeneralSecurityException("encrypted private keys are not supported");
      }
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(body.strip());
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException(
            "the PEM block " + Quote.of(type) + " is not valid base64");
      }
      switch (type) {
        case "PRIVATE KEY":
          return pkcs8(der);
        case "RSA PRIVATE KEY":
          return KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(rsaToPkcs8(der)));
        case "EC PRIVATE KEY":
          return KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(ecToPkcs8(der)));
        default:
          // Other blocks (EC PARAMETERS, certificates) may precede the key.
      }
    }
    throw new GeneralSecurityException(
        "no PEM private key (PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY) found");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    for (String algorithm : ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Try the next algorithm.
      }
    }
    throw new GeneralSecurityException(
        "the PKCS#8 private key is malformed or of an unsupported algorithm");
  }

  /** PKCS#8 = SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
  private static byte[] rsaToPkcs8(byte[] pkcs1) {
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, tlv(0x04, pkcs1)));
  }

  /**
   * SEC1 ECPrivateKey = SEQUENCE { INTEGER 1, OCTET STRING key, [0] OID curve, [1] BIT STRING };
   * PKCS#8 wants the curve in its AlgorithmIdentifier.
   */
  private static byte[] ecToPkcs8(byte[] sec1) throws GeneralSecurityException {
    Der outer = new Der(sec1, 0);
    if (outer.tag != 0x30) {
      throw new GeneralSecurityException("the EC PRIVATE KEY is not a DER sequence");
    }
    byte[] curve = null; // the OID element, tag and length included
    int at = outer.contentStart;
    while (at < outer.end) {
      Der element = new Der(sec1, at);
      if (element.tag == 0xa0) {
        Der oid = new Der(sec1, element.contentStart);
        if (oid.tag == 0x06) {
          curve = Arrays.copyOfRange(sec1, element.contentStart, oid.end);
        }
      }
      at = element.end;
    }
    if (curve == null) {
      throw new GeneralSecurityException("the EC PRIVATE KEY does not name its curve");
    }
    byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curve));
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, sec1)));
  }

  private static byte[] sequence(byte[] content) {
    return tlv(0x30, content);
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** One DER element header: its tag, where its content starts and where it ends. */
  private static final class Der {
    final int tag;
    final int contentStart;
    final int end;

    Der(byte[] der, int offset) throws GeneralSecurityException {
      if (offset + 2 > der.length) {
        throw new GeneralSecurityException("the key is truncated");
      }
      tag = der[offset] & 0xff;
      int first = der[offset + 1] & 0xff;
      int position = offset + 2;
      long length = first;
      if (first >= 0x80) {
        int bytes = first & 0x7f;
        if (bytes == 0 || bytes > 4 || position + bytes > der.length) {
          throw new GeneralSecurityException("the key has an invalid DER length");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[position++] & 0xff);
        }
      }
      if (position + length > der.length) {
        throw new GeneralSecurityException("the key is truncated");
      }
      contentStart = position;
      end = (int) (position + length);
    }
  }
}
