package dev.spyglass.manifest.oci;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.gojson.GoTime;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code decodeConfig} against what {@code skopeo inspect dir:LAYOUT} (skopeo 1.9.3) printed for
 * the configs of {@link SkopeoConfigs} in a schema2 and in an OCI layout: Created (formatted by
 * {@link GoTime}), DockerVersion, Architecture, Os, Labels and Env, null where skopeo printed null;
 * or failure where skopeo exited with "level=fatal".
 */
class DecodeConfigTest {

  static Stream<Arguments> skopeoInspections() {
    return Stream.of(
        inspected(
            "schema2",
            "full",
            SkopeoConfigs.FULL,
            "2023-01-02T03:04:05.12Z",
            "20.10.1",
            "amd64",
            "linux",
            Map.ofEntries(Map.entry("a", "<>&"), Map.entry("z", "1"), Map.entry("é", "ü")),
            List.of("PATH=/bin", "X=<y>")),
        inspected(
            "schema2",
            "empty-object",
            SkopeoConfigs.EMPTY_OBJECT,
            "0001-01-01T00:00:00Z",
            "",
            "",
            "",
            null,
            null),
        inspected(
            "schema2",
            "empty-collections",
            SkopeoConfigs.EMPTY_COLLECTIONS,
            "0001-01-01T00:00:00Z",
            "",
            "arm64",
            "linux",
            Map.ofEntries(),
            List.of()),
        inspected(
            "schema2",
            "nulls",
            SkopeoConfigs.NULLS,
            "0001-01-01T00:00:00Z",
            "",
            "",
            "",
            null,
            null),
        inspected(
            "schema2",
            "json-null",
            SkopeoConfigs.JSON_NULL,
            "0001-01-01T00:00:00Z",
            "",
            "",
            "",
            null,
            null),
        inspected(
            "schema2",
            "case-folding",
            SkopeoConfigs.CASE_FOLDING,
            "2020-01-01T00:00:00Z",
            "dv",
            "x",
            "y",
            Map.ofEntries(Map.entry("a", "2"), Map.entry("b", "1")),
            List.of("E=1")),
        inspected(
            "schema2",
            "duplicate-members",
            SkopeoConfigs.DUPLICATE_MEMBERS,
            "2020-01-01T00:00:00Z",
            "",
            "",
            "",
            null,
            List.of("x", "b", "c")),
        inspected(
            "schema2",
            "escapes",
            SkopeoConfigs.ESCAPES,
            "0001-01-01T00:00:00Z",
            "",
            "",
            "",
            Map.ofEntries(
                Map.entry("a", ""), Map.entry("b", "\u0001\b\f\u2028\u007f�x\ud83d\ude00/")),
            null),
        inspected(
            "schema2",
            "key-order",
            SkopeoConfigs.KEY_ORDER,
            "0001-01-01T00:00:00Z",
            "",
            "",
            "lé",
            Map.ofEntries(
                Map.entry(" ", "7"),
                Map.entry("A", "5"),
                Map.entry("a", "6"),
                Map.entry("~", "3"),
                Map.entry("é", "4"),
                Map.entry("｡", "1"),
                Map.entry("\ud83d\ude00", "2")),
            null),
        inspected(
            "schema2",
            "invalid-utf8",
            SkopeoConfigs.INVALID_UTF8,
            "0001-01-01T00:00:00Z",
            "",
            "",
            "",
            Map.ofEntries(Map.entry("k", "a�b���c�")),
            null),
        inspected(
            "schema2",
            "times",
            SkopeoConfigs.TIMES,
            "2020-01-01T00:00:00.123456789-07:30",
            "",
            "",
            "",
            null,
            null),
        inspected(
            "schema2",
            "docker-only-fields",
            SkopeoConfigs.DOCKER_ONLY_FIELDS,
            "0001-01-01T00:00:00Z",
            "",
            "",
            "",
            null,
            null),
        inspected(
            "schema2",
            "err-cmd-string",
            SkopeoConfigs.ERR_CMD_STRING,
            "0001-01-01T00:00:00Z",
            "",
            "",
            "",
            null,
            null),
        failure("schema2", "err-port-value", SkopeoConfigs.ERR_PORT_VALUE),
        failure("schema2", "err-time-escape", SkopeoConfigs.ERR_TIME_ESCAPE),
        failure("schema2", "err-array", SkopeoConfigs.ERR_ARRAY),
        failure("schema2", "err-bom", SkopeoConfigs.ERR_BOM),
        failure("schema2", "err-day", SkopeoConfigs.ERR_DAY),
        failure("schema2", "err-trailing", SkopeoConfigs.ERR_TRAILING),
        failure("schema2", "err-docker-hostname", SkopeoConfigs.ERR_DOCKER_HOSTNAME),
        failure("schema2", "err-size-float", SkopeoConfigs.ERR_SIZE_FLOAT),
        inspected(
            "oci",
            "full",
            SkopeoConfigs.FULL,
            "2023-01-02T03:04:05.12Z",
            "20.10.1",
            "amd64",
            "linux",
            Map.ofEntries(Map.entry("a", "<>&"), Map.entry("z", "1"), Map.entry("é", "ü")),
            List.of("PATH=/bin", "X=<y>")),
        inspected("oci", "empty-object", SkopeoConfigs.EMPTY_OBJECT, null, "", "", "", null, null),
        inspected(
            "oci",
            "empty-collections",
            SkopeoConfigs.EMPTY_COLLECTIONS,
            null,
            "",
            "arm64",
            "linux",
            Map.ofEntries(),
            List.of()),
        inspected("oci", "nulls", SkopeoConfigs.NULLS, null, "", "", "", null, null),
        inspected("oci", "json-null", SkopeoConfigs.JSON_NULL, null, "", "", "", null, null),
        inspected(
            "oci",
            "case-folding",
            SkopeoConfigs.CASE_FOLDING,
            "2020-01-01T00:00:00Z",
            "dv",
            "x",
            "y",
            Map.ofEntries(Map.entry("a", "2"), Map.entry("b", "1")),
            List.of("E=1")),
        inspected(
            "oci",
            "duplicate-members",
            SkopeoConfigs.DUPLICATE_MEMBERS,
            null,
            "",
            "",
            "",
            null,
            List.of("x", "b", "c")),
        inspected(
            "oci",
            "escapes",
            SkopeoConfigs.ESCAPES,
            null,
            "",
            "",
            "",
            Map.ofEntries(
                Map.entry("a", ""), Map.entry("b", "\u0001\b\f\u2028\u007f�x\ud83d\ude00/")),
            null),
        inspected(
            "oci",
            "key-order",
            SkopeoConfigs.KEY_ORDER,
            null,
            "",
            "",
            "lé",
            Map.ofEntries(
                Map.entry(" ", "7"),
                Map.entry("A", "5"),
                Map.entry("a", "6"),
                Map.entry("~", "3"),
                Map.entry("é", "4"),
                Map.entry("｡", "1"),
                Map.entry("\ud83d\ude00", "2")),
            null),
        inspected(
            "oci",
            "invalid-utf8",
            SkopeoConfigs.INVALID_UTF8,
            null,
            "",
            "",
            "",
            Map.ofEntries(Map.entry("k", "a�b���c�")),
            null),
        inspected(
            "oci",
            "times",
            SkopeoConfigs.TIMES,
            "2020-01-01T00:00:00.123456789-07:30",
            "",
            "",
            "",
            null,
            null),
        inspected(
            "oci",
            "docker-only-fields",
            SkopeoConfigs.DOCKER_ONLY_FIELDS,
            null,
            "",
            "",
            "",
            null,
            null),
        failure("oci", "err-cmd-string", SkopeoConfigs.ERR_CMD_STRING),
        failure("oci", "err-port-value", SkopeoConfigs.ERR_PORT_VALUE),
        failure("oci", "err-time-escape", SkopeoConfigs.ERR_TIME_ESCAPE),
        failure("oci", "err-array", SkopeoConfigs.ERR_ARRAY),
        failure("oci", "err-bom", SkopeoConfigs.ERR_BOM),
        failure("oci", "err-day", SkopeoConfigs.ERR_DAY),
        failure("oci", "err-trailing", SkopeoConfigs.ERR_TRAILING),
        failure("oci", "err-docker-hostname", SkopeoConfigs.ERR_DOCKER_HOSTNAME),
        failure("oci", "err-size-float", SkopeoConfigs.ERR_SIZE_FLOAT));
  }

