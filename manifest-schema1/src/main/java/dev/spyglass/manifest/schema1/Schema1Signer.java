package dev.spyglass.manifest.schema1;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.spyglass.gojson.GoTime;
import dev.spyglass.gojson.GoValue;
import dev.spyglass.manifest.schema1.internal.JsonDocuments;
import dev.spyglass.manifest.schema1.internal.Jwk;
import dev.spyglass.manifest.schema1.internal.JwsAlgorithm;
import dev.spyglass.manifest.schema1.internal.JwsPayload;
import dev.spyglass.manifest.schema1.internal.json.JwsHeaderJson;
import dev.spyglass.manifest.schema1.internal.json.ProtectedHeaderJson;
import dev.spyglass.manifest.schema1.internal.json.SignatureJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Signs an unsigned schema1 manifest as Docker and CNCF distribution do (libtrust's "pretty JWS"),
 * so that a registry that verifies schema1 signatures accepts it.
 *
 * <p>The input bytes are the payload, unchanged: the signed manifest's canonical digest is the
 * SHA-256 of the input. Docker writes that payload with {@code json.MarshalIndent(m, "", " ")}; as
 * libtrust, the signer detects the payload's indentation and writes the {@code signatures} block in
 * the same style (three spaces for Docker's payloads, compact for compact ones). Each call signs
 * with a fresh ES256 (P-256) key, as the registry does. Stateless and thread safe.
 */
public final class Schema1Signer {
  private Schema1Signer() {}

  /**
   * Signs {@code unsignedJson} with a new P-256 key.
   *
   * @throws IllegalArgumentException when it is not a non-empty JSON object, or already has {@code
   *     signatures}
   */
  public static byte[] sign(byte[] unsignedJson) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return sign(unsignedJson, generator.generateKeyPair(), Instant.now());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make P-256 keys", e);
    }
  }

  /** Signs with {@code key}: ES256/ES384/ES512 by its curve, RS256 for RSA, as libtrust does. */
  static byte[] sign(byte[] unsignedJson, KeyPair key, Instant time) {
    requireUnsignedObject(unsignedJson);
    int formatLength = formatLength(unsignedJson);
    byte[] formatTail = Arrays.copyOfRange(unsignedJson, formatLength, unsignedJson.length);
    String protectedHeader =
        JwsPayload.encode(
            new Gson()
                .toJson(
                    new ProtectedHeaderJson(
                        formatLength,
                        JwsPayload.encode(formatTail),
                        GoTime.of(time.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC))
                            .format()))
                .getBytes(StandardCharsets.UTF_8));
    JwsAlgorithm algorithm = JwsAlgorithm.forKey(key.getPublic());
    byte[] input =
        (protectedHeader + "." + JwsPayload.encode(unsignedJson))
            .getBytes(StandardCharsets.US_ASCII);
    byte[] signature;
    try {
      signature = algorithm.sign(key.getPrivate(), input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with " + algorithm + " failed", e);
    }
    SignatureJson block =
        new SignatureJson(
            new JwsHeaderJson(Jwk.toJson(key.getPublic()), algorithm.name()),
            JwsPayload.encode(signature),
            protectedHeader);
    return prettySignature(unsignedJson, formatLength, block);
  }

  /**
   * libtrust's {@code PrettySignature}: the payload's first bytes, the signatures, a closing brace.
   */
  private static byte[] prettySignature(byte[] payload, int formatLength, SignatureJson block) {
    String indent = indent(payload);
    GsonBuilder gson = new GsonBuilder().disableHtmlEscaping();
    if (!indent.isEmpty()) {
      gson.setFormattingStyle(FormattingStyle.PRETTY.withIndent(indent));
    }
    String signatures = gson.create().toJson(List.of(block)).replace("\n", "\n" + indent);
    String tail =
        indent.isEmpty()
            ? ",\"signatures\":" + signatures + "}"
            : ",\n" + indent + "\"signatures\": " + signatures + "\n}";
    ByteArrayOutputStream out = new ByteArrayOutputStream(formatLength + tail.length());
    out.write(payload, 0, formatLength);
    out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static void requireUnsignedObject(byte[] json) {
    GoValue.Obj object =
        JsonDocuments.tryObject(json)
            .orElseThrow(
                () -> new IllegalArgumentException("manifest to sign is not a JSON object"));
    if (object.members().isEmpty()) {
      throw new IllegalArgumentException("manifest to sign is an empty JSON object");
    }
    if (object.get("signatures").isPresent()) {
      throw new IllegalArgumentException(
          "manifest to sign already has \"signatures\"; sign its unsigned payload instead");
    }
  }

  /** The bytes up to the last one before the closing brace that is not white space. */
  private static int formatLength(byte[] json) {
    int close = lastNonSpace(json, json.length);
    return lastNonSpace(json, close) + 1;
  }

  private static int lastNonSpace(byte[] json, int end) {
    int i = end - 1;
    while (i >= 0 && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r')) {
      i--;
    }
    return i;
  }

  /** libtrust's {@code detectJSONIndent}: what follows {@code "{\n"} up to the first quote. */
  private static String indent(byte[] json) {
    if (json.length > 2 && json[0] == '{' && json[1] == '\n') {
      for (int i = 2; i < json.length; i++) {
        if (json[i] == '"') {
          return new String(json, 2, i - 2, StandardCharsets.UTF_8);
        }
      }
    }
    return "";
  }
}
