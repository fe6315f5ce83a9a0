package dev.spyglass.cli.sync.config;

import static dev.spyglass.cli.sync.config.RegexpCursor.error;

import java.util.Map;

/**
 * Go's bracketed character classes ({@code [a-z]}, {@code [^...]}, {@code [[:alpha:]]}, escapes and
 * Perl or Unicode classes inside) translated to Java classes with the same members, with Go's
 * reading of {@code []a]} and {@code [a[b]} and its refusals.
 */
final class GoCharClass {
  private static final Map<String, String> POSIX =
      Map.ofEntries(
          Map.entry("alnum", "0-9A-Za-z"),
          Map.entry("alpha", "A-Za-z"),
          Map.entry("ascii", "\\x{0}-\\x{7f}"),
          Map.entry("blank", "\\t "),
          Map.entry("cntrl", "\\x{0}-\\x{1f}\\x{7f}"),
          Map.entry("digit", "0-9"),
          Map.entry("graph", "\\x{21}-\\x{7e}"),
          Map.entry("lower", "a-z"),
          Map.entry("print", "\\x{20}-\\x{7e}"),
          Map.entry("punct", "\\x{21}-\\x{2f}\\x{3a}-\\x{40}\\x{5b}-\\x{60}\\x{7b}-\\x{7e}"),
          Map.entry("space", "\\t\\n\\x{b}\\f\\r "),
          Map.entry("upper", "A-Z"),
          Map.entry("word", GoEscapes.WORD),
          Map.entry("xdigit", "0-9A-Fa-f"));

  private GoCharClass() {}

  /** Go's parseClass at {@code [}: a Java class with the same members; {@code in} is left after. */
  static String parse(RegexpCursor in) {
    int start = in.pos;
    in.pos++;
    StringBuilder java = new StringBuilder("[");
    if (in.pos < in.expr.length() && in.expr.charAt(in.pos) == '^') {
      java.append('^');
      in.pos++;
    }
    boolean first = true;
    while (in.pos >= in.expr.length() || in.expr.charAt(in.pos) != ']' || first) {
      if (in.pos >= in.expr.length()) {
        throw error("missing closing ]", in.expr.substring(start));
      }
      first = false;
      char c = in.expr.charAt(in.pos);
      if (c == '[' && in.expr.startsWith("[:", in.pos) && in.pos + 2 < in.expr.length()) {
        int end = in.expr.indexOf(":]", in.pos + 2);
        if (end >= 0) {
          String name = in.expr.substring(in.pos + 2, end);
          boolean negated = name.startsWith("^");
          String members = POSIX.get(negated ? name.substring(1) : name);
          if (members == null) {
            throw error("invalid character class range", in.expr.substring(in.pos, end + 2));
          }
          java.append(negated ? "[^" : "[").append(members).append(']');
          in.pos = end + 2;
          continue;
        }
      }
      if (c == '\\' && in.pos + 1 < in.expr.length()) {
        char e = in.expr.charAt(in.pos + 1);
        if (e == 'p' || e == 'P') {
          java.append('[').append(GoEscapes.unicodeClass(in)).append(']');
          continue;
        }
        if ("dDsSwW".indexOf(e) >= 0) {
          in.pos += 2;
          java.append(GoEscapes.perlClass(e));
          continue;
        }
      }
      int rangeStart = in.pos;
      int lo = classChar(in, start);
      int hi = lo;
      if (in.pos + 1 < in.expr.length()
          && in.expr.charAt(in.pos) == '-'
          && in.expr.charAt(in.pos + 1) != ']') {
        in.pos++;
        hi = classChar(in, start);
        if (hi < lo) {
          throw error("invalid character class range", in.expr.substring(rangeStart, in.pos));
        }
      }
      java.append(GoEscapes.literal(lo));
      if (hi != lo) {
        java.append('-').append(GoEscapes.literal(hi));
      }
    }
    in.pos++; // the closing ]
    return java.append(']').toString();
  }

  private static int classChar(RegexpCursor in, int classStart) {
    if (in.pos >= in.expr.length()) {
      throw error("missing closing ]", in.expr.substring(classStart));
    }
    if (in.expr.charAt(in.pos) == '\\') {
      return GoEscapes.parseEscape(in, in.pos);
    }
    int cp = in.expr.codePointAt(in.pos);
    in.pos += Character.charCount(cp);
    return cp;
  }
}
