package dev.spyglass.manifest.oci.internal.gojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every case was checked against skopeo 1.9.3: a config {@code {"created":"TEXT"}} in a {@code
 * dir:} layout, {@code skopeo inspect --config dir:LAYOUT} printed {@code "created": "PRINTED"} or
 * failed with "parsing time ...".
 */
class GoTimestampTest {

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
    "0000-01-01T00:00:00Z, 0000-01-01T00:00:00Z",
    "2020-01-01T00:00:00+18:01, 2020-01-01T00:00:00+18:01",
    "2020-01-01T00:00:00+24:00, 2020-01-01T00:00:00+24:00",
    "2020-01-01T00:00:00+99:99, 2020-01-01T00:00:00+100:39"
  })
  void printsTimesAsSkopeoDoes(String text, String printed) throws GoJsonException {
    assertEquals(printed, GoTimestamp.parseRfc3339(text).format());
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
        "2020-01-01T00:00:00.-1Z"
      })
  void refusesTimesSkopeoRefuses(String text) {
    assertThrows(GoJsonException.class, () -> GoTimestamp.parseRfc3339(text));
  }

  @ParameterizedTest
  @CsvSource({
    "2020-01-01T24:00:00Z, hour out of range",
    "2020-02-30T00:00:00Z, day out of range",
    "2020-01-01T00:00:00+0100, 'cannot parse \"+0100\" as \"Z07:00\"'"
  })
  void explainsWhyATimeIsRefused(String text, String reason) {
    GoJsonException e = assertThrows(GoJsonException.class, () -> GoTimestamp.parseRfc3339(text));
    assertEquals(reason, e.getMessage());
  }
}
