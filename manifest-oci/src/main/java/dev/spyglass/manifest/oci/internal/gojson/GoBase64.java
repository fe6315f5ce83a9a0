package dev.spyglass.manifest.oci.internal.gojson;

import java.util.Base64;

/**
 * Base64 as Go's {@code encoding/json} decodes a {@code []byte}: standard alphabet, padded, CR/LF
 * ignored.
 */
public final class GoBase64 {
  private GoBase64() {}

  /** Whether Go would decode {@code text} into bytes without error. */
  public static boolean isValid(String text) {
    String compact = text.replace("\r", "").replace("\n", "");
    if (compact.length() % 4 != 0) {
      return false;
    }
    try {
      Base64.getDecoder().decode(compact);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
