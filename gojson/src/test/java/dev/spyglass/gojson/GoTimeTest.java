package dev.spyglass.gojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every case was checked against skopeo 1.9.3: a config {@code {"created":"TEXT"}} in a {@code
 * dir:} layout, {@code skopeo inspect --config dir:LAYOUT} printed {@code "created": "PRINTED"} or
 * failed with "parsing time ...".
 */
class GoTimeTest {

  @ParameterizedTest
  @CsvSource({
    "2020-01-01T00:00:00+00:00, 2020-01-01T00:00:00Z",
    "2020-01-01T00:00:00-00:00, 2020-01-01T00:00:00Z",
    "2020-01-01T00:00:00-07:30, 2020-01-01T00:00:00-07:30",
    "2020-01-01T1:00:00Z, 2020-01-01T01:00:00Z",
    "2020-01-01T00:00:00.1234567891234Z, 2020-01-01T00:00:00.123456789Z",
    "2020-01-01T00:00:00.000000000Z, 2020-01-01T00:00:00Z",
    "'2020-01-01T00:00:00,5Z', 2020-01-01T00:00:00.5Z",
    "2020-01-01T00:00:00.5+05:00, 2020-01-01T00:00:00.5+05:00",
    "2020-01-01T00:00:00.123456789+01:00, 2020-01-01T00:00:00.123456789+01:00",
    "2023-01-02T03:04:05.120000Z, 2023-01-02T03:04:05.12Z",
    "2023-01-02T03:04:05.000000012Z, 2023-01-02T03:04:05.000000012Z",
    "2023-01-02T03:04:05.05Z, 2023-01-02T03:04:05.05Z",
    "0000-01-01T00:00:00Z, 0000-01-01T00:00:00Z",
    "2020-01-01T00:00:00+18:01, 2020-01-01T00:00:00+18:01",
    "2020-01-01T00:00:00+24:00, 2020-01-01T00:00:00+24:00",
    "2020-01-01T00:00:00+99:99, 2020-01-01T00:00:00+100:39"
  })
  void printsTimesAsSkopeoDoes(String text, String printed) throws GoJsonException {
    assertEquals(printed, GoTime.parse(text).format());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2020-01-01t00:00:00Z",
        "2020-01-01T00:00:00z",
        "2020-01-01T24:00:00Z",
        "2020-01-01T23:59:60Z",
        "2020-02-30T00:00:00Z",
        "2020-01-01 00:00:00Z",
        "2020-01-01T00:00:00",
        "2020-01-01T00:00:00.Z",
        "2020-01-01T00:00:00+0100",
        "+2020-01-01T00:00:00Z",
        "2020-1-01T00:00:00Z",
        "2020-01-01T00:00:00+01:00:00",
        "2020-01-01T00:00:00Zjunk",
        " 2020-01-01T00:00:00Z",
        "2020-01-01T00:00:00.-1Z",
        "2020-13-02T03:04:05Z",
        ""
      })
  void refusesTimesSkopeoRefuses(String text) {
    assertThrows(GoJsonException.class, () -> GoTime.parse(text));
  }

  @ParameterizedTest
  @CsvSource({
    "2020-01-01T24:00:00Z, hour out of range",
    "2020-02-30T00:00:00Z, day out of range",
    "2020-01-01T00:00:00+0100, 'cannot parse \"+0100\" as \"Z07:00\"'"
  })
  void explainsWhyATimeIsRefused(String text, String reason) {
    GoJsonException e = assertThrows(GoJsonException.class, () -> GoTime.parse(text));
    assertEquals(reason, e.getMessage());
  }

  /**
   * skopeo 1.9.3 printed "Created": "2023-01-02T03:04:05.12Z" for created
   * 2023-01-02T03:04:05.120000Z, and "0001-01-01T00:00:00Z" for a config without created.
   */
  @Test
  void formatsJavaTimesAsRfc3339NanoWithZForUtc() {
    assertEquals(
        "2023-01-02T03:04:05.12Z",
        GoTime.of(OffsetDateTime.of(2023, 1, 2, 3, 4, 5, 120_000_000, ZoneOffset.UTC)).format());
    assertEquals(
        "2016-09-23T18:08:50.537223822Z",
        GoTime.of(OffsetDateTime.parse("2016-09-23T18:08:50.537223822Z")).format());
    assertEquals("0001-01-01T00:00:00Z", GoTime.ZERO.format());
    assertEquals(
        "0001-01-01T00:00:00Z",
        GoTime.of(OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)).format());
  }

  /** skopeo 1.9.3 printed "2020-01-01T00:00:00.5+05:00" and "...-07:30" for those offsets. */
  @Test
  void keepsNonZeroOffsetsOfJavaTimes() {
    assertEquals(
        "2020-01-01T00:00:00.5+05:00",
        GoTime.of(OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 500_000_000, ZoneOffset.ofHours(5)))
            .format());
    assertEquals(
        "2020-01-01T00:00:00-07:30",
        GoTime.of(OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(-7, -30)))
            .format());
  }

  /**
   * Offsets with seconds cannot come from RFC 3339 text; Go's time/format.go writes {@code offset /
   * 60} minutes, truncated toward zero, so the seconds are dropped.
   */
  @Test
  void dropsSecondsOfAnOffsetAsGoDoes() {
    assertEquals(
        "2020-01-01T00:00:00+05:30",
        GoTime.of(
                OffsetDateTime.of(
                    2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15)))
            .format());
    assertEquals(
        "2020-01-01T00:00:00+00:00",
        GoTime.of(OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(-30)))
            .format());
  }

  /** Go's time.Time.String(), as skopeo's {@code --format '{{.Created}}'} prints it. */
  @ParameterizedTest
  @CsvSource({
    "2020-01-02T03:04:05.5Z, 2020-01-02 03:04:05.5 +0000 UTC",
    "2020-01-02T03:04:05.500+00:00, 2020-01-02 03:04:05.5 +0000 UTC",
    "2020-01-02T03:04:05+02:00, 2020-01-02 03:04:05 +0200 +0200",
    "2020-01-02T03:04:05.123456789-07:30, 2020-01-02 03:04:05.123456789 -0730 -0730",
    "2020-01-02T03:04:05+23:59, 2020-01-02 03:04:05 +2359 +2359",
    "0001-01-01T00:00:00Z, 0001-01-01 00:00:00 +0000 UTC"
  })
  void printsStringAsGo(String text, String printed) throws GoJsonException {
    assertEquals(printed, GoTime.parse(text).toString());
  }

  @Test
  void readsMoreThanNanosecondDigitsByCuttingThem() throws GoJsonException {
    assertEquals(
        "2020-01-02T03:04:05.123456789Z",
        GoTime.parse("2020-01-02T03:04:05.1234567891234Z").format());
  }

  /** Go accepts offsets Java cannot hold (beyond ±18:00); the instant survives a round trip. */
  @ParameterizedTest
  @CsvSource({
    "2020-01-02T03:04:05.5+23:59, 2020-01-01T03:05:05.5Z",
    "2020-01-02T03:04:05+19:00, 2020-01-01T08:04:05Z",
    "2020-01-02T03:04:05-23:59, 2020-01-03T03:03:05Z",
    "2020-01-02T03:04:05+05:00, 2020-01-02T03:04:05+05:00"
  })
  void keepsOffsetsBeyondJavasRange(String text, String javaTime) throws GoJsonException {
    GoTime time = GoTime.parse(text);
    OffsetDateTime java = time.toOffsetDateTime();

    assertEquals(OffsetDateTime.parse(javaTime), java);
    assertEquals(text, GoTime.ofInstant(java.toInstant(), time.offsetSeconds()).format());
    assertEquals(time, GoTime.ofInstant(java.toInstant(), time.offsetSeconds()));
  }

  @Test
  void placesAnInstantOnAClockWithTheOffset() {
    assertEquals(
        "1970-01-01T23:59:00+23:59", GoTime.ofInstant(Instant.EPOCH, 23 * 3600 + 59 * 60).format());
  }
}
