package dev.spyglass.gojson.internal;

/** UTF-8 decoding with the acceptance rules of Go's {@code utf8.DecodeRune}. */
final class Utf8 {
  private Utf8() {}

  /**
   * The length of the valid UTF-8 sequence at {@code at} (lead byte 0x80 or above), or 0 when the
   * bytes there are not valid UTF-8 (overlong forms, surrogates and code points above U+10FFFF
   * included), in which case Go decodes one byte as U+FFFD.
   */
  static int sequenceLength(byte[] in, int at) {
    int b0 = in[at] & 0xff;
    int size;
    int low = 0x80;
    int high = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      size = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      size = 3;
      if (b0 == 0xe0) {
        low = 0xa0;
      } else if (b0 == 0xed) {
        high = 0x9f;
      }
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      size = 4;
      if (b0 == 0xf0) {
        low = 0x90;
      } else if (b0 == 0xf4) {
        high = 0x8f;
      }
    } else {
      return 0;
    }
    if (at + size > in.length) {
      return 0;
    }
    int b1 = in[at + 1] & 0xff;
    if (b1 < low || b1 > high) {
      return 0;
    }
    for (int i = 2; i < size; i++) {
      int b = in[at + i] & 0xff;
      if (b < 0x80 || b > 0xbf) {
        return 0;
      }
    }
    return size;
  }

  /** The code point of the valid sequence of {@code size} bytes at {@code at}. */
  static int decode(byte[] in, int at, int size) {
    int cp = in[at] & (0xff >> (size + 1));
    for (int i = 1; i < size; i++) {
      cp = (cp << 6) | (in[at + i] & 0x3f);
    }
    return cp;
  }
}