  private static Arguments inspected(
      String kind,
      String name,
      byte[] config,
      @Nullable String created,
      String dockerVersion,
      String architecture,
      String os,
      @Nullable Map<String, String> labels,
      @Nullable List<String> env) {
    return Arguments.of(
        kind, name, config, new Inspected(created, dockerVersion, architecture, os, labels, env));
  }

  private static Arguments failure(String kind, String name, byte[] config) {
    return Arguments.of(kind, name, config, null);
  }

  /** The fields of skopeo's inspect output that come from the config. */
  record Inspected(
      @Nullable String created,
      String dockerVersion,
      String architecture,
      String os,
      @Nullable Map<String, String> labels,
      @Nullable List<String> env) {}

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("skopeoInspections")
  void reportsWhatSkopeoInspectReports(
      String kind, String name, byte[] config, @Nullable Inspected expected) {
    if (expected == null) {
      InvalidManifestException e =
          assertThrows(
              InvalidManifestException.class,
              () -> ConfigManifests.forConfig(kind, config).decodeConfig(config));
      assertEquals("invalid-config", e.rule());
      return;
    }
    ImageConfig actual;
    try {
      actual = ConfigManifests.forConfig(kind, config).decodeConfig(config);
    } catch (InvalidManifestException e) {
      throw new AssertionError("skopeo inspected " + name + " but decodeConfig failed", e);
    }
    assertAll(
        () ->
            assertEquals(
                expected.created(),
                actual.created() == null
                    ? null
                    : GoTime.ofInstant(actual.created().toInstant(), actual.createdOffsetSeconds())
                        .format()),
        () -> assertEquals(expected.dockerVersion(), actual.dockerVersion()),
        () -> assertEquals(expected.architecture(), actual.architecture()),
        () -> assertEquals(expected.os(), actual.os()),
        () -> assertEquals(expected.labels(), actual.labels()),
        () -> assertEquals(expected.env(), actual.env()));
  }

  /**
   * skopeo 1.9.3 printed "Created": "2023-01-02T03:04:05+18:30" for this config; Java's offsets
   * stop at ±18:00, so Spyglass gives the same instant in UTC (a documented difference) while
   * {@code ociConfigJson} still prints it as skopeo does.
   */
  @Test
  void givesTimesWithOffsetsBeyondEighteenHoursInUtc() throws InvalidManifestException {
    byte[] config = "{\"created\":\"2023-01-02T03:04:05+18:30\"}".getBytes(StandardCharsets.UTF_8);
    for (String kind : List.of("schema2", "oci")) {
      ImageManifest manifest = ConfigManifests.forConfig(kind, config);
      assertEquals(
          OffsetDateTime.of(2023, 1, 1, 8, 34, 5, 0, ZoneOffset.UTC),
          manifest.decodeConfig(config).created());
      assertTrue(
          manifest.ociConfigJson(config).contains("\"created\": \"2023-01-02T03:04:05+18:30\""));
    }
  }
}
