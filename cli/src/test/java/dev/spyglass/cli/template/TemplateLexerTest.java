package dev.spyglass.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.spyglass.cli.template.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateLexerTest {

  /** Every item up to the end: text as {@code "text"}, actions as their tokens. */
  private static List<String> items(String source) {
    TemplateLexer lexer = new TemplateLexer(source);
    List<String> items = new ArrayList<>();
    for (Item item = lexer.next(); !(item instanceof Item.End); item = lexer.next()) {
      if (item instanceof Item.Text text) {
        items.add('"' + text.text() + '"');
      } else {
        Item.Action action = (Item.Action) item;
        List<String> tokens = new ArrayList<>();
        action.tokens().forEach(t -> tokens.add(t.type() + " " + t.text() + " @" + t.pos()));
        items.add("{{@" + action.pos() + " " + String.join(", ", tokens) + "}}");
      }
    }
    return items;
  }

  private static Token onlyToken(String action) {
    Item.Action item = assertInstanceOf(Item.Action.class, new TemplateLexer(action).next());
    assertEquals(1, item.tokens().size(), item::toString);
    return item.tokens().get(0);
  }

  private static String failure(String source) {
    TemplateLexer lexer = new TemplateLexer(source);
    return assertThrows(
            TemplateException.class,
            () -> {
              while (!(lexer.next() instanceof Item.End)) {
                // read on
              }
            })
        .getMessage();
  }

  @Test
  void readsTextAndActionsInOrderThenTheEndAgainAndAgain() {
    assertEquals(List.of("\"a \"", "{{@2 FIELD .Os @4}}", "\" b\""), items("a {{.Os}} b"));
    TemplateLexer lexer = new TemplateLexer("x");
    assertEquals(new Item.Text("x"), lexer.next());
    assertInstanceOf(Item.End.class, lexer.next());
    assertInstanceOf(Item.End.class, lexer.next());
  }

  @Test
  void tokenizesEachKindWithItsOffset() {
    assertEquals(
        List.of(
            "{{@0 IDENTIFIER range @3, VARIABLE $i @9, COMMA , @11, VARIABLE $v @13, DECLARE :="
                + " @16, FIELD .Labels.a_b @19}}"),
        items("{{ range $i, $v := .Labels.a_b }}"));
    assertEquals(
        List.of(
            "{{@0 IDENTIFIER index @2, FIELD . @8, STRING \"k\" @10, NUMBER -12 @14,"
                + " VARIABLE $x.Y @18}}"),
        items("{{index . \"k\" -12 $x.Y}}"));
  }

  @Test
  void trimMarkersRemoveTheSpacesBesideTheActionOnly() {
    assertEquals(
        List.of("\"x\"", "{{@2 STRING \" y \" @6}}", "\"z \""), items("x {{- \" y \" -}} z "));
    assertEquals(List.of("{{@0 NUMBER 3 @2}}", "\"x\""), items("{{3 -}}\n\tx"));
    // "{{-3}}" is the number -3, not a trim marker: the spaces before it stay.
    assertEquals(List.of("\"a\n \"", "{{@3 NUMBER -3 @5}}"), items("a\n {{-3}}"));
  }

  @Test
  void commentsAreSkippedAndMayTrim() {
    assertEquals(List.of("\"a \"", "\" b\""), items("a {{/* one */}} b"));
    assertEquals(List.of("\"a\"", "\"b\""), items("a {{- /* two\nlines */ -}} b"));
  }

  @Test
  void readsStringLiteralsAsGoUnquotesThem() {
    assertEquals("a\"b\\c", onlyToken("{{\"a\\\"b\\\\c\"}}").value());
    assertEquals(
        "\u00e9AA\ud83d\ude00\u0007\t",
        onlyToken("{{\"\\u00e9\\x41\\101\\U0001F600\\a\\t\"}}").value());
    Token raw = onlyToken("{{`a\\n\r\nb`}}");
    assertEquals(Type.STRING, raw.type());
    assertEquals("a\\n\nb", raw.value());
    assertEquals("`a\\n\r\nb`", raw.text());
  }

  @Test
  void readsDecimalIntegers() {
    assertEquals(0L, onlyToken("{{0}}").value());
    assertEquals(-42L, onlyToken("{{-42}}").value());
    assertEquals(7L, onlyToken("{{+7}}").value());
    assertEquals(Type.NUMBER, onlyToken("{{999999999999999999}}").type());
  }

  static Stream<Arguments> unreadableTemplates() {
    return Stream.of(
        arguments("{{.Os", "column 1: action \"{{\" has no closing \"}}\""),
        arguments("x\n{{.Os", "line 2, column 1: action \"{{\" has no closing \"}}\""),
        arguments("{{\"abc}}", "column 3: unterminated quoted string"),
        arguments("{{\"a\nb\"}}", "line 1, column 3: unterminated quoted string"),
        arguments("{{`abc}}", "column 3: unterminated raw string"),
        arguments("{{\"\\q\"}}", "column 4: invalid escape \"\\q\" in string"),
        arguments("{{\"\\u12\"}}", "column 4: invalid escape \"\\u12\"}\" in string"),
        arguments("{{\"\\uD800\"}}", "column 4: invalid escape \"\\uD800\" in string"),
        arguments(
            "{{\"\\xff\"}}",
            "column 4: byte escape \"\\xff\" above 0x7f is not supported (use \\u)"),
        arguments(
            "{{1.5}}", "column 3: number \"1.5\" is not supported (only decimal integers are)"),
        arguments(
            "{{0x1F}}", "column 3: number \"0x1F\" is not supported (only decimal integers are)"),
        arguments(
            "{{007}}", "column 3: number \"007\" is not supported (only decimal integers are)"),
        arguments("{{.Os | len}}", "column 7: pipelines (\"|\") are not supported"),
        arguments("{{(len .Os)}}", "column 3: parentheses are not supported"),
        arguments("{{'a'}}", "column 3: character constants are not supported"),
        arguments("{{$x = 1}}", "column 6: assignment (\"=\") is not supported"),
        arguments("{{.Os}", "column 6: unexpected character \"}\" in action"),
        arguments("{{.Os!}}", "column 6: unexpected character \"!\" in action"),
        arguments("{{3-}}", "column 4: unexpected character \"-\" in action"),
        arguments("{{/* c */ .Os}}", "column 1: comment must end right before \"}}\""),
        arguments("{{/* c", "column 1: comment \"/*\" has no closing \"*/\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableTemplates")
  void refusesWhatItCannotReadNamingTheColumn(String source, String where) {
    assertEquals("--format template at " + where, failure(source));
  }

  @Test
  void reportsAProblemOnlyWhenItReachesIt() {
    TemplateLexer lexer = new TemplateLexer("ok{{.Os}}{{1.5}}");
    assertEquals(new Item.Text("ok"), lexer.next());
    assertInstanceOf(Item.Action.class, lexer.next());
    assertThrows(TemplateException.class, lexer::next);
  }
}
