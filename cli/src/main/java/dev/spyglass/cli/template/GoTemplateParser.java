package dev.spyglass.cli.template;

import dev.spyglass.cli.template.GoTemplate.Binding;
import dev.spyglass.cli.template.GoTemplate.Call;
import dev.spyglass.cli.template.GoTemplate.Expr;
import dev.spyglass.cli.template.GoTemplate.If;
import dev.spyglass.cli.template.GoTemplate.Literal;
import dev.spyglass.cli.template.GoTemplate.Node;
import dev.spyglass.cli.template.GoTemplate.Print;
import dev.spyglass.cli.template.GoTemplate.Range;
import dev.spyglass.cli.template.GoTemplate.Ref;
import dev.spyglass.cli.template.GoTemplate.Text;
import dev.spyglass.cli.template.TemplateData.Kind;
import dev.spyglass.cli.command.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link GoTemplate} format into its nodes: lexes, parses and checks every field, argument
 * and range against the kinds of {@link TemplateData} in one pass, so that a parsed template can
 * fail only on data. Throws {@link UsageException} naming the construct and its position. One
 * instance per format.
 */
final class GoTemplateParser {
  /** Go's other built-in functions, named as such when refused. */
  private static final Set<String> GO_FUNCTIONS =
      Set.of(
          "and call html js not or print printf println slice urlquery eq ge gt le lt ne"
              .split(" "));

  private static final Set<String> GO_ACTIONS =
      Set.of("with", "define", "template", "block", "break", "continue");
  private static final Set<String> GO_CONSTANTS = Set.of("true", "false", "nil");

  private enum TokenType {
    FIELD, // "." or ".A.B"
    VARIABLE, // "$v" or "$v.A"
    STRING,
    NUMBER,
    IDENTIFIER,
    DECLARE,
    COMMA
  }

  private record Token(TokenType type, String text, @Nullable Object value, int pos) {
    boolean is(String identifier) {
      return type == TokenType.IDENTIFIER && text.equals(identifier);
    }
  }

  private record Action(int pos, List<Token> tokens) {}

  /**
   * The nodes up to an {@code end} or {@code else} action ({@code stop}), or the end of input
   * (null).
   */
  private record Block(List<Node> nodes, @Nullable Action stop) {}

  private final String src;
  private int pos;
  private boolean trimNextText;
  private Kind dot = Kind.IMAGE;
  private final List<Binding<Kind>> vars = new ArrayList<>();

  GoTemplateParser(String src) {
    this.src = src;
  }

  UsageException fail(int at, String problem) {
    return GoTemplate.fail(src, at, problem);
  }

  List<Node> parseTemplate() {
    Block block = parseBlock();
    if (block.stop() != null) {
      throw unexpected(block.stop());
    }
    return block.nodes();
  }

  private UsageException unexpected(Action action) {
    return fail(action.pos(), "unexpected \"{{" + action.tokens().get(0).text() + "}}\"");
  }

  private Block parseBlock() {
    List<Node> nodes = new ArrayList<>();
    while (true) {
      int open = src.indexOf("{{", pos);
      boolean trimBefore =
          open >= 0
              && src.startsWith("{{-", open)
              && open + 3 < src.length()
              && isSpace(src.charAt(open + 3));
      String text = src.substring(pos, open < 0 ? src.length() : open);
      if (trimNextText) {
        int i = 0;
        while (i < text.length() && isSpace(text.charAt(i))) {
          i++;
        }
        text = text.substring(i);
      }
      if (trimBefore) {
        int i = text.length();
        while (i > 0 && isSpace(text.charAt(i - 1))) {
          i--;
        }
        text = text.substring(0, i);
      }
      trimNextText = false;
      if (!text.isEmpty()) {
        nodes.add(new Text(text));
      }
      if (open < 0) {
        pos = src.length();
        return new Block(nodes, null);
      }
      Action action = lexAction(open, trimBefore);
      if (action == null) {
        continue; // a comment
      }
      if (action.tokens().isEmpty()) {
        throw fail(open, "empty action \"{{}}\"");
      }
      Token first = action.tokens().get(0);
      if (first.is("end") || first.is("else")) {
        return new Block(nodes, action);
      }
      nodes.add(parseAction(action));
    }
  }

