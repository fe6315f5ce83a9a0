package dev.spyglass.manifest.schema1.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class GoTimeTest {

  @Test
  void formatsAsRfc3339NanoWithoutTrailingZeros() {
    assertEquals("2015-08-06T23:53:22.6085Z", round("2015-08-06T23:53:22.608500000Z"));
    assertEquals("2020-01-02T03:04:05.12+02:00", round("2020-01-02T03:04:05.120000+02:00"));
    assertEquals("2020-01-02T03:04:05Z", round("2020-01-02T03:04:05.000-00:00"));
    assertEquals("0001-01-01T00:00:00Z", GoTime.format(GoTime.ZERO));
  }

  @Test
  void readsMoreThanNanosecondDigitsByCuttingThem() {
    assertEquals("2020-01-02T03:04:05.123456789Z", round("2020-01-02T03:04:05.1234567891234Z"));
  }

  @Test
  void refusesWhatGoRefuses() {
    assertTrue(GoTime.parse("2020-01-02 03:04:05Z").isEmpty());
    assertTrue(GoTime.parse("2020-01-02T03:04:05").isEmpty());
    assertTrue(GoTime.parse("2020-13-02T03:04:05Z").isEmpty());
    assertTrue(GoTime.parse("").isEmpty());
  }

  private static String round(String text) {
    OffsetDateTime time = GoTime.parse(text).orElseThrow();
    return GoTime.format(time);
  }
}
