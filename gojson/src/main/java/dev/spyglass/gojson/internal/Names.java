package dev.spyglass.gojson.internal;

/**
 * How Go's {@code encoding/json} (Go 1.19) matches object keys to field names, and sorts map keys.
 */
public final class Names {
  private static final int LONG_S = 0x017F; // ſ, folds to s
  private static final int KELVIN = 0x212A; // K, folds to k

  private Names() {}

  /**
   * Whether JSON key {@code key} selects the field named {@code name} (an ASCII name) when no field
   * has exactly that name: ASCII letters compare case-insensitively, other characters exactly, and
   * the key may spell s as U+017F and k as U+212A, as Go's {@code equalFoldRight} allows.
   */
  public static boolean foldEquals(String name, String key) {
    int k = 0;
    for (int i = 0; i < name.length(); i++) {
      if (k >= key.length()) {
        return false;
      }
      char n = name.charAt(i);
      int c = key.codePointAt(k);
      if (c < 0x80) {
        if (c != n && !(isAsciiLetter(n) && (n & ~0x20) == (c & ~0x20))) {
          return false;
        }
      } else if (!((n == 's' || n == 'S') && c == LONG_S
          || (n == 'k' || n == 'K') && c == KELVIN)) {
        return false;
      }
      k += Character.charCount(c);
    }
    return k == key.length();
  }

  /** Orders strings as Go sorts map keys: by UTF-8 bytes, which is code point order. */
  public static int compareKeys(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