  private Node parseAction(Action action) {
    List<Token> tokens = action.tokens();
    Token first = tokens.get(0);
    if (first.is("if")) {
      return parseIf(action, 1);
    } else if (first.is("range")) {
      return parseRange(action);
    } else if (first.type() == TokenType.IDENTIFIER && GO_ACTIONS.contains(first.text())) {
      throw fail(
          first.pos(),
          "action \"" + first.text() + "\" is not supported (supported: if, else, range, end)");
    } else if (tokens.size() > 1 && tokens.get(1).type() == TokenType.DECLARE) {
      throw fail(
          first.pos(),
          "variable declaration \"" + first.text() + " :=\" is not supported outside range");
    }
    return new Print(parseCommand(tokens, 0, action.pos()).expr());
  }

  private If parseIf(Action action, int from) {
    Typed condition = parseCommand(action.tokens(), from, action.pos());
    Block then = parseBlock();
    Action stop = requireStop(then, action, "if");
    if (stop.tokens().get(0).is("end")) {
      requireAlone(stop);
      return new If(condition.expr(), then.nodes(), List.of());
    } else if (stop.tokens().size() > 1 && stop.tokens().get(1).is("if")) {
      return new If(condition.expr(), then.nodes(), List.of(parseIf(stop, 2)));
    }
    requireAlone(stop);
    Block otherwise = parseBlock();
    Action end = requireStop(otherwise, action, "if");
    if (!end.tokens().get(0).is("end")) {
      throw unexpected(end);
    }
    requireAlone(end);
    return new If(condition.expr(), then.nodes(), otherwise.nodes());
  }

  private Range parseRange(Action action) {
    List<Token> tokens = action.tokens();
    String key = null;
    String value = null;
    int from = 1;
    int declare = -1;
    for (int i = 1; i < tokens.size(); i++) {
      if (tokens.get(i).type() == TokenType.DECLARE) {
        declare = i;
        break;
      }
    }
    if (declare == 2) {
      value = declaredVariable(tokens.get(1));
      from = 3;
    } else if (declare == 4 && tokens.get(2).type() == TokenType.COMMA) {
      key = declaredVariable(tokens.get(1));
      value = declaredVariable(tokens.get(3));
      from = 5;
    } else if (declare >= 0) {
      throw fail(
          tokens.get(declare).pos(), "range declaration must be \"$v :=\" or \"$i, $v :=\"");
    }
    Typed over = parseCommand(tokens, from, action.pos());
    if (over.kind() != Kind.LIST && over.kind() != Kind.MAP) {
      throw fail(tokens.get(from).pos(), "range can't iterate over " + over.kind().description);
    }
    Kind savedDot = dot;
    int mark = vars.size();
    dot = Kind.STRING;
    if (key != null) {
      vars.add(new Binding<>(key, over.kind() == Kind.LIST ? Kind.INT : Kind.STRING));
    }
    if (value != null) {
      vars.add(new Binding<>(value, Kind.STRING));
    }
    Block body = parseBlock();
    dot = savedDot;
    vars.subList(mark, vars.size()).clear();
    Action stop = requireStop(body, action, "range");
    requireAlone(stop);
    if (stop.tokens().get(0).is("end")) {
      return new Range(key, value, over.expr(), body.nodes(), List.of());
    }
    Block otherwise = parseBlock();
    Action end = requireStop(otherwise, action, "range");
    if (!end.tokens().get(0).is("end")) {
      throw unexpected(end);
    }
    requireAlone(end);
    return new Range(key, value, over.expr(), body.nodes(), otherwise.nodes());
  }

  private String declaredVariable(Token token) {
    if (token.type() != TokenType.VARIABLE
        || token.text().length() < 2
        || token.text().contains(".")) {
      throw fail(token.pos(), "range declaration must be \"$v :=\" or \"$i, $v :=\"");
    }
    return token.text();
  }

  private Action requireStop(Block block, Action opening, String keyword) {
    if (block.stop() == null) {
      throw fail(opening.pos(), "\"{{" + keyword + "}}\" has no \"{{end}}\"");
    }
    return block.stop();
  }

  private void requireAlone(Action action) {
    if (action.tokens().size() > 1) {
      Token extra = action.tokens().get(1);
      String keyword = action.tokens().get(0).text();
      throw fail(
          extra.pos(),
          extra.is("if")
              ? "\"{{else if}}\" is only allowed in \"{{if}}\""
              : "unexpected \"" + extra.text() + "\" in \"{{" + keyword + "}}\"");
    }
  }

