package dev.spyglass.cli.template;

import dev.spyglass.cli.template.TemplateData.Kind;
import dev.spyglass.cli.template.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds a template's {@link Node}s from the items of a {@link TemplateLexer}: the subset's actions
 * ({@code if}/{@code else if}/{@code else}, {@code range} with its declarations and {@code else},
 * {@code end}), commands ({@code index}, {@code json}, {@code len}) and operands. It hands every
 * expression to a {@link TypeChecker} as soon as it is read, so that the first problem in the
 * template, of syntax or of kind, is the one reported. Throws {@link TemplateException} naming the
 * construct and its position. One instance per template.
 */
final class TemplateParser {
  private static final Set<String> FUNCTIONS = Set.of("index", "json", "len");

  /** Go's other built-in functions, named as such when refused. */
  private static final Set<String> GO_FUNCTIONS =
      Set.of(
          "and call html js not or print printf println slice urlquery eq ge gt le lt ne"
              .split(" "));

  private static final Set<String> GO_ACTIONS =
      Set.of("with", "define", "template", "block", "break", "continue");
  private static final Set<String> KEYWORDS = Set.of("if", "range", "else", "end");
  private static final Set<String> GO_CONSTANTS = Set.of("true", "false", "nil");
  private static final String RANGE_DECLARATION =
      "range declaration must be \"$v :=\" or \"$i, $v :=\"";

  /** The nodes up to an {@code end} or {@code else} action ({@code stop}), or the end (null). */
  private record Block(List<Node> nodes, Item.@Nullable Action stop) {}

  private record Typed(Expr expr, Kind kind) {}

  private final TemplateLexer lexer;
  private final TypeChecker types;

  TemplateParser(TemplateLexer lexer, TypeChecker types) {
    this.lexer = lexer;
    this.types = types;
  }

  /** Parses and checks {@code source}, a template over one image ({@link TemplateData}). */
  static List<Node> parse(String source) {
    return new TemplateParser(new TemplateLexer(source), new TypeChecker(source)).parse();
  }

  List<Node> parse() {
    Block block = parseBlock();
    if (block.stop() != null) {
      throw unexpected(block.stop());
    }
    return block.nodes();
  }

  private Block parseBlock() {
    List<Node> nodes = new ArrayList<>();
    while (true) {
      Item item = lexer.next();
      if (item instanceof Item.Text text) {
        nodes.add(new Node.Text(text.text()));
        continue;
      } else if (item instanceof Item.End) {
        return new Block(nodes, null);
      }
      Item.Action action = (Item.Action) item;
      if (action.tokens().isEmpty()) {
        throw fail(action.pos(), "empty action \"{{}}\"");
      }
      Token first = action.tokens().get(0);
      if (first.is("end") || first.is("else")) {
        return new Block(nodes, action);
      }
      nodes.add(parseAction(action));
    }
  }

  private Node parseAction(Item.Action action) {
    List<Token> tokens = action.tokens();
    Token first = tokens.get(0);
    if (first.is("if")) {
      return parseIf(action, 1);
    } else if (first.is("range")) {
      return parseRange(action);
    } else if (first.type() == Type.IDENTIFIER && GO_ACTIONS.contains(first.text())) {
      throw fail(
          first.pos(),
          "action \"" + first.text() + "\" is not supported (supported: if, else, range, end)");
    } else if (tokens.size() > 1 && tokens.get(1).type() == Type.DECLARE) {
      throw fail(
          first.pos(),
          "variable declaration \"" + first.text() + " :=\" is not supported outside range");
    }
    return new Node.Print(parseCommand(tokens, 0, action.pos()).expr());
  }

  /** {@code {{if}}}, or the {@code {{else if}}} whose condition starts at token {@code from}. */
  private Node.If parseIf(Item.Action action, int from) {
    Typed condition = parseCommand(action.tokens(), from, action.pos());
    Block then = parseBlock();
    Item.Action stop = requireStop(then, action, "if");
    if (stop.tokens().get(0).is("end")) {
      requireAlone(stop);
      return new Node.If(condition.expr(), then.nodes(), List.of());
    } else if (stop.tokens().size() > 1 && stop.tokens().get(1).is("if")) {
      return new Node.If(condition.expr(), then.nodes(), List.of(parseIf(stop, 2)));
    }
    requireAlone(stop);
    return new Node.If(condition.expr(), then.nodes(), parseElse(action, "if"));
  }

