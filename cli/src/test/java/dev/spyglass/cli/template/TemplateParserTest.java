package dev.spyglass.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The parser, with its type checker: the trees of the subset, and what it refuses, where. */
class TemplateParserTest {

  private static Expr.Ref field(int pos, String... path) {
    return new Expr.Ref(null, List.of(path), pos);
  }

  private static Node.Text text(String text) {
    return new Node.Text(text);
  }

  private static String failure(String source) {
    return assertThrows(TemplateException.class, () -> TemplateParser.parse(source)).getMessage();
  }

  @Test
  void printsFieldsLiteralsAndCalls() {
    assertEquals(
        List.of(
            new Node.Print(field(2, "Name")),
            text(":"),
            new Node.Print(field(12, "Labels", "a")),
            text(" "),
            new Node.Print(new Expr.Literal(12L, 26)),
            new Node.Print(new Expr.Literal("s", 32)),
            new Node.Print(
                new Expr.Call(
                    "index", List.of(field(45, "Labels"), new Expr.Literal("k", 53)), 39)),
            new Node.Print(new Expr.Call("len", List.of(field(64, "Layers")), 60)),
            new Node.Print(field(76))),
        TemplateParser.parse(
            "{{.Name}}:{{.Labels.a}} {{12}}{{\"s\"}}{{index .Labels \"k\"}}{{len .Layers}}{{ ."
                + " }}"));
  }

  @Test
  void elseIfIsAnIfInsideTheElse() {
    assertEquals(
        List.of(
            new Node.If(
                field(5, "Tag"),
                List.of(text("t")),
                List.of(new Node.If(field(22, "Name"), List.of(text("n")), List.of(text("-")))))),
        TemplateParser.parse("{{if .Tag}}t{{else if .Name}}n{{else}}-{{end}}"));
  }

  @Test
  void rangeDeclaresItsVariablesForItsBodyOnly() {
    assertEquals(
        List.of(
            new Node.Range(
                "$i",
                "$t",
                field(18, "RepoTags"),
                List.of(
                    new Node.Print(new Expr.Ref("$i", List.of(), 31)),
                    text("="),
                    new Node.Print(new Expr.Ref("$t", List.of(), 38))),
                List.of(text("none")))),
        TemplateParser.parse("{{range $i, $t := .RepoTags}}{{$i}}={{$t}}{{else}}none{{end}}"));
    assertEquals(
        "--format template at column 33: undefined variable \"$t\"",
        failure("{{range $t := .Layers}}{{end}}{{$t}}"));
    assertEquals(
        "--format template at column 34: undefined variable \"$t\"",
        failure("{{range $t := .Layers}}{{else}}{{$t}}{{end}}"));
  }

  @Test
  void dotInsideRangeIsTheItem() {
    assertEquals(
        List.of(
            new Node.Range(
                null, null, field(8, "Labels"), List.of(new Node.Print(field(19))), List.of())),
        TemplateParser.parse("{{range .Labels}}{{.}}{{end}}"));
    assertEquals(
        "--format template at column 20: \".\" is a string, which has no field \"Os\"",
        failure("{{range .Layers}}{{.Os}}{{end}}"));
  }

