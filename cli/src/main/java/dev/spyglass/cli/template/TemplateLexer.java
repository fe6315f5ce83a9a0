package dev.spyglass.cli.template;

import dev.spyglass.cli.template.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a template as Go's {@code text/template} lexer does, one {@link Item} per {@link #next}
 * call: the text between actions (with the spaces that trim markers {@code {{- } and {@code -}}}
 * remove already removed), each action's {@link Token}s, then the end. Comments are skipped.
 *
 * <p>The parser pulls items one at a time, so the first problem in the template is the one
 * reported, whether the lexer or the parser finds it. Problems are {@link TemplateException}s
 * naming the construct and its position; constructs outside the subset that Go would lex
 * (pipelines, parentheses, character constants, non-decimal numbers) are refused here. One instance
 * per template; not thread-safe.
 */
final class TemplateLexer {
  private static final Item END = new Item.End();

  private final String src;
  private int pos;
  private boolean trimNextText;

  /** The offset of the action whose preceding text was returned but which is not lexed yet. */
  private int pendingAction = -1;

  private boolean pendingTrimsBefore;

  TemplateLexer(String src) {
    this.src = src;
  }

  /** The template being read, for messages. */
  String source() {
    return src;
  }

  /** The next text or action; {@link Item.End} at the end, and on every call after it. */
  Item next() {
    while (true) {
      if (pendingAction >= 0) {
        int open = pendingAction;
        pendingAction = -1;
        Optional<Item.Action> action = lexAction(open, pendingTrimsBefore);
        if (action.isPresent()) {
          return action.get();
        }
        continue; // a comment
      }
      int open = src.indexOf("{{", pos);
      boolean trimsBefore =
          open >= 0
              && src.startsWith("{{-", open)
              && open + 3 < src.length()
              && isSpace(src.charAt(open + 3));
      String text = trim(src.substring(pos, open < 0 ? src.length() : open), trimsBefore);
      if (open < 0) {
        pos = src.length();
      } else {
        pendingAction = open;
        pendingTrimsBefore = trimsBefore;
      }
      if (!text.isEmpty()) {
        return new Item.Text(text);
      } else if (open < 0) {
        return END;
      }
    }
  }

  private String trim(String text, boolean trimsEnd) {
    int start = 0;
    int end = text.length();
    if (trimNextText) {
      while (start < end && isSpace(text.charAt(start))) {
        start++;
      }
      trimNextText = false;
    }
    if (trimsEnd) {
      while (end > start && isSpace(text.charAt(end - 1))) {
        end--;
      }
    }
    return text.substring(start, end);
  }

  /** Lexes the action opening at {@code open}; empty for a comment. Leaves {@code pos} after it. */
  private Optional<Item.Action> lexAction(int open, boolean trimsBefore) {
    int p = open + (trimsBefore ? 4 : 2);
    if (src.startsWith("/*", p)) {
      skipComment(open, p);
      return Optional.empty();
    }
    List<Token> tokens = new ArrayList<>();
    while (true) {
      if (p >= src.length()) {
        throw fail(open, "action \"{{\" has no closing \"}}\"");
      }
      char c = src.charAt(p);
      if (src.startsWith("}}", p) || isSpace(c) && src.startsWith("-}}", p + 1)) {
        closeAt(p);
        return Optional.of(new Item.Action(open, tokens));
      } else if (isSpace(c)) {
        p++;
      } else if (c == '"') {
        p = lexQuoted(p, tokens);
      } else if (c == '`') {
        p = lexRaw(p, tokens);
      } else if (c == '$' || c == '.' && startsIdentifier(p + 1)) {
        p = lexReference(p, tokens);
      } else if (c == '.' && !(p + 1 < src.length() && isDigit(src.charAt(p + 1)))) {
        tokens.add(new Token(Type.FIELD, ".", null, p));
        p = requireTerminator(p + 1);
      } else if (isDigit(c)
          || c == '.'
          || (c == '-' || c == '+')
              && p + 1 < src.length()
              && (isDigit(src.charAt(p + 1)) || src.charAt(p + 1) == '.')) {
        p = lexNumber(p, tokens);
      } else if (isIdentifierChar(c)) {
        int end = identifierEnd(p);
        tokens.add(new Token(Type.IDENTIFIER, src.substring(p, end), null, p));
        p = requireTerminator(end);
      } else if (src.startsWith(":=", p)) {
        tokens.add(new Token(Type.DECLARE, ":=", null, p));
        p += 2;
      } else if (c == ',') {
        tokens.add(new Token(Type.COMMA, ",", null, p));
        p++;
      } else {
        throw refused(p, c);
      }
    }
  }

  private void skipComment(int open, int start) {
    int close = src.indexOf("*/", start + 2);
    if (close < 0) {
      throw fail(open, "comment \"/*\" has no closing \"*/\"");
    }
    int p = close + 2;
    if (!src.startsWith("}}", p)
        && !(p < src.length() && isSpace(src.charAt(p)) && src.startsWith("-}}", p + 1))) {
      throw fail(open, "comment must end right before \"}}\"");
    }
    closeAt(p);
  }

