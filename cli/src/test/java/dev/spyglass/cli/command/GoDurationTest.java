package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @Test
  void parsesGoDurations() {
    assertEquals(Duration.ofMillis(500), GoDuration.parse("500ms"));
    assertEquals(Duration.ofSeconds(2), GoDuration.parse("2s"));
    assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
    assertEquals(Duration.ofMinutes(90), GoDuration.parse("1.5h"));
    assertEquals(Duration.ofNanos(1500), GoDuration.parse("1us500ns"));
    assertEquals(Duration.ofMillis(300), GoDuration.parse(".3s"));
    assertEquals(Duration.ZERO, GoDuration.parse("0"));
    assertEquals(Duration.ofSeconds(1), GoDuration.parse("+1s"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "-1s", "1x", "s", "1s2", ".s", "1 s"})
  void refusesWhatGoRefusesAndNegativeDurations(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    assertTrue(e.getMessage().startsWith("invalid duration \"" + text + "\""), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "90s, 90000",
    "1m30s, 90000",
    "500ms, 500",
    "1.5h, 5400000",
    "2h45m, 9900000",
    "0, 0",
    "+10s, 10000",
    ".5s, 500",
    "1s500ms, 1500",
  })
  void parsesGoDurationsToMillis(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), GoDuration.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "s", "1x", "-5s", "1m 30s", "1.s2", "."})
  void refusesWhatGoRefusesNamingTheText(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"90000, 1m30s", "500, 500ms", "1500, 1.5s", "7200000, 2h0m0s", "30000, 30s"})
  void printsDurationsAsGoDoes(long millis, String text) {
    assertEquals(text, GoDuration.format(Duration.ofMillis(millis)));
  }
}
