package dev.spyglass.manifest.oci;

import java.nio.charset.StandardCharsets;

/**
 * Image configs fed to skopeo 1.9.3 (Go 1.19.8) to record what it prints. Each was written to a
 * {@code dir:} layout (blob named by its hex digest, {@code manifest.json} a schema2 or OCI
 * manifest pointing at it with the right size and digest, {@code version} = {@code Directory
 * Transport Version: 1.1}) and inspected with {@code skopeo inspect --config dir:LAYOUT} and {@code
 * skopeo inspect dir:LAYOUT}; the outputs are the expectations in {@link OciConfigJsonTest} and
 * {@link DecodeConfigTest}. The constant names the file the bytes were saved as.
 */
final class SkopeoConfigs {
  private SkopeoConfigs() {}

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** full.json */
  static final byte[] FULL =
      utf8(
          "{\"architecture\":\"amd64\",\"variant\":\"v8\",\"os\":\"linux\",\"os.version"
              + "\":\"10.0\",\"os.features\":[\"win32k\"],\"author\":\"A <a@b> & co\",\"creat"
              + "ed\":\"2023-01-02T03:04:05.120000Z\",\"docker_version\":\"20.10.1\",\"config"
              + "\":{\"Hostname\":\"h\",\"User\":\"u\",\"ExposedPorts\":{\"80/tcp\":{},\"443/"
              + "tcp\":{}},\"Env\":[\"PATH=/bin\",\"X=<y>\"],\"Entrypoint\":[\"/e\"],\"Cmd\":"
              + "[\"c\"],\"Volumes\":{\"/v\":{}},\"WorkingDir\":\"/w\",\"Labels\":{\"z\":\"1"
              + "\",\"a\":\"<>&\",\"é\":\"ü\"},\"StopSignal\":\"SIGTERM\",\"ArgsEscaped\":tru"
              + "e,\"OnBuild\":null},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:a"
              + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]},\"histor"
              + "y\":[{\"created\":\"2023-01-02T03:04:05+02:00\",\"created_by\":\"/bin/sh -c "
              + "x\",\"author\":\"me\",\"comment\":\"c\",\"empty_layer\":true},{\"created_by"
              + "\":\"y\"}],\"unknown\":1}\n");

  /** empty-object.json */
  static final byte[] EMPTY_OBJECT = utf8("{}");

  /** empty-collections.json */
  static final byte[] EMPTY_COLLECTIONS =
      utf8(
          "{\"architecture\":\"arm64\",\"os\":\"linux\",\"config\":{\"Labels\":{},\"Env"
              + "\":[]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"history\":[]}");

  /** nulls.json */
  static final byte[] NULLS =
      utf8(
          "{\"created\":null,\"architecture\":null,\"config\":{\"Labels\":null,\"Env\":"
              + "null},\"rootfs\":null,\"history\":null}");

  /** json-null.json */
  static final byte[] JSON_NULL = utf8("null");

  /** case-folding.json */
  static final byte[] CASE_FOLDING =
      utf8(
          "{\"ARCHITECTURE\":\"x\",\"Os\":\"y\",\"CONFIG\":{\"labels\":{\"b\":\"1\"},\""
              + "LABELS\":{\"a\":\"2\"},\"env\":[\"E=1\"],\"Labelſs\":{\"c\":\"3\"},\"uSeR\":"
              + "\"q\"},\"Created\":\"2020-01-01T00:00:00Z\",\"docker_VERSION\":\"dv\",\"Auth"
              + "or\":\"au\",\"rootfs\":{\"TYPE\":\"t\",\"Diff_Ids\":[\"x\"]}}");

  /** duplicate-members.json */
  static final byte[] DUPLICATE_MEMBERS =
      utf8(
          "{\"config\":{\"Env\":[\"a\",\"b\",\"c\"],\"Env\":[\"x\"],\"Env\":[null,null,"
              + "null]},\"history\":[{\"created_by\":\"a\",\"empty_layer\":true}],\"history\""
              + ":[{\"comment\":\"b\"}],\"created\":\"2020-01-01T00:00:00Z\",\"created\":null"
              + "}");

  /** escapes.json */
  static final byte[] ESCAPES =
      utf8(
          "{\"config\":{\"Labels\":{\"a\":null,\"b\":\"\\u0001\\b\\f\\u2028\\u007f\\ud8"
              + "00x\\ud83d\\ude00\\/\"}}}");

  /** key-order.json */
  static final byte[] KEY_ORDER =
      utf8(
          "{\"config\":{\"Labels\":{\"｡\":\"1\",\"\ud83d\ude00\":\"2\",\"~\":\"3\",\"é"
              + "\":\"4\",\"A\":\"5\",\"a\":\"6\",\" \":\"7\"}},\"author\":\"\u2028\u2029 tab"
              + "\\there \\u0000 = 'q' \\\"\",\"os\":\"l\\u00e9\"}");

  /** invalid-utf8.json: b'{"config":{"Labels":{"k":"a\xffb\xed\xa0\x80c\xc3"}}}' */
  static final byte[] INVALID_UTF8 = {
    123, 34, 99, 111, 110, 102, 105, 103, 34, 58, 123, 34, 76, 97, 98, 101, 108, 115, 34, 58, 123,
    34, 107, 34, 58, 34, 97, -1, 98, -19, -96, -128, 99, -61, 34, 125, 125, 125
  };

  /** times.json */
  static final byte[] TIMES =
      utf8(
          "{\"created\":\"2020-01-01T00:00:00.1234567891234-07:30\",\"history\":[{\"cre"
              + "ated\":\"2020-01-01T1:00:00,5+00:00\"},{\"created\":\"2020-01-01T00:00:00.00"
              + "0000000Z\"},{\"created\":\"0000-02-29T23:59:59.100+05:00\"}]}");

  /** docker-only-fields.json */
  static final byte[] DOCKER_ONLY_FIELDS =
      utf8(
          "{\"config\":{\"ExposedPorts\":{\"80/tcp\":null,\"53/udp\":{\"x\":1}},\"Volum"
              + "es\":{\"/data\":{}},\"StopSignal\":\"SIGKILL\",\"ArgsEscaped\":false,\"Hostn"
              + "ame\":\"ignored\"},\"container_config\":{\"Cmd\":\"not an array in v1.Image,"
              + " fine for Docker\"},\"rootfs\":{\"diff_ids\":[null]},\"history\":[null,{\"cr"
              + "eated\":null}]}");

  /** err-cmd-string.json */
  static final byte[] ERR_CMD_STRING = utf8("{\"config\":{\"Cmd\":\"x\"}}");

  /** err-port-value.json */
  static final byte[] ERR_PORT_VALUE = utf8("{\"config\":{\"ExposedPorts\":{\"80\":\"x\"}}}");

  /** err-time-escape.json */
  static final byte[] ERR_TIME_ESCAPE = utf8("{\"created\":\"2020-01-01T00:00:00\\u005a\"}");

  /** err-array.json */
  static final byte[] ERR_ARRAY = utf8("[]");

  /** err-bom.json: b'\xef\xbb\xbf{}' */
  static final byte[] ERR_BOM = {-17, -69, -65, 123, 125};

  /** err-day.json */
  static final byte[] ERR_DAY = utf8("{\"created\":\"2020-02-30T00:00:00Z\"}");

  /** err-trailing.json */
  static final byte[] ERR_TRAILING = utf8("{\"a\":1}x");

  /** err-docker-hostname.json */
  static final byte[] ERR_DOCKER_HOSTNAME = utf8("{\"config\":{\"Hostname\":5}}");

  /** err-size-float.json */
  static final byte[] ERR_SIZE_FLOAT = utf8("{\"Size\":1.5}");
}
