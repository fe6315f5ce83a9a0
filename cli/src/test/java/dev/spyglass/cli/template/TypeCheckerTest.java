package dev.spyglass.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spyglass.cli.template.TemplateData.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeCheckerTest {
  private final TypeChecker types = new TypeChecker("{{template}}");

  private static Expr.Ref ref(String variable, String... path) {
    return new Expr.Ref(variable, List.of(path), 2);
  }

  @Test
  void givesFieldsTheKindsOfSkopeosInspectOutput() {
    assertEquals(Kind.IMAGE, types.operand(ref(null)));
    assertEquals(Kind.STRING, types.operand(ref(null, "Digest")));
    assertEquals(Kind.LIST, types.operand(ref(null, "RepoTags")));
    assertEquals(Kind.MAP, types.operand(ref(null, "Labels")));
    assertEquals(Kind.STRING, types.operand(ref(null, "Labels", "any.key")));
    assertEquals(Kind.TIME, types.operand(ref(null, "Created")));
    assertEquals(Kind.INT, types.operand(new Expr.Literal(3L, 2)));
    assertEquals(Kind.STRING, types.operand(new Expr.Literal("3", 2)));
  }

  @Test
  void givesCallsTheKindsOfTheirResults() {
    Expr.Call len = new Expr.Call("len", List.of(ref(null, "Labels")), 2);
    assertEquals(Kind.INT, types.call(len, List.of(Kind.MAP)));
    Expr.Call json = new Expr.Call("json", List.of(ref(null, "Created")), 2);
    assertEquals(Kind.STRING, types.call(json, List.of(Kind.TIME)));
    Expr.Call index =
        new Expr.Call("index", List.of(ref(null, "Layers"), new Expr.Literal(0L, 9)), 2);
    assertEquals(Kind.STRING, types.call(index, List.of(Kind.LIST, Kind.INT)));
    TemplateException e =
        assertThrows(
            TemplateException.class, () -> types.call(index, List.of(Kind.LIST, Kind.STRING)));
    assertEquals(
        "--format template at column 10: \"index\" of a list needs an integer key, not a string",
        e.getMessage());
  }

  @Test
  void aRangeBodySeesItsItemsAndVariablesUntilItEnds() {
    types.enterRange(ref(null, "Labels"), Kind.MAP, "$k", "$v");
    assertEquals(Kind.STRING, types.operand(ref(null)));
    assertEquals(Kind.STRING, types.operand(ref("$k")));
    types.enterRange(ref(null, "Layers"), Kind.LIST, "$i", null);
    assertEquals(Kind.INT, types.operand(ref("$i")));
    assertEquals(Kind.STRING, types.operand(ref("$v")));
    types.exitRange();
    assertThrows(TemplateException.class, () -> types.operand(ref("$i")));
    types.exitRange();
    assertEquals(Kind.IMAGE, types.operand(ref(null)));
    TemplateException e = assertThrows(TemplateException.class, () -> types.operand(ref("$k")));
    assertEquals("--format template at column 3: undefined variable \"$k\"", e.getMessage());
  }

  @Test
  void refusesARangeOverAnythingButAListOrAMap() {
    TemplateException e =
        assertThrows(
            TemplateException.class,
            () -> types.enterRange(ref(null, "Created"), Kind.TIME, null, null));
    assertEquals("--format template at column 3: range can't iterate over a time", e.getMessage());
  }
}
