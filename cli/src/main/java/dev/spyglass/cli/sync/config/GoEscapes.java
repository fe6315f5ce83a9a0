package dev.spyglass.cli.sync.config;

import static dev.spyglass.cli.sync.config.RegexpCursor.error;

import java.util.Set;

/**
 * Go's escapes, read from a {@link RegexpCursor} and written as Java regex syntax: single
 * characters ({@code \n}, {@code \x{..}}, {@code \123}), Perl classes ({@code \d}, {@code \s},
 * {@code \w}, ASCII as in Go) and Unicode classes ({@code \pL}, {@code \p{Greek}}). Literals are
 * written so that Java reads them as the same character in any context.
 */
final class GoEscapes {
  static final String WORD = "0-9A-Za-z_";
  private static final Set<String> CATEGORIES =
      Set.of(
          "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
          "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk",
          "Sm", "So", "Z", "Zl", "Zp", "Zs");

  private GoEscapes() {}

  /**
   * Go's parseEscape at {@code start} (a backslash): the character it stands for; {@code in} is
   * left after the escape.
   */
  static int parseEscape(RegexpCursor in, int start) {
    in.pos = start + 1;
    if (in.pos >= in.expr.length()) {
      throw error("trailing backslash at end of expression", "");
    }
    int c = in.expr.codePointAt(in.pos);
    in.pos += Character.charCount(c);
    if (c < 0x80 && !isAlnum((char) c)) {
      return c;
    }
    switch (c) {
      case '1', '2', '3', '4', '5', '6', '7', '0' -> {
        if (c != '0' && (in.pos >= in.expr.length() || !isOctal(in.expr.charAt(in.pos)))) {
          break; // a backreference
        }
        int r = c - '0';
        for (int i = 1;
            i < 3 && in.pos < in.expr.length() && isOctal(in.expr.charAt(in.pos));
            i++) {
          r = r * 8 + in.expr.charAt(in.pos++) - '0';
        }
        return r;
      }
      case 'x' -> {
        if (in.pos >= in.expr.length()) {
          break;
        }
        char first = in.expr.charAt(in.pos++);
        if (first == '{') {
          int r = 0;
          int nhex = 0;
          while (true) {
            if (in.pos >= in.expr.length()) {
              throw error("invalid escape sequence", in.expr.substring(start));
            }
            char h = in.expr.charAt(in.pos++);
            if (h == '}') {
              break;
            }
            int v = Character.digit(h, 16);
            if (v < 0 || h > 'f') {
              throw error("invalid escape sequence", in.expr.substring(start, in.pos));
            }
            r = r * 16 + v;
            if (r > Character.MAX_CODE_POINT) {
              throw error("invalid escape sequence", in.expr.substring(start, in.pos));
            }
            nhex++;
          }
          if (nhex == 0) {
            break;
          }
          return r;
        }
        if (in.pos >= in.expr.length()) {
          break;
        }
        char second = in.expr.charAt(in.pos++);
        int x = hex(first);
        int y = hex(second);
        if (x < 0 || y < 0) {
          break;
        }
        return x * 16 + y;
      }
      case 'a' -> {
        return 7;
      }
      case 'f' -> {
        return '\f';
      }
      case 'n' -> {
        return '\n';
      }
      case 'r' -> {
        return '\r';
      }
      case 't' -> {
        return '\t';
      }
      case 'v' -> {
        return 0x0b;
      }
      default -> {}
    }
    throw error("invalid escape sequence", in.expr.substring(start, in.pos));
  }

  private static int hex(char c) {
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }

  /** {@code \pN}, {@code \p{Name}}, {@code \p{^Name}}, {@code \PN}: the inside of a Java class. */
  static String unicodeClass(RegexpCursor in) {
    int start = in.pos;
    boolean negated = in.expr.charAt(in.pos + 1) == 'P';
    in.pos += 2;
    if (in.pos >= in.expr.length()) {
      throw error("invalid character class range", in.expr.substring(start));
    }
    String name;
    if (in.expr.charAt(in.pos) == '{') {
      int end = in.expr.indexOf('}', in.pos);
      if (end < 0) {
        throw error("invalid character class range", in.expr.substring(start));
      }
      name = in.expr.substring(in.pos + 1, end);
      in.pos = end + 1;
    } else {
      int cp = in.expr.codePointAt(in.pos);
      in.pos += Character.charCount(cp);
      name = new String(Character.toChars(cp));
    }
    if (name.startsWith("^")) {
      negated = !negated;
      name = name.substring(1);
    }
    String java;
    if (name.equals("Any")) {
      java = "\\x{0}-\\x{10ffff}";
    } else if (CATEGORIES.contains(name)) {
      java = "\\p{" + name + "}";
    } else if (isScript(name)) {
      java = "\\p{Is" + name + "}";
    } else {
      throw error("invalid character class range", in.expr.substring(start, in.pos));
    }
    return negated ? "[^" + java + "]" : java;
  }

  private static boolean isScript(String name) {
    if (name.isEmpty() || !Character.isUpperCase(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '_' && !isAlnum(c)) {
        return false;
      }
    }
    try {
      Character.UnicodeScript.forName(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String perlClass(char c) {
    String inside =
        switch (Character.toLowerCase(c)) {
          case 'd' -> "0-9";
          case 's' -> "\\t\\n\\f\\r ";
          default -> WORD;
        };
    return Character.isUpperCase(c) ? "[^" + inside + "]" : "[" + inside + "]";
  }

  static String literal(int cp) {
    return isAlnumCodePoint(cp) ? new String(Character.toChars(cp)) : hexEscape(cp);
  }

  private static String hexEscape(int cp) {
    return "\\x{" + Integer.toHexString(cp) + "}";
  }

  private static boolean isAlnumCodePoint(int cp) {
    return cp < 0x80 && isAlnum((char) cp);
  }

  static boolean isAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }
}