  static Stream<Arguments> templatesOutsideTheSubset() {
    return Stream.of(
        arguments("{{}}", "column 1: empty action \"{{}}\""),
        arguments("{{end}}", "column 1: unexpected \"{{end}}\""),
        arguments("{{else}}", "column 1: unexpected \"{{else}}\""),
        arguments("{{.Os}}{{end .Os}}", "column 8: unexpected \"{{end}}\""),
        arguments("{{if .Tag}}x", "column 1: \"{{if}}\" has no \"{{end}}\""),
        arguments("{{if .Tag}}{{else}}x", "column 1: \"{{if}}\" has no \"{{end}}\""),
        arguments("{{if .Tag}}{{else}}{{else}}{{end}}", "column 20: unexpected \"{{else}}\""),
        arguments("{{if .Tag}}{{end .Tag}}", "column 18: unexpected \".Tag\" in \"{{end}}\""),
        arguments("{{range .Layers}}", "column 1: \"{{range}}\" has no \"{{end}}\""),
        arguments(
            "{{range .Layers}}{{else if .Os}}{{end}}",
            "column 25: \"{{else if}}\" is only allowed in \"{{if}}\""),
        arguments("{{if}}{{end}}", "column 1: \"{{if}}\" needs a value"),
        arguments(
            "{{with .Labels}}{{end}}",
            "column 3: action \"with\" is not supported (supported: if, else, range, end)"),
        arguments(
            "{{$x := .Os}}",
            "column 3: variable declaration \"$x :=\" is not supported outside range"),
        arguments(
            "{{range $a, $b, $c := .Layers}}{{end}}",
            "column 20: range declaration must be \"$v :=\" or \"$i, $v :=\""),
        arguments(
            "{{range .X := .Layers}}{{end}}",
            "column 9: range declaration must be \"$v :=\" or \"$i, $v :=\""),
        arguments(
            "{{foo .Digest}}",
            "column 3: function \"foo\" is not defined (supported: index, json, len)"),
        arguments(
            "{{printf \"%s\" .Digest}}",
            "column 3: function \"printf\" is not supported (supported: index, json, len)"),
        arguments("{{true}}", "column 3: constant \"true\" is not supported"),
        arguments(
            "{{len range}}",
            "column 7: \"range\" as an argument would need parentheses,"
                + " which are not supported"),
        arguments("{{len .Os , .Os}}", "column 11: unexpected \",\""),
        arguments(
            "{{.Os .Digest}}", "column 7: \".Os\" is not a function, so it takes no arguments"),
        arguments("{{len .Os .Os}}", "column 3: \"len\" takes 1 argument, not 2"),
        arguments(
            "{{index .Labels}}",
            "column 3: \"index\" takes 2 arguments (a map or list and one key), not 1"),
        arguments(
            "{{$}}",
            "column 3: variable \"$\" is not supported (skopeo 1.9 binds it to a"
                + " list holding the image)"),
        arguments("{{$x}}", "column 3: undefined variable \"$x\""),
        arguments(
            "{{.Nope}}",
            "column 3: unknown field \"Nope\" in \".Nope\" (fields: Name, Tag, Digest, RepoTags,"
                + " Created, DockerVersion, Labels, Architecture, Os, Layers, Env)"),
        arguments(
            "{{.Digest.Algorithm}}",
            "column 3: \".Digest\" is a string, which has no field \"Algorithm\" (methods are not"
                + " supported)"),
        arguments(
            "{{.Created.Year}}",
            "column 3: \".Created\" is a time, which has no field \"Year\" (methods are not"
                + " supported)"),
        arguments(
            "{{.Labels.a.b}}", "column 3: \".Labels.a\" is a string, which has no field \"b\""),
        arguments("{{len .Created}}", "column 7: \"len\" can't measure a time"),
        arguments("{{index .Created 0}}", "column 9: \"index\" can't index a time"),
        arguments(
            "{{index .Layers \"a\"}}",
            "column 17: \"index\" of a list needs an integer key, not a string"),
        arguments(
            "{{index .Labels 0}}",
            "column 17: \"index\" of a map needs a string key, not an integer"),
        arguments("{{range .Os}}{{end}}", "column 9: range can't iterate over a string"),
        arguments("{{range len .Os}}{{end}}", "column 9: range can't iterate over an integer"),
        arguments(
            "a\n{{.Os}}\n{{.Nope.x}}",
            "line 3, column 3: unknown field \"Nope\" in \".Nope.x\" (fields: Name, Tag, Digest,"
                + " RepoTags, Created, DockerVersion, Labels, Architecture, Os, Layers, Env)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templatesOutsideTheSubset")
  void refusesNamingTheConstructAndItsColumn(String source, String where) {
    assertEquals("--format template at " + where, failure(source));
  }

  @Test
  void reportsTheFirstProblemInTheTemplateWhetherOfSyntaxOrOfKind() {
    assertEquals(
        "--format template at column 3: unknown field \"Nope\" in \".Nope\" (fields: Name, Tag,"
            + " Digest, RepoTags, Created, DockerVersion, Labels, Architecture, Os, Layers, Env)",
        failure("{{.Nope}}{{if .Os}}"));
    assertEquals(
        "--format template at column 7: \"len\" can't measure a time",
        failure("{{len .Created}}{{.Os}"));
    assertEquals(
        "--format template at column 7: unknown field \"Nope\" in \".Nope\" (fields: Name, Tag,"
            + " Digest, RepoTags, Created, DockerVersion, Labels, Architecture, Os, Layers, Env)",
        failure("{{len .Nope index}}"));
  }
}
