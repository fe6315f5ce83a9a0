package dev.spyglass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private static final List<String> COMMANDS =
      List.of("inspect", "manifest-digest", "list-tags", "login", "logout", "copy", "sync", "layers");

  @Test
  void suggestsNamesAFewEditsAwayClosestFirst() {
    assertEquals(List.of("inspect"), Suggestions.closeTo("insepct", COMMANDS));
    assertEquals(List.of("copy"), Suggestions.closeTo("cpy", COMMANDS));
    assertEquals(List.of("login", "logout"), Suggestions.closeTo("log", COMMANDS));
    assertEquals(List.of("--raw"), Suggestions.closeTo("--raww", List.of("--raw", "--config", "-f")));
  }

  @Test
  void suggestsNamesTheTypedTextBegins() {
    assertEquals(List.of("manifest-digest"), Suggestions.closeTo("manifest", COMMANDS));
  }

  @Test
  void suggestsNothingForTextFarFromEveryName() {
    assertEquals(List.of(), Suggestions.closeTo("frobnicate", COMMANDS));
    assertEquals(List.of(), Suggestions.closeTo("x", COMMANDS));
  }

  @Test
  void countsInsertionsDeletionsAndSubstitutions() {
    assertEquals(0, Suggestions.distance("sync", "sync"));
    assertEquals(1, Suggestions.distance("sync", "syncs"));
    assertEquals(1, Suggestions.distance("sync", "syn"));
    assertEquals(1, Suggestions.distance("sync", "sinc"));
    assertEquals(2, Suggestions.distance("insepct", "inspect"));
    assertEquals(4, Suggestions.distance("", "copy"));
  }
}