  private record Typed(Expr expr, Kind kind) {}

  private Typed parseCommand(List<Token> tokens, int from, int actionPos) {
    if (from >= tokens.size()) {
      throw fail(actionPos, "\"{{" + tokens.get(0).text() + "}}\" needs a value");
    }
    Token head = tokens.get(from);
    if (head.type() != TokenType.IDENTIFIER) {
      Typed operand = parseOperand(head);
      if (from + 1 < tokens.size()) {
        throw fail(
            tokens.get(from + 1).pos(),
            "\"" + head.text() + "\" is not a function, so it takes no arguments");
      }
      return operand;
    }
    String function = checkFunction(head);
    List<Typed> args = new ArrayList<>();
    for (Token token : tokens.subList(from + 1, tokens.size())) {
      if (token.type() == TokenType.IDENTIFIER) {
        throw fail(
            token.pos(),
            "\"%s\" as an argument would need parentheses, which are not supported"
                .formatted(token.text()));
      } else if (token.type() == TokenType.DECLARE || token.type() == TokenType.COMMA) {
        throw fail(token.pos(), "unexpected \"" + token.text() + "\"");
      }
      args.add(parseOperand(token));
    }
    int expected = function.equals("index") ? 2 : 1;
    if (args.size() != expected) {
      throw fail(
          head.pos(),
          "\"%s\" takes %s, not %d"
              .formatted(
                  function,
                  expected == 1 ? "1 argument" : "2 arguments (a map or list and one key)",
                  args.size()));
    }
    Kind subject = args.get(0).kind();
    List<Expr> exprs = args.stream().map(Typed::expr).toList();
    if (function.equals("json")) {
      return new Typed(new Call(function, exprs, head.pos()), Kind.STRING);
    } else if (function.equals("len")) {
      if (subject != Kind.STRING && subject != Kind.LIST && subject != Kind.MAP) {
        throw fail(tokens.get(from + 1).pos(), "\"len\" can't measure " + subject.description);
      }
      return new Typed(new Call(function, exprs, head.pos()), Kind.INT);
    }
    Kind key = args.get(1).kind();
    if (subject == Kind.MAP && key != Kind.STRING || subject == Kind.LIST && key != Kind.INT) {
      throw fail(
          tokens.get(from + 2).pos(),
          "\"index\" of %s needs %s key, not %s"
              .formatted(
                  subject.description,
                  subject == Kind.MAP ? "a string" : "an integer",
                  key.description));
    } else if (subject != Kind.MAP && subject != Kind.LIST) {
      throw fail(tokens.get(from + 1).pos(), "\"index\" can't index " + subject.description);
    }
    return new Typed(new Call(function, exprs, head.pos()), Kind.STRING);
  }

  private String checkFunction(Token head) {
    String name = head.text();
    if (name.equals("len") || name.equals("index") || name.equals("json")) {
      return name;
    } else if (GO_CONSTANTS.contains(name)) {
      throw fail(head.pos(), "constant \"" + name + "\" is not supported");
    } else if (GO_FUNCTIONS.contains(name)) {
      throw fail(
          head.pos(), "function \"" + name + "\" is not supported (supported: index, json, len)");
    } else if (GO_ACTIONS.contains(name) || Set.of("if", "range", "else", "end").contains(name)) {
      throw fail(head.pos(), "unexpected \"" + name + "\"");
    }
    throw fail(
        head.pos(), "function \"" + name + "\" is not defined (supported: index, json, len)");
  }