  private TemplateException refused(int p, char c) {
    return switch (c) {
      case '|' -> fail(p, "pipelines (\"|\") are not supported");
      case '(', ')' -> fail(p, "parentheses are not supported");
      case '\'' -> fail(p, "character constants are not supported");
      case '=' -> fail(p, "assignment (\"=\") is not supported");
      default -> unexpectedCharacter(p);
    };
  }

  /** {@code $v}, {@code $v.A.B} or {@code .A.B}. */
  private int lexReference(int p, List<Token> tokens) {
    boolean variable = src.charAt(p) == '$';
    int end = variable ? identifierEnd(p + 1) : p;
    while (end + 1 < src.length() && src.charAt(end) == '.' && startsIdentifier(end + 1)) {
      end = identifierEnd(end + 1);
    }
    tokens.add(new Token(variable ? Type.VARIABLE : Type.FIELD, src.substring(p, end), null, p));
    return requireTerminator(end);
  }

  /** What Go would lex as a number; only decimal integers that fit in a long are accepted. */
  private int lexNumber(int p, List<Token> tokens) {
    int end = p + 1;
    while (end < src.length() && (isIdentifierChar(src.charAt(end)) || src.charAt(end) == '.')) {
      end++;
    }
    String number = src.substring(p, end);
    if (!number.matches("[+-]?(0|[1-9][0-9]{0,17})")) {
      throw fail(p, "number \"" + number + "\" is not supported (only decimal integers are)");
    }
    tokens.add(new Token(Type.NUMBER, number, Long.parseLong(number), p));
    return requireTerminator(end);
  }

  /** A raw string: no escapes, and carriage returns dropped, as Go does. */
  private int lexRaw(int p, List<Token> tokens) {
    int end = src.indexOf('`', p + 1);
    if (end < 0) {
      throw fail(p, "unterminated raw string");
    }
    String value = src.substring(p + 1, end).replace("\r", "");
    tokens.add(new Token(Type.STRING, src.substring(p, end + 1), value, p));
    return end + 1;
  }

  private int lexQuoted(int start, List<Token> tokens) {
    StringBuilder value = new StringBuilder();
    int p = start + 1;
    while (true) {
      if (p >= src.length() || src.charAt(p) == '\n') {
        throw fail(start, "unterminated quoted string");
      }
      char c = src.charAt(p);
      if (c == '"') {
        tokens.add(new Token(Type.STRING, src.substring(start, p + 1), value.toString(), start));
        return p + 1;
      } else if (c != '\\') {
        value.append(c);
        p++;
      } else if (p + 1 >= src.length() || src.charAt(p + 1) == '\n') {
        throw fail(start, "unterminated quoted string");
      } else {
        p = unescape(p, value);
      }
    }
  }

  /** Appends the escape at {@code p} (a backslash) as Go's strconv.Unquote reads it. */
  private int unescape(int p, StringBuilder value) {
    char e = src.charAt(p + 1);
    boolean octal = e >= '0' && e <= '7';
    int digits =
        switch (e) {
          case 'x' -> 2;
          case 'u' -> 4;
          case 'U' -> 8;
          default -> octal ? 3 : 0;
        };
    if (digits == 0) {
      int simple = "abfnrtv\\\"".indexOf(e);
      if (simple < 0) {
        throw fail(p, "invalid escape \"\\" + e + "\" in string");
      }
      value.append("\u0007\b\f\n\r\t\u000b\\\"".charAt(simple));
      return p + 2;
    }
    int from = octal ? p + 1 : p + 2;
    int to = Math.min(from + digits, src.length());
    String code = src.substring(from, to);
    int radix = octal ? 8 : 16;
    int cp =
        code.length() == digits && code.chars().allMatch(d -> Character.digit(d, radix) >= 0)
            ? (int) Long.parseLong(code, radix)
            : -1;
    if (cp < 0 || cp > Character.MAX_CODE_POINT || cp >= 0xD800 && cp <= 0xDFFF) {
      throw fail(p, "invalid escape \"" + src.substring(p, to) + "\" in string");
    } else if (digits != 4 && digits != 8 && cp >= 0x80) {
      throw fail(
          p, "byte escape \"" + src.substring(p, to) + "\" above 0x7f is not supported (use \\u)");
    }
    value.appendCodePoint(cp);
    return to;
  }

  private void closeAt(int p) {
    if (src.startsWith("}}", p)) {
      pos = p + 2;
    } else {
      pos = p + 4;
      trimNextText = true;
    }
  }

  /** Go's lexer wants a space, ",", ":", or the end of the action after a word. */
  private int requireTerminator(int p) {
    if (p < src.length()) {
      char c = src.charAt(p);
      if (!isSpace(c) && ",:|()".indexOf(c) < 0 && !src.startsWith("}}", p)) {
        throw unexpectedCharacter(p);
      }
    }
    return p;
  }

  private TemplateException unexpectedCharacter(int p) {
    String c = new String(Character.toChars(src.codePointAt(p)));
    return fail(p, "unexpected character \"" + c + "\" in action");
  }

  private TemplateException fail(int at, String problem) {
    return TemplateException.at(src, at, problem);
  }

  private boolean startsIdentifier(int p) {
    return p < src.length() && isIdentifierChar(src.charAt(p)) && !isDigit(src.charAt(p));
  }

  private int identifierEnd(int p) {
    while (p < src.length() && isIdentifierChar(src.charAt(p))) {
      p++;
    }
    return p;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }
}
