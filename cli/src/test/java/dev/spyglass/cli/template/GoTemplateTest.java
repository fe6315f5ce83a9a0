package dev.spyglass.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** The whole engine as {@code inspect --format} runs it. */
class GoTemplateTest {
  private static final TemplateData IMAGE =
      TemplateData.of(
          JsonParser.parseString("{\"Digest\": \"sha256:abc\", \"Os\": \"linux\"}")
              .getAsJsonObject());

  @Test
  void formatsThatPrintTheOrdinaryJson() {
    assertTrue(GoTemplate.isJson("json"));
    assertTrue(GoTemplate.isJson(" {{ json . }}\n"));
    assertFalse(GoTemplate.isJson("{{json .Labels}}"));
  }

  @Test
  void escapesBecomeNewlinesAndTabsAndTheTemplateEndsWithANewline() {
    assertEquals("a\nb\n", GoTemplate.source("a\\nb"));
    assertEquals("a\tb\n", GoTemplate.source("a\\tb"));
    assertEquals("a\n", GoTemplate.source("a\n"));
  }

  @Test
  void runsEachImageToOneNewlineEndedResult() {
    assertEquals("linux sha256:abc\n", GoTemplate.parse("{{.Os}} {{.Digest}}").execute(IMAGE));
    assertEquals("linux\n", GoTemplate.parse("{{.Os -}}").execute(IMAGE));
    assertEquals("", GoTemplate.parse("{{- \"\" -}}").execute(IMAGE));
  }

  @Test
  void refusesTablesAndTabsBeforeParsing() {
    assertEquals(
        "--format template at column 1: \"table\" templates (aligned columns) are not supported",
        assertThrows(TemplateException.class, () -> GoTemplate.parse("table {{.Os")).getMessage());
    assertEquals(
        "--format template at column 8: tab characters are not supported (skopeo aligns"
            + " tab-separated output into columns)",
        assertThrows(TemplateException.class, () -> GoTemplate.parse("{{.Os}}\\t{{")).getMessage());
  }
}
