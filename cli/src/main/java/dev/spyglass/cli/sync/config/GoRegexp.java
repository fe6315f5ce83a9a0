package dev.spyglass.cli.sync.config;

import dev.spyglass.api.Quote;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a regular expression written in Go's syntax ({@code regexp.Compile}, RE2 with Perl
 * flags) to a {@link Pattern} that matches the same strings, by translating it piece by piece: what
 * Go refuses is refused here with Go's reason, and what Java reads differently is spelt out.
 *
 * <p>Refused as Go refuses them: backreferences ({@code \1}), lookaround ({@code (?=}, {@code
 * (?!}, {@code (?<=}, {@code (?<!}), atomic groups {@code (?>}, possessive and stacked quantifiers
 * ({@code a*+}, {@code a**}), repeat counts above 1000, {@code \Z}, {@code \G}, {@code \R}, {@code
 * \h}, {@code \X}, {@code \e}, {@code \c}, {@code \k}, {@code \N}, {@code \C}, inline comments,
 * Java-only flags ({@code x}, {@code d}, {@code u}), unknown escapes and classes.
 *
 * <p>Read as Go reads them: {@code \s} is {@code [\t\n\f\r ]} (not {@code \x0B}), {@code \d} and
 * {@code \w} ASCII, {@code \b} an ASCII word boundary, {@code \v} the vertical tab, {@code \123}
 * octal, {@code [[:alpha:]]} a POSIX class, {@code [a[b]} a class of {@code a}, {@code [} and
 * {@code b}, {@code []a]} a class holding {@code ]}, {@code x{} and {@code {,3}} literal braces,
 * {@code .} any character but {@code \n}, {@code $} the end of the text (not before a final line
 * break), {@code (?U)} swaps greedy and lazy, {@code (?P<name>} a group, {@code \Q...\E} literal.
 *
 * <p>Known differences: Java's engine backtracks where Go's runs in linear time (callers bound the
 * work, see {@link ImageEntry.TagRegex#matches}); Go's limit on the size of a compiled program
 * ("expression too large") is not reproduced; case folding under {@code (?i)} is Java's Unicode
 * folding.
 */
final class GoRegexp {
  private static final String WORD = "0-9A-Za-z_";
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
          Map.entry("word", WORD),
          Map.entry("xdigit", "0-9A-Fa-f"));
  private static final Set<String> CATEGORIES =
      Set.of(
          "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
          "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk",
          "Sm", "So", "Z", "Zl", "Zp", "Zs");

  private final String expr;
  private final StringBuilder out = new StringBuilder();
  private int pos;

  // Go's flags of the current group: case folding, multi-line, dot matches \n, ungreedy.
  private boolean foldCase;
  private boolean multiLine;
  private boolean dotNl;
  private boolean ungreedy;
  private final Deque<boolean[]> saved = new ArrayDeque<>();
  // Where each open group starts in out: the atom a repetition after its ")" applies to.
  private final Deque<Integer> groupStarts = new ArrayDeque<>();
  // Where the last atom starts in out (-1: none, after "(", "|" or at the start).
  private int atomStart = -1;
  // Whether the last thing read was a repetition (Go refuses a second one right after it).
  private boolean lastRepeat;

  private GoRegexp(String expr) {
    this.expr = expr;
  }

  /**
   * Compiles {@code expr} as Go's {@code regexp.Compile} would.
   *
   * @throws IllegalArgumentException with Go's reason and the offending part, e.g. {@code missing
   *     closing ]: "[a"}
   */
  static Pattern compile(String expr) {
    String java = new GoRegexp(expr).translate();
    try {
      return Pattern.compile(java);
    } catch (PatternSyntaxException e) {
      // Not expected: everything emitted is plain Java syntax.
      throw new IllegalArgumentException("not supported: " + e.getDescription(), e);
    }
  }

  private String translate() {
    while (pos < expr.length()) {
      char c = expr.charAt(pos);
      switch (c) {
        case '(' -> openGroup();
        case ')' -> closeGroup();
        case '|' -> {
          pos++;
          out.append('|');
          atomStart = -1;
          lastRepeat = false;
        }
        case '*', '+', '?' -> {
          int start = pos;
          pos++;
          repeat(start, String.valueOf(c));
        }
        case '{' -> braces();
        case '^' -> {
          pos++;
          atom(multiLine ? "(?m:^)" : "\\A");
        }
        case '$' -> {
          pos++;
          atom(multiLine ? "(?m:$)" : "\\z");
        }
        case '.' -> {
          pos++;
          atom(dotNl ? "[\\x{0}-\\x{10ffff}]" : "[^\\n]");
        }
        case '[' -> atom(parseClass());
        case '\\' -> escape();
        default -> {
          int cp = expr.codePointAt(pos);
          pos += Character.charCount(cp);
          atom(literal(cp));
        }
      }
    }
    if (!saved.isEmpty()) {
      throw error("missing closing )", expr);
    }
    return out.toString();
  }

  private void atom(String java) {
    atomStart = out.length();
    // A group, so that a repetition applies to the whole of what one Go atom became.
    out.append("(?:").append(java).append(')');
    lastRepeat = false;
  }

  private void repeat(int start, String op) {
    String java = op;
    boolean lazy = false;
    if (pos < expr.length() && expr.charAt(pos) == '?') {
      pos++;
      lazy = true;
    }
    String written = expr.substring(start, pos);
    if (lastRepeat) {
      throw error("invalid nested repetition operator", written);
    }
    if (atomStart < 0) {
      throw error("missing argument to repetition operator", written);
    }
    if (lazy != ungreedy) {
      java += "?";
    }
    out.append(java);
    lastRepeat = true;
  }

  private void braces() {
    int start = pos;
    int i = pos + 1;
    int[] min = parseInt(i);
    if (min != null && min[1] < expr.length()) {
      i = min[1];
      int max;
      if (expr.charAt(i) == ',') {
        i++;
        if (i < expr.length() && expr.charAt(i) == '}') {
          max = -1;
        } else {
          int[] m = parseInt(i);
          if (m == null) {
            literalBrace();
            return;
          }
          max = m[0];
          i = m[1];
        }
      } else {
        max = min[0];
      }
      if (i < expr.length() && expr.charAt(i) == '}') {
        pos = i + 1;
        String count = expr.substring(start, pos);
        if (min[0] < 0 || min[0] > 1000 || max > 1000 || (max >= 0 && min[0] > max)) {
          throw error("invalid repeat count", count);
        }
        repeat(start, max < 0 ? "{" + min[0] + ",}" : "{" + min[0] + "," + max + "}");
        return;
      }
    }
    literalBrace();
  }

  private void literalBrace() {
    pos++;
    atom("\\{");
  }

  /** Go's parseInt: digits without a leading zero; -1 when too large. {value, end} or null. */
  private int[] parseInt(int i) {
    if (i >= expr.length() || !isDigit(expr.charAt(i))) {
      return null;
    }
    if (i + 1 < expr.length() && expr.charAt(i) == '0' && isDigit(expr.charAt(i + 1))) {
      return null;
    }
    int end = i;
    while (end < expr.length() && isDigit(expr.charAt(end))) {
      end++;
    }
    int n = 0;
    for (int k = i; k < end; k++) {
      if (n >= 100_000_000) {
        n = -1;
        break;
      }
      n = n * 10 + expr.charAt(k) - '0';
    }
    return new int[] {n, end};
  }

  private void openGroup() {
    int start = pos;
    if (expr.startsWith("(?", pos)) {
      boolean python = expr.startsWith("(?P<", pos);
      if (python || expr.startsWith("(?<", pos)) {
        int begin = pos + (python ? 4 : 3);
        int end = expr.indexOf('>', begin);
        if (end < 0) {
          throw error("invalid named capture", expr.substring(start));
        }
        String name = expr.substring(begin, end);
        if (!validCaptureName(name)) {
          throw error("invalid named capture", expr.substring(start, end + 1));
        }
        pos = end + 1;
        push("(");
        return;
      }
      // Flags: (?flags) or (?flags:re), flags from "imsU", "-" negating those after it.
      boolean[] flags = {foldCase, multiLine, dotNl, ungreedy};
      boolean negate = false;
      boolean sawFlag = false;
      int i = pos + 2;
      while (i < expr.length()) {
        char c = expr.charAt(i++);
        int flag = "imsU".indexOf(c);
        if (flag >= 0) {
          // (?m) turns multi-line on; Go stores it as clearing OneLine, the same thing.
          flags[flag] = !negate;
          sawFlag = true;
        } else if (c == '-' && !negate) {
          negate = true;
          sawFlag = false;
        } else if ((c == ':' || c == ')') && !(negate && !sawFlag)) {
          pos = i;
          String fold = flags[0] == foldCase ? "" : flags[0] ? "iu" : "-iu";
          if (c == ':') {
            push("(?" + fold + ":");
            setFlags(flags);
          } else {
            setFlags(flags);
            if (!fold.isEmpty()) {
              out.append("(?").append(fold).append(')');
            }
            // Go keeps what preceded as the operand of a repetition; refused here (see class doc).
            atomStart = -1;
            lastRepeat = false;
          }
          return;
        } else {
          break;
        }
      }
      throw error(
          i >= expr.length() ? "missing closing )" : "invalid or unsupported Perl syntax",
          expr.substring(start, Math.min(i, expr.length())));
    }
    pos++;
    push("(");
  }

  private void push(String java) {
    saved.push(new boolean[] {foldCase, multiLine, dotNl, ungreedy});
    groupStarts.push(out.length());
    out.append(java);
    atomStart = -1;
    lastRepeat = false;
  }

  private void closeGroup() {
    if (saved.isEmpty()) {
      throw error("unexpected )", expr.substring(0, pos + 1));
    }
    pos++;
    setFlags(saved.pop());
    out.append(')');
    atomStart = groupStarts.pop();
    lastRepeat = false;
  }

  private void setFlags(boolean[] flags) {
    foldCase = flags[0];
    multiLine = flags[1];
    dotNl = flags[2];
    ungreedy = flags[3];
  }

  private static boolean validCaptureName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '_' && !isAlnum(c)) {
        return false;
      }
    }
    return true;
  }

  private void escape() {
    int start = pos;
    if (pos + 1 >= expr.length()) {
      throw error("trailing backslash at end of expression", "");
    }
    char c = expr.charAt(pos + 1);
    switch (c) {
      case 'A' -> {
        pos += 2;
        atom("\\A");
        return;
      }
      case 'z' -> {
        pos += 2;
        atom("\\z");
        return;
      }
      case 'b', 'B' -> {
        pos += 2;
        String w = "[" + WORD + "]";
        String boundary = "(?<=" + w + ")(?!" + w + ")|(?<!" + w + ")(?=" + w + ")";
        atom(c == 'b' ? boundary : "(?!" + boundary + ")");
        return;
      }
      case 'C' -> throw error("invalid escape sequence", "\\C");
      case 'Q' -> {
        int end = expr.indexOf("\\E", pos + 2);
        String lit = end < 0 ? expr.substring(pos + 2) : expr.substring(pos + 2, end);
        pos = end < 0 ? expr.length() : end + 2;
        // Each character is a literal of its own: a repetition after \E applies to the last one.
        lit.codePoints().forEach(cp -> atom(literal(cp)));
        return;
      }
      case 'p', 'P' -> {
        atom("[" + unicodeClass() + "]");
        return;
      }
      case 'd', 'D', 's', 'S', 'w', 'W' -> {
        pos += 2;
        atom(perlClass(c));
        return;
      }
      default -> {}
    }
    int cp = parseEscape(start);
    atom(literal(cp));
  }

  /** Go's parseEscape at {@code start} (a backslash): the character it stands for. */
  private int parseEscape(int start) {
    pos = start + 1;
    if (pos >= expr.length()) {
      throw error("trailing backslash at end of expression", "");
    }
    int c = expr.codePointAt(pos);
    pos += Character.charCount(c);
    if (c < 0x80 && !isAlnum((char) c)) {
      return c;
    }
    switch (c) {
      case '1', '2', '3', '4', '5', '6', '7', '0' -> {
        if (c != '0' && (pos >= expr.length() || !isOctal(expr.charAt(pos)))) {
          break; // a backreference
        }
        int r = c - '0';
        for (int i = 1; i < 3 && pos < expr.length() && isOctal(expr.charAt(pos)); i++) {
          r = r * 8 + expr.charAt(pos++) - '0';
        }
        return r;
      }
      case 'x' -> {
        if (pos >= expr.length()) {
          break;
        }
        char first = expr.charAt(pos++);
        if (first == '{') {
          int r = 0;
          int nhex = 0;
          while (true) {
            if (pos >= expr.length()) {
              throw error("invalid escape sequence", expr.substring(start));
            }
            char h = expr.charAt(pos++);
            if (h == '}') {
              break;
            }
            int v = Character.digit(h, 16);
            if (v < 0 || h > 'f') {
              throw error("invalid escape sequence", expr.substring(start, pos));
            }
            r = r * 16 + v;
            if (r > Character.MAX_CODE_POINT) {
              throw error("invalid escape sequence", expr.substring(start, pos));
            }
            nhex++;
          }
          if (nhex == 0) {
            break;
          }
          return r;
        }
        if (pos >= expr.length()) {
          break;
        }
        char second = expr.charAt(pos++);
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
    throw error("invalid escape sequence", expr.substring(start, pos));
  }

  private static int hex(char c) {
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }

  /** {@code \pN}, {@code \p{Name}}, {@code \p{^Name}}, {@code \PN}: the inside of a Java class. */
  private String unicodeClass() {
    int start = pos;
    boolean negated = expr.charAt(pos + 1) == 'P';
    pos += 2;
    if (pos >= expr.length()) {
      throw error("invalid character class range", expr.substring(start));
    }
    String name;
    if (expr.charAt(pos) == '{') {
      int end = expr.indexOf('}', pos);
      if (end < 0) {
        throw error("invalid character class range", expr.substring(start));
      }
      name = expr.substring(pos + 1, end);
      pos = end + 1;
    } else {
      int cp = expr.codePointAt(pos);
      pos += Character.charCount(cp);
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
      throw error("invalid character class range", expr.substring(start, pos));
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

  private static String perlClass(char c) {
    String inside =
        switch (Character.toLowerCase(c)) {
          case 'd' -> "0-9";
          case 's' -> "\\t\\n\\f\\r ";
          default -> WORD;
        };
    return Character.isUpperCase(c) ? "[^" + inside + "]" : "[" + inside + "]";
  }

  /** Go's parseClass at {@code [}: a Java class with the same members. */
  private String parseClass() {
    int start = pos;
    pos++;
    StringBuilder java = new StringBuilder("[");
    if (pos < expr.length() && expr.charAt(pos) == '^') {
      java.append('^');
      pos++;
    }
    boolean first = true;
    while (pos >= expr.length() || expr.charAt(pos) != ']' || first) {
      if (pos >= expr.length()) {
        throw error("missing closing ]", expr.substring(start));
      }
      first = false;
      char c = expr.charAt(pos);
      if (c == '[' && expr.startsWith("[:", pos) && pos + 2 < expr.length()) {
        int end = expr.indexOf(":]", pos + 2);
        if (end >= 0) {
          String name = expr.substring(pos + 2, end);
          boolean negated = name.startsWith("^");
          String members = POSIX.get(negated ? name.substring(1) : name);
          if (members == null) {
            throw error("invalid character class range", expr.substring(pos, end + 2));
          }
          java.append(negated ? "[^" : "[").append(members).append(']');
          pos = end + 2;
          continue;
        }
      }
      if (c == '\\' && pos + 1 < expr.length()) {
        char e = expr.charAt(pos + 1);
        if (e == 'p' || e == 'P') {
          java.append('[').append(unicodeClass()).append(']');
          continue;
        }
        if ("dDsSwW".indexOf(e) >= 0) {
          pos += 2;
          java.append(perlClass(e));
          continue;
        }
      }
      int rangeStart = pos;
      int lo = classChar(start);
      int hi = lo;
      if (pos + 1 < expr.length() && expr.charAt(pos) == '-' && expr.charAt(pos + 1) != ']') {
        pos++;
        hi = classChar(start);
        if (hi < lo) {
          throw error("invalid character class range", expr.substring(rangeStart, pos));
        }
      }
      java.append(literal(lo));
      if (hi != lo) {
        java.append('-').append(literal(hi));
      }
    }
    pos++; // the closing ]
    return java.append(']').toString();
  }

  private int classChar(int classStart) {
    if (pos >= expr.length()) {
      throw error("missing closing ]", expr.substring(classStart));
    }
    if (expr.charAt(pos) == '\\') {
      return parseEscape(pos);
    }
    int cp = expr.codePointAt(pos);
    pos += Character.charCount(cp);
    return cp;
  }

  private static String literal(int cp) {
    return isAlnumCodePoint(cp) ? new String(Character.toChars(cp)) : hexEscape(cp);
  }

  private static String hexEscape(int cp) {
    return "\\x{" + Integer.toHexString(cp) + "}";
  }

  private static boolean isAlnumCodePoint(int cp) {
    return cp < 0x80 && isAlnum((char) cp);
  }

  private static boolean isAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  private static IllegalArgumentException error(String code, String part) {
    return new IllegalArgumentException(part.isEmpty() ? code : code + ": " + Quote.of(part));
  }
}
