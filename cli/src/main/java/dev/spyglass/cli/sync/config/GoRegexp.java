package dev.spyglass.cli.sync.config;

import static dev.spyglass.cli.sync.config.RegexpCursor.error;

import java.util.ArrayDeque;
import java.util.Deque;
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
  private final RegexpCursor in;
  private final StringBuilder out = new StringBuilder();

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
    this.in = new RegexpCursor(expr);
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
    while (in.pos < in.expr.length()) {
      char c = in.expr.charAt(in.pos);
      switch (c) {
        case '(' -> openGroup();
        case ')' -> closeGroup();
        case '|' -> {
          in.pos++;
          out.append('|');
          atomStart = -1;
          lastRepeat = false;
        }
        case '*', '+', '?' -> {
          int start = in.pos;
          in.pos++;
          repeat(start, String.valueOf(c));
        }
        case '{' -> braces();
        case '^' -> {
          in.pos++;
          atom(multiLine ? "(?m:^)" : "\\A");
        }
        case '$' -> {
          in.pos++;
          atom(multiLine ? "(?m:$)" : "\\z");
        }
        case '.' -> {
          in.pos++;
          atom(dotNl ? "[\\x{0}-\\x{10ffff}]" : "[^\\n]");
        }
        case '[' -> atom(GoCharClass.parse(in));
        case '\\' -> escape();
        default -> {
          int cp = in.expr.codePointAt(in.pos);
          in.pos += Character.charCount(cp);
          atom(GoEscapes.literal(cp));
        }
      }
    }
    if (!saved.isEmpty()) {
      throw error("missing closing )", in.expr);
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
    if (in.pos < in.expr.length() && in.expr.charAt(in.pos) == '?') {
      in.pos++;
      lazy = true;
    }
    String written = in.expr.substring(start, in.pos);
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
    int start = in.pos;
    int i = in.pos + 1;
    int[] min = parseInt(i);
    if (min != null && min[1] < in.expr.length()) {
      i = min[1];
      int max;
      if (in.expr.charAt(i) == ',') {
        i++;
        if (i < in.expr.length() && in.expr.charAt(i) == '}') {
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
      if (i < in.expr.length() && in.expr.charAt(i) == '}') {
        in.pos = i + 1;
        String count = in.expr.substring(start, in.pos);
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
    in.pos++;
    atom("\\{");
  }

  /** Go's parseInt: digits without a leading zero; -1 when too large. {value, end} or null. */
  private int[] parseInt(int i) {
    if (i >= in.expr.length() || !isDigit(in.expr.charAt(i))) {
      return null;
    }
    if (i + 1 < in.expr.length() && in.expr.charAt(i) == '0' && isDigit(in.expr.charAt(i + 1))) {
      return null;
    }
    int end = i;
    while (end < in.expr.length() && isDigit(in.expr.charAt(end))) {
      end++;
    }
    int n = 0;
    for (int k = i; k < end; k++) {
      if (n >= 100_000_000) {
        n = -1;
        break;
      }
      n = n * 10 + in.expr.charAt(k) - '0';
    }
    return new int[] {n, end};
  }

  private void openGroup() {
    int start = in.pos;
    if (in.expr.startsWith("(?", in.pos)) {
      boolean python = in.expr.startsWith("(?P<", in.pos);
      if (python || in.expr.startsWith("(?<", in.pos)) {
        int begin = in.pos + (python ? 4 : 3);
        int end = in.expr.indexOf('>', begin);
        if (end < 0) {
          throw error("invalid named capture", in.expr.substring(start));
        }
        String name = in.expr.substring(begin, end);
        if (!validCaptureName(name)) {
          throw error("invalid named capture", in.expr.substring(start, end + 1));
        }
        in.pos = end + 1;
        push("(");
        return;
      }
      // Flags: (?flags) or (?flags:re), flags from "imsU", "-" negating those after it.
      boolean[] flags = {foldCase, multiLine, dotNl, ungreedy};
      boolean negate = false;
      boolean sawFlag = false;
      int i = in.pos + 2;
      while (i < in.expr.length()) {
        char c = in.expr.charAt(i++);
        int flag = "imsU".indexOf(c);
        if (flag >= 0) {
          // (?m) turns multi-line on; Go stores it as clearing OneLine, the same thing.
          flags[flag] = !negate;
          sawFlag = true;
        } else if (c == '-' && !negate) {
          negate = true;
          sawFlag = false;
        } else if ((c == ':' || c == ')') && !(negate && !sawFlag)) {
          in.pos = i;
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
          i >= in.expr.length() ? "missing closing )" : "invalid or unsupported Perl syntax",
          in.expr.substring(start, Math.min(i, in.expr.length())));
    }
    in.pos++;
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
      throw error("unexpected )", in.expr.substring(0, in.pos + 1));
    }
    in.pos++;
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
      if (c != '_' && !GoEscapes.isAlnum(c)) {
        return false;
      }
    }
    return true;
  }

  private void escape() {
    int start = in.pos;
    if (in.pos + 1 >= in.expr.length()) {
      throw error("trailing backslash at end of expression", "");
    }
    char c = in.expr.charAt(in.pos + 1);
    switch (c) {
      case 'A' -> {
        in.pos += 2;
        atom("\\A");
        return;
      }
      case 'z' -> {
        in.pos += 2;
        atom("\\z");
        return;
      }
      case 'b', 'B' -> {
        in.pos += 2;
        String w = "[" + GoEscapes.WORD + "]";
        String boundary = "(?<=" + w + ")(?!" + w + ")|(?<!" + w + ")(?=" + w + ")";
        atom(c == 'b' ? boundary : "(?!" + boundary + ")");
        return;
      }
      case 'C' -> throw error("invalid escape sequence", "\\C");
      case 'Q' -> {
        int end = in.expr.indexOf("\\E", in.pos + 2);
        String lit = end < 0 ? in.expr.substring(in.pos + 2) : in.expr.substring(in.pos + 2, end);
        in.pos = end < 0 ? in.expr.length() : end + 2;
        // Each character is a literal of its own: a repetition after \E applies to the last one.
        lit.codePoints().forEach(cp -> atom(GoEscapes.literal(cp)));
        return;
      }
      case 'p', 'P' -> {
        atom("[" + GoEscapes.unicodeClass(in) + "]");
        return;
      }
      case 'd', 'D', 's', 'S', 'w', 'W' -> {
        in.pos += 2;
        atom(GoEscapes.perlClass(c));
        return;
      }
      default -> {}
    }
    int cp = GoEscapes.parseEscape(in, start);
    atom(GoEscapes.literal(cp));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
