package dev.spyglass.it;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.api.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Recovers the payload of a signed schema1 manifest (libtrust "pretty JWS") independently of
 * Spyglass: the bytes up to the first signature's {@code formatLength}, followed by its decoded
 * {@code formatTail}. Its SHA-256 is the digest registries report, whoever signed the copy.
 */
final class Schema1Payload {
  private Schema1Payload() {}

  static Digest digest(byte[] signedManifest) {
    JsonObject manifest =
        JsonParser.parseString(new String(signedManifest, StandardCharsets.UTF_8))
            .getAsJsonObject();
    String protectedHeader =
        manifest
            .getAsJsonArray("signatures")
            .get(0)
            .getAsJsonObject()
            .get("protected")
            .getAsString();
    JsonObject header =
        JsonParser.parseString(
                new String(Base64.getUrlDecoder().decode(protectedHeader), StandardCharsets.UTF_8))
            .getAsJsonObject();
    int formatLength = header.get("formatLength").getAsInt();
    byte[] tail = Base64.getUrlDecoder().decode(header.get("formatTail").getAsString());
    byte[] payload = Arrays.copyOf(signedManifest, formatLength + tail.length);
    System.arraycopy(tail, 0, payload, formatLength, tail.length);
    return Digest.sha256(payload);
  }
}