  private Typed parseOperand(Token token) {
    switch (token.type()) {
      case STRING:
        return new Typed(new Literal(token.value()), Kind.STRING);
      case NUMBER:
        return new Typed(new Literal(token.value()), Kind.INT);
      case FIELD:
      case VARIABLE:
        break;
      default:
        throw fail(token.pos(), "unexpected \"" + token.text() + "\"");
    }
    String text = token.text();
    String variable = null;
    Kind kind = dot;
    String shown = ".";
    List<String> path = new ArrayList<>(List.of(text.split("\\.", -1)));
    if (token.type() == TokenType.VARIABLE) {
      variable = path.remove(0);
      if (variable.equals("$")) {
        throw fail(
            token.pos(),
            "variable \"$\" is not supported (skopeo 1.9 binds it to a list holding the image)");
      }
      kind = null;
      for (int i = vars.size() - 1; i >= 0 && kind == null; i--) {
        if (vars.get(i).name().equals(variable)) {
          kind = vars.get(i).value();
        }
      }
      if (kind == null) {
        throw fail(token.pos(), "undefined variable \"" + variable + "\"");
      }
      shown = variable;
    } else {
      path.remove(0); // before the first dot
      if (text.equals(".")) {
        path.clear();
      }
    }
    for (String name : path) {
      String next = (shown.equals(".") ? "" : shown) + "." + name;
      if (kind == Kind.IMAGE) {
        kind = TemplateData.FIELDS.get(name);
        if (kind == null) {
          throw fail(
              token.pos(),
              "unknown field \"%s\" in \"%s\" (fields: %s)"
                  .formatted(name, text, String.join(", ", TemplateData.FIELDS.keySet())));
        }
      } else if (kind == Kind.MAP) {
        kind = Kind.STRING;
      } else {
        throw fail(
            token.pos(),
            "\"%s\" is %s, which has no field \"%s\"%s"
                .formatted(
                    shown,
                    kind.description,
                    name,
                    kind == Kind.TIME || shown.equals(".Digest")
                        ? " (methods are not supported)"
                        : ""));
      }
      shown = next;
    }
    return new Typed(new Ref(variable, List.copyOf(path), token.pos()), kind);
  }

  // ---- lexing ----

  /**
   * Lexes the action opening at {@code open}; null for a comment. Leaves {@code pos} after it.
   */
  private @Nullable Action lexAction(int open, boolean trimBefore) {
    int p = open + (trimBefore ? 4 : 2);
    if (src.startsWith("/*", p)) {
      int close = src.indexOf("*/", p + 2);
      if (close < 0) {
        throw fail(open, "comment \"/*\" has no closing \"*/\"");
      }
      p = close + 2;
      if (!src.startsWith("}}", p)
          && !(p < src.length() && isSpace(src.charAt(p)) && src.startsWith("-}}", p + 1))) {
        throw fail(open, "comment must end right before \"}}\"");
      }
      closeAt(p);
      return null;
    }
    List<Token> tokens = new ArrayList<>();
    while (true) {
      if (p >= src.length()) {
        throw fail(open, "action \"{{\" has no closing \"}}\"");
      }
      char c = src.charAt(p);
      if (src.startsWith("}}", p) || isSpace(c) && src.startsWith("-}}", p + 1)) {
        closeAt(p);
        return new Action(open, tokens);
      } else if (isSpace(c)) {
        p++;
      } else if (c == '"') {
        p = lexQuoted(p, tokens);
      } else if (c == '`') {
        int end = src.indexOf('`', p + 1);
        if (end < 0) {
          throw fail(p, "unterminated raw string");
        }
        tokens.add(
            new Token(
                TokenType.STRING,
                src.substring(p, end + 1),
                src.substring(p + 1, end).replace("\r", ""),
                p));
        p = end + 1;
      } else if (c == '.'
              && p + 1 < src.length()
              && isIdentifierChar(src.charAt(p + 1))
              && !isDigit(src.charAt(p + 1))
          || c == '$') {
        int end = c == '$' ? identifierEnd(p + 1) : p;
        while (end + 1 < src.length()
            && src.charAt(end) == '.'
            && isIdentifierChar(src.charAt(end + 1))
            && !isDigit(src.charAt(end + 1))) {
          end = identifierEnd(end + 1);
        }
        tokens.add(
            new Token(
                c == '$' ? TokenType.VARIABLE : TokenType.FIELD, src.substring(p, end), null, p));
        p = requireTerminator(end);
      } else if (c == '.' && !(p + 1 < src.length() && isDigit(src.charAt(p + 1)))) {
        tokens.add(new Token(TokenType.FIELD, ".", null, p));
        p = requireTerminator(p + 1);
      } else if (isDigit(c)
          || c == '.'
          || (c == '-' || c == '+')
              && p + 1 < src.length()
              && (isDigit(src.charAt(p + 1)) || src.charAt(p + 1) == '.')) {
        int end = p + 1;
        while (end < src.length()
            && (isIdentifierChar(src.charAt(end)) || src.charAt(end) == '.')) {
          end++;
        }
        String number = src.substring(p, end);
        if (!number.matches("[+-]?(0|[1-9][0-9]{0,17})")) {
          throw fail(p, "number \"" + number + "\" is not supported (only decimal integers are)");
        }
        tokens.add(new Token(TokenType.NUMBER, number, Long.parseLong(number), p));
        p = requireTerminator(end);
      } else if (isIdentifierChar(c)) {
        int end = identifierEnd(p);
        tokens.add(new Token(TokenType.IDENTIFIER, src.substring(p, end), null, p));
        p = requireTerminator(end);
      } else if (c == ':' && src.startsWith(":=", p)) {
        tokens.add(new Token(TokenType.DECLARE, ":=", null, p));
        p += 2;
      } else if (c == ',') {
        tokens.add(new Token(TokenType.COMMA, ",", null, p));
        p++;
      } else if (c == '|') {
        throw fail(p, "pipelines (\"|\") are not supported");
      } else if (c == '(' || c == ')') {
        throw fail(p, "parentheses are not supported");
      } else if (c == '\'') {
        throw fail(p, "character constants are not supported");
      } else if (c == '=') {
        throw fail(p, "assignment (\"=\") is not supported");
      } else {
        throw unexpectedCharacter(p);
      }
    }
  }

