package dev.spyglass.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluator on trees built by hand: what it prints, as Go prints it. */
class TemplateEvaluatorTest {
  private static final TemplateData IMAGE =
      TemplateData.of(
          JsonParser.parseString(
                  """
                  {"Name": "r.example/app", "Digest": "sha256:abc", "RepoTags": ["1.0", "latest"],
                   "Created": "2020-01-02T03:04:05.5Z", "DockerVersion": "",
                   "Labels": {"b": "two", "a": "one"}, "Architecture": "amd64", "Os": "linux",
                   "Layers": [], "Env": null}
                  """)
              .getAsJsonObject());

  private static Expr.Ref field(String... path) {
    return new Expr.Ref(null, List.of(path), 0);
  }

  private static Node.Print print(Expr value) {
    return new Node.Print(value);
  }

  private static Node.Text text(String text) {
    return new Node.Text(text);
  }

  private static String run(Node... nodes) {
    return TemplateEvaluator.run("{{template}}", List.of(nodes), IMAGE);
  }

  @Test
  void printsValuesAsGoPrintsThem() {
    assertEquals("r.example/app", run(print(field("Name"))));
    assertEquals("[1.0 latest]", run(print(field("RepoTags"))));
    assertEquals("[]", run(print(field("Env"))), "a nil slice prints as an empty one");
    assertEquals("map[a:one b:two]", run(print(field("Labels"))));
    assertEquals("one", run(print(field("Labels", "a"))));
    assertEquals("<no value>", run(print(field("Labels", "missing"))));
    assertEquals("2020-01-02 03:04:05.5 +0000 UTC", run(print(field("Created"))));
    assertEquals("-3 x", run(print(new Expr.Literal(-3L, 0)), text(" x")));
  }

  @Test
  void callsIndexLenAndJson() {
    Expr.Literal a = new Expr.Literal("a", 0);
    assertEquals("one", run(print(new Expr.Call("index", List.of(field("Labels"), a), 0))));
    Expr.Literal z = new Expr.Literal("z", 0);
    assertEquals("", run(print(new Expr.Call("index", List.of(field("Labels"), z), 0))));
    Expr.Literal one = new Expr.Literal(1L, 0);
    assertEquals("latest", run(print(new Expr.Call("index", List.of(field("RepoTags"), one), 0))));
    assertEquals("2", run(print(new Expr.Call("len", List.of(field("Labels")), 0))));
    assertEquals("10", run(print(new Expr.Call("len", List.of(field("Digest")), 0))));
    assertEquals(
        "{\"a\":\"one\",\"b\":\"two\"}",
        run(print(new Expr.Call("json", List.of(field("Labels")), 0))));
  }

  @Test
  void ifTakesGosTruthAndElseIfIsAnIfInTheElse() {
    Node.If ifTag =
        new Node.If(
            field("Tag"),
            List.of(text("tag")),
            List.of(new Node.If(field("Name"), List.of(text("name")), List.of(text("none")))));
    assertEquals("name", run(ifTag));
    assertEquals("-", run(new Node.If(field("Layers"), List.of(text("+")), List.of(text("-")))));
    assertEquals("+", run(new Node.If(field("Created"), List.of(text("+")), List.of())));
  }

  @Test
  void rangeBindsIndexOrKeyAndItemAndFallsBackToElse() {
    List<Node> body =
        List.of(print(new Expr.Ref("$k", List.of(), 0)), text("="), print(field()), text(";"));
    assertEquals(
        "0=1.0;1=latest;",
        run(new Node.Range("$k", "$v", field("RepoTags"), body, List.of(text("none")))));
    assertEquals("a=one;b=two;", run(new Node.Range("$k", null, field("Labels"), body, List.of())));
    assertEquals(
        "none",
        run(
            new Node.Range(
                null, "$v", field("Layers"), List.of(text("x")), List.of(text("none")))));
  }

  @Test
  void failsOnDataNamingThePosition() {
    Expr.Literal five = new Expr.Literal(5L, 0);
    TemplateException outOfRange =
        assertThrows(
            TemplateException.class,
            () -> run(print(new Expr.Call("index", List.of(field("RepoTags"), five), 2))));
    assertEquals(
        "--format template at column 3: index 5 is out of range (the list has 2 items)",
        outOfRange.getMessage());
    TemplateException missing =
        assertThrows(
            TemplateException.class,
            () -> run(print(new Expr.Call("len", List.of(field("Labels", "x")), 2))));
    assertEquals("--format template at column 3: \"len\" of a missing value", missing.getMessage());
  }
}
