package dev.spyglass.manifest.schema1.internal;

import dev.spyglass.api.Digest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Quote;
import dev.spyglass.gojson.GoValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Recovers the signed payload of a libtrust "pretty JWS" manifest, as {@code
 * libtrust.ParsePrettySignature} does: every signature's protected header names {@code
 * formatLength}, a count of <em>bytes</em> of the manifest, and {@code formatTail}, base64url bytes
 * that follow them; the payload is {@code raw[0:formatLength] + formatTail}, and every signature
 * must name the same one.
 *
 * <p>Rules of the exceptions: {@code jws-envelope} (the {@code signatures} array or a protected
 * header is malformed), {@code jws-format-length} (negative, or past the end of the manifest),
 * {@code jws-conflict} (signatures name different payloads). Their index is the signature's.
 */
public final class JwsPayload {
  private final byte[] payload;
  private final List<JwsSignature> signatures;

  private JwsPayload(byte[] payload, List<JwsSignature> signatures) {
    this.payload = payload;
    this.signatures = List.copyOf(signatures);
  }

  /**
   * The payload of {@code raw}, whose parsed form is {@code manifest}; empty when the manifest has
   * no {@code signatures} member (or it is null), as containers/image treats it.
   */
  public static Optional<JwsPayload> read(byte[] raw, GoValue.Obj manifest)
      throws InvalidManifestException {
    GoValue member = manifest.get("signatures").orElse(GoValue.NULL);
    if (member instanceof GoValue.Null) {
      return Optional.empty();
    }
    if (!(member instanceof GoValue.Arr signaturesArray)) {
      throw envelope(-1, "manifest member \"signatures\" is not an array of signatures");
    }
    List<GoValue> array = signaturesArray.elements();
    if (array.isEmpty()) {
      throw envelope(-1, "manifest member \"signatures\" is an empty array");
    }
    List<JwsSignature> signatures = new ArrayList<>(array.size());
    int formatLength = -1;
    byte[] formatTail = new byte[0];
    for (int i = 0; i < array.size(); i++) {
      JwsSignature signature = signature(i, array.get(i));
      GoValue.Obj header = protectedHeader(signature);
      int length = formatLength(i, header, raw.length);
      byte[] tail = formatTail(i, header);
      if (i == 0) {
        formatLength = length;
        formatTail = tail;
      } else if (length != formatLength || !Arrays.equals(tail, formatTail)) {
        throw new InvalidManifestException(
            "jws-conflict",
            i,
            "signatures["
                + i
                + "] signs a different payload than signatures[0]: formatLength "
                + length
                + " and formatTail "
                + Quote.of(encode(tail))
                + " against "
                + formatLength
                + " and "
                + Quote.of(encode(formatTail)));
      }
      signatures.add(signature);
    }
    byte[] payload = Arrays.copyOf(raw, formatLength + formatTail.length);
    System.arraycopy(formatTail, 0, payload, formatLength, formatTail.length);
    return Optional.of(new JwsPayload(payload, signatures));
  }

  /** The signed payload: the manifest as it was before it was signed. */
  public byte[] bytes() {
    return payload.clone();
  }

  /** The canonical digest of the manifest: SHA-256 of the payload. */
  public Digest digest() {
    return Digest.sha256(payload);
  }

  /** The payload in base64url without padding, as it is signed ({@code protected + "." + this}). */
  public String encoded() {
    return encode(payload);
  }

  public List<JwsSignature> signatures() {
    return signatures;
  }

  /** Base64url without padding, as JOSE writes it. */
  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Decodes base64url with or without padding; throws {@link IllegalArgumentException}. */
  public static byte[] decode(String text) {
    return Base64.getUrlDecoder().decode(text);
  }

  private static JwsSignature signature(int i, GoValue element) throws InvalidManifestException {
    if (!(element instanceof GoValue.Obj object)) {
      throw envelope(i, "signatures[" + i + "] is not a JSON object");
    }
    GoValue protectedHeader = FieldReader.member(object, "protected").orElse(GoValue.NULL);
    if (!(protectedHeader instanceof GoValue.Str protectedText)) {
      throw envelope(i, "signatures[" + i + "] has no \"protected\" header string");
    }
    GoValue signature = FieldReader.member(object, "signature").orElse(GoValue.NULL);
    GoValue header = FieldReader.member(object, "header").orElse(GoValue.NULL);
    return new JwsSignature(
        i,
        header instanceof GoValue.Obj headerObject ? headerObject : null,
        protectedText.value(),
        signature instanceof GoValue.Str signatureText ? signatureText.value() : "");
  }

  private static GoValue.Obj protectedHeader(JwsSignature signature)
      throws InvalidManifestException {
    int i = signature.index();
    byte[] decoded;
    try {
      decoded = decode(signature.protectedHeader());
    } catch (IllegalArgumentException e) {
      throw envelope(
          i,
          "signatures["
              + i
              + "] protected header "
              + Quote.of(signature.protectedHeader())
              + " is not base64url");
    }
    return JsonDocuments.tryObject(decoded)
        .orElseThrow(
            () -> envelope(i, "signatures[" + i + "] protected header is not a JSON object"));
  }

  private static int formatLength(int i, GoValue.Obj header, int size)
      throws InvalidManifestException {
    GoValue value = header.get("formatLength").orElse(GoValue.NULL);
    if (!(value instanceof GoValue.Num literal)) {
      throw envelope(i, "signatures[" + i + "] protected header has no number \"formatLength\"");
    }
    // Go reads the number as a float64 and truncates it to an int.
    BigDecimal number = new BigDecimal(literal.literal());
    if (number.signum() < 0 || number.compareTo(BigDecimal.valueOf(size)) > 0) {
      throw new InvalidManifestException(
          "jws-format-length",
          i,
          "signatures["
              + i
              + "] formatLength "
              + number.toPlainString()
              + " is outside the "
              + size
              + "-byte manifest");
    }
    return number.intValue();
  }

  private static byte[] formatTail(int i, GoValue.Obj header) throws InvalidManifestException {
    GoValue value = header.get("formatTail").orElse(GoValue.NULL);
    if (!(value instanceof GoValue.Str text)) {
      throw envelope(i, "signatures[" + i + "] protected header has no string \"formatTail\"");
    }
    try {
      return decode(text.value());
    } catch (IllegalArgumentException e) {
      throw envelope(
          i, "signatures[" + i + "] formatTail " + Quote.of(text.value()) + " is not base64url");
    }
  }

  private static InvalidManifestException envelope(int index, String message) {
    return new InvalidManifestException("jws-envelope", index, message);
  }
}