  private UsageException unexpectedCharacter(int p) {
    String c = new String(Character.toChars(src.codePointAt(p)));
    return fail(p, "unexpected character \"" + c + "\" in action");
  }

  private void closeAt(int p) {
    if (src.startsWith("}}", p)) {
      pos = p + 2;
    } else {
      pos = p + 4;
      trimNextText = true;
    }
  }

  private int identifierEnd(int p) {
    while (p < src.length() && isIdentifierChar(src.charAt(p))) {
      p++;
    }
    return p;
  }

  /** Go's lexer wants a space, ",", ":", or the end of the action after a word. */
  private int requireTerminator(int p) {
    if (p < src.length()) {
      char c = src.charAt(p);
      if (!isSpace(c)
          && c != ','
          && c != ':'
          && c != '|'
          && c != '('
          && c != ')'
          && !src.startsWith("}}", p)) {
        throw unexpectedCharacter(p);
      }
    }
    return p;
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
        tokens.add(
            new Token(TokenType.STRING, src.substring(start, p + 1), value.toString(), start));
        return p + 1;
      } else if (c != '\\') {
        value.append(c);
        p++;
        continue;
      }
      if (p + 1 >= src.length() || src.charAt(p + 1) == '\n') {
        throw fail(start, "unterminated quoted string");
      }
      char e = src.charAt(p + 1);
      int digits =
          switch (e) {
            case 'x' -> 2;
            case 'u' -> 4;
            case 'U' -> 8;
            case '0', '1', '2', '3', '4', '5', '6', '7' -> 3;
            default -> 0;
          };
      if (digits == 0) {
        int simple = "abfnrtv\\\"".indexOf(e);
        if (simple < 0) {
          throw fail(p, "invalid escape \"\\" + e + "\" in string");
        }
        value.append("\u0007\b\f\n\r\t\u000b\\\"".charAt(simple));
        p += 2;
        continue;
      }
      int from = e >= '0' && e <= '7' ? p + 1 : p + 2;
      String code = src.substring(from, Math.min(from + digits, src.length()));
      int radix = e >= '0' && e <= '7' ? 8 : 16;
      int cp =
          code.length() == digits && code.chars().allMatch(d -> Character.digit(d, radix) >= 0)
              ? (int) Long.parseLong(code, radix)
              : -1;
      if (cp < 0 || cp > Character.MAX_CODE_POINT || cp >= 0xD800 && cp <= 0xDFFF) {
        throw fail(
            p,
            "invalid escape \""
                + src.substring(p, Math.min(from + digits, src.length()))
                + "\" in string");
      } else if (digits != 4 && digits != 8 && cp >= 0x80) {
        throw fail(
            p,
            "byte escape \""
                + src.substring(p, from + digits)
                + "\" above 0x7f is not supported (use \\u)");
      }
      value.appendCodePoint(cp);
      p = from + digits;
    }
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
