package dev.spyglass.manifest.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GoTimeTest {

  /**
   * skopeo 1.9.3 printed "Created": "2023-01-02T03:04:05.12Z" for created
   * 2023-01-02T03:04:05.120000Z.
   */
  @Test
  void trimsTrailingFractionZerosAndWritesZForUtc() {
    assertEquals(
        "2023-01-02T03:04:05.12Z",
        GoTime.format(OffsetDateTime.of(2023, 1, 2, 3, 4, 5, 120_000_000, ZoneOffset.UTC)));
  }

  /**
   * skopeo 1.9.3 printed "Created": "0001-01-01T00:00:00Z" for a schema2 config without created.
   */
  @Test
  void writesGoZeroTimeWithoutFraction() {
    assertEquals(
        "0001-01-01T00:00:00Z",
        GoTime.format(OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
  }

  /** skopeo 1.9.3 printed "2020-01-01T00:00:00.5+05:00" and "...-07:30" for those offsets. */
  @Test
  void keepsNonZeroOffsets() {
    assertEquals(
        "2020-01-01T00:00:00.5+05:00",
        GoTime.format(OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 500_000_000, ZoneOffset.ofHours(5))));
    assertEquals(
        "2020-01-01T00:00:00-07:30",
        GoTime.format(
            OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(-7, -30))));
  }

  /**
   * Offsets with seconds cannot come from RFC 3339 text; Go's time/format.go writes {@code offset /
   * 60} minutes, truncated toward zero, so the seconds are dropped.
   */
  @Test
  void dropsSecondsOfAnOffsetAsGoDoes() {
    assertEquals(
        "2020-01-01T00:00:00+05:30",
        GoTime.format(
            OffsetDateTime.of(
                2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15))));
    assertEquals(
        "2020-01-01T00:00:00+00:00",
        GoTime.format(OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(-30))));
  }
}
