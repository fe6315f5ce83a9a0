package dev.spyglass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
}