  private Node.Range parseRange(Item.Action action) {
    List<Token> tokens = action.tokens();
    String key = null;
    String value = null;
    int from = 1;
    int declare = -1;
    for (int i = 1; i < tokens.size() && declare < 0; i++) {
      if (tokens.get(i).type() == Type.DECLARE) {
        declare = i;
      }
    }
    if (declare == 2) {
      value = declaredVariable(tokens.get(1));
      from = 3;
    } else if (declare == 4 && tokens.get(2).type() == Type.COMMA) {
      key = declaredVariable(tokens.get(1));
      value = declaredVariable(tokens.get(3));
      from = 5;
    } else if (declare >= 0) {
      throw fail(tokens.get(declare).pos(), RANGE_DECLARATION);
    }
    Typed over = parseCommand(tokens, from, action.pos());
    types.enterRange(over.expr(), over.kind(), key, value);
    Block body = parseBlock();
    types.exitRange();
    Item.Action stop = requireStop(body, action, "range");
    requireAlone(stop);
    List<Node> otherwise = stop.tokens().get(0).is("end") ? List.of() : parseElse(action, "range");
    return new Node.Range(key, value, over.expr(), body.nodes(), otherwise);
  }

  /** The nodes after an {@code {{else}}}, up to the {@code {{end}}} of {@code opening}. */
  private List<Node> parseElse(Item.Action opening, String keyword) {
    Block otherwise = parseBlock();
    Item.Action end = requireStop(otherwise, opening, keyword);
    if (!end.tokens().get(0).is("end")) {
      throw unexpected(end);
    }
    requireAlone(end);
    return otherwise.nodes();
  }

  private String declaredVariable(Token token) {
    if (token.type() != Type.VARIABLE || token.text().length() < 2 || token.text().contains(".")) {
      throw fail(token.pos(), RANGE_DECLARATION);
    }
    return token.text();
  }

  private Item.Action requireStop(Block block, Item.Action opening, String keyword) {
    if (block.stop() == null) {
      throw fail(opening.pos(), "\"{{" + keyword + "}}\" has no \"{{end}}\"");
    }
    return block.stop();
  }

  private void requireAlone(Item.Action action) {
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

  /** The command of tokens {@code from} on: one operand, or a function and its arguments. */
  private Typed parseCommand(List<Token> tokens, int from, int actionPos) {
    if (from >= tokens.size()) {
      throw fail(actionPos, "\"{{" + tokens.get(0).text() + "}}\" needs a value");
    }
    Token head = tokens.get(from);
    if (head.type() != Type.IDENTIFIER) {
      Typed operand = parseOperand(head);
      if (from + 1 < tokens.size()) {
        throw fail(
            tokens.get(from + 1).pos(),
            "\"" + head.text() + "\" is not a function, so it takes no arguments");
      }
      return operand;
    }
    String function = checkFunction(head);
    List<Expr> args = new ArrayList<>();
    List<Kind> kinds = new ArrayList<>();
    for (Token token : tokens.subList(from + 1, tokens.size())) {
      if (token.type() == Type.IDENTIFIER) {
        throw fail(
            token.pos(),
            "\"%s\" as an argument would need parentheses, which are not supported"
                .formatted(token.text()));
      } else if (token.type() == Type.DECLARE || token.type() == Type.COMMA) {
        throw fail(token.pos(), "unexpected \"" + token.text() + "\"");
      }
      Typed arg = parseOperand(token);
      args.add(arg.expr());
      kinds.add(arg.kind());
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
    Expr.Call call = new Expr.Call(function, args, head.pos());
    return new Typed(call, types.call(call, kinds));
  }

  private String checkFunction(Token head) {
    String name = head.text();
    if (FUNCTIONS.contains(name)) {
      return name;
    } else if (GO_CONSTANTS.contains(name)) {
      throw fail(head.pos(), "constant \"" + name + "\" is not supported");
    } else if (GO_FUNCTIONS.contains(name)) {
      throw fail(
          head.pos(), "function \"" + name + "\" is not supported (supported: index, json, len)");
    } else if (GO_ACTIONS.contains(name) || KEYWORDS.contains(name)) {
      throw fail(head.pos(), "unexpected \"" + name + "\"");
    }
    throw fail(
        head.pos(), "function \"" + name + "\" is not defined (supported: index, json, len)");
  }

  private Typed parseOperand(Token token) {
    Expr operand;
    if (token.type() == Type.STRING || token.type() == Type.NUMBER) {
      operand = new Expr.Literal(Objects.requireNonNull(token.value()), token.pos());
    } else if (token.type() == Type.FIELD || token.type() == Type.VARIABLE) {
      List<String> path = new ArrayList<>(List.of(token.text().split("\\.", -1)));
      String variable = path.remove(0); // "" before a field's first dot
      if (token.type() == Type.FIELD) {
        variable = null;
        if (token.text().equals(".")) {
          path.clear();
        }
      } else if (variable.equals("$")) {
        throw fail(
            token.pos(),
            "variable \"$\" is not supported (skopeo 1.9 binds it to a list holding the image)");
      }
      operand = new Expr.Ref(variable, path, token.pos());
    } else {
      throw fail(token.pos(), "unexpected \"" + token.text() + "\"");
    }
    return new Typed(operand, types.operand(operand));
  }

  private TemplateException unexpected(Item.Action action) {
    return fail(action.pos(), "unexpected \"{{" + action.tokens().get(0).text() + "}}\"");
  }

  private TemplateException fail(int at, String problem) {
    return TemplateException.at(lexer.source(), at, problem);
  }
}
