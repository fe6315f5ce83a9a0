package dev.spyglass.gojson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link GoJson#marshal} and {@link GoJson#marshalIndent}: Go's writer, byte for byte. */
class MarshalTest {

  @Test
  void escapesStringsAsGoDoes() {
    GoValue object = GoValue.Obj.builder().put("k", "a<b>&c\u2028\u2029\b\f\n\t\"\\é=' ").build();

    assertEquals(
        "{\n  \"k\": \"a\\u003cb\\u003e\\u0026c\\u2028\\u2029\\u0008\\u000c\\n\\t\\\"\\\\é=' \"\n}",
        GoJson.marshalIndent(object, "  "));
  }

  @Test
  void writesEmptyContainersOnOneLine() {
    GoValue object =
        GoValue.Obj.builder()
            .put("o", GoValue.Obj.builder().build())
            .put("a", new GoValue.Arr(List.of()))
            .put("b", GoValue.bool(true))
            .build();

    assertEquals(
        "{\n    \"o\": {},\n    \"a\": [],\n    \"b\": true\n}",
        GoJson.marshalIndent(object, "    "));
  }

  @Test
  void indentsLikeGoMarshalIndent() {
    GoValue object =
        GoValue.Obj.builder()
            .put("Digest", "sha256:x")
            .put("RepoTags", new GoValue.Arr(List.of()))
            .put("Labels", GoValue.Obj.builder().build())
            .put("Env", GoValue.NULL)
            .put("Layers", GoValue.strings(List.of("a", "b")))
            .put("Size", GoValue.number(-12))
            .build();

    assertEquals(
        "{\n"
            + "    \"Digest\": \"sha256:x\",\n"
            + "    \"RepoTags\": [],\n"
            + "    \"Labels\": {},\n"
            + "    \"Env\": null,\n"
            + "    \"Layers\": [\n"
            + "        \"a\",\n"
            + "        \"b\"\n"
            + "    ],\n"
            + "    \"Size\": -12\n"
            + "}",
        GoJson.marshalIndent(object, "    "));
  }

  @Test
  void marshalsWithoutWhiteSpace() {
    GoValue object =
        GoValue.Obj.builder()
            .put("a", GoValue.strings(List.of("x", "y")))
            .put("b", GoValue.Obj.builder().put("c", GoValue.NULL).build())
            .build();

    assertEquals("{\"a\":[\"x\",\"y\"],\"b\":{\"c\":null}}", GoJson.marshal(object));
  }

  /** Go sorts map keys by their UTF-8 bytes: upper case before lower, U+E000 before U+1F600. */
  @Test
  void sortsMapKeysByTheirUtf8Bytes() {
    Map<String, GoValue> map = new LinkedHashMap<>();
    for (String key : List.of("b", "a", "B", "\ud83d\ude00", "\ue000", "ab", "", "_")) {
      map.put(key, GoValue.number(key.length()));
    }

    assertEquals(
        "{\"\":0,\"B\":1,\"_\":1,\"a\":1,\"ab\":2,\"b\":1,\"\ue000\":1,\"\ud83d\ude00\":2}",
        GoJson.marshal(GoValue.sortedObject(map)));
  }

  @Test
  void writesRawJsonCompactedWithHtmlEscapedButOtherEscapesAsWritten() {
    GoValue object =
        GoValue.Obj.builder()
            .put("raw", new GoValue.Raw("{ \"a\" : [1, \"\\u00e9 <\\/>\" ,\n true ] }"))
            .build();

    assertEquals(
        "{\"raw\":{\"a\":[1,\"\\u00e9 \\u003c\\/\\u003e\",true]}}", GoJson.marshal(object));
    assertEquals(
        "{\n  \"raw\": {\n    \"a\": [\n      1,\n      \"\\u00e9 \\u003c\\/\\u003e\",\n"
            + "      true\n    ],\n    \"e\": {}\n  }\n}",
        GoJson.marshalIndent(
            GoValue.Obj.builder()
                .put("raw", new GoValue.Raw("{\"a\":[1,\"\\u00e9 <\\/>\",true],\"e\":{ }}"))
                .build(),
            "  "));
  }

  /** json.NewEncoder(w) with SetEscapeHTML(false), as containers/common's json template func. */
  @Test
  void marshalsWithoutHtmlEscapingAsAnEncoderCanBeTold() {
    GoValue object =
        GoValue.Obj.builder()
            .put("a<b", "x & <y>\u2028\b")
            .put("raw", new GoValue.Raw("[\"<&>\"]"))
            .build();

    assertEquals(
        "{\"a<b\":\"x & <y>\\u2028\\u0008\",\"raw\":[\"<&>\"]}",
        GoJson.marshalWithoutHtmlEscaping(object));
    assertEquals(
        "{\"a\\u003cb\":\"x \\u0026"
            + " \\u003cy\\u003e\\u2028\\u0008\",\"raw\":[\"\\u003c\\u0026\\u003e\"]}",
        GoJson.marshal(object));
  }

  @Test
  void compactsLikeGoCompactWithHtmlEscaping() {
    assertEquals("{\"a\":\"x \\u0026 y\\n\"}", GoJson.compact("{ \"a\" :\t\"x & y\\n\" }"));
  }

  /** A decoded struct is written as json.Marshal writes it: declaration order, omitempty. */
  @Test
  void encodesADecodedStructWithOmitEmptyAndSortedMaps() throws GoJsonException {
    GoType.Struct type =
        GoType.Struct.of(
            "T",
            GoType.Field.omitEmpty("created", new GoType.Ptr(GoType.Scalar.TIME)),
            GoType.Field.omitEmpty("author", GoType.Scalar.STRING),
            GoType.Field.of("os", GoType.Scalar.STRING),
            GoType.Field.omitEmpty("Labels", new GoType.MapOf(GoType.Scalar.STRING)),
            GoType.Field.of("Env", new GoType.Slice(GoType.Scalar.STRING)));
    GoStruct decoded =
        GoJson.decode(
            GoJson.parse(
                "{\"created\":\"2020-01-02T03:04:05.50+23:59\",\"Labels\":{\"b\":\"2\",\"a\":\"1\"}}"),
            type);

    assertEquals(
        "{\"created\":\"2020-01-02T03:04:05.5+23:59\",\"os\":\"\",\"Labels\":{\"a\":\"1\",\"b\":\"2\"},"
            + "\"Env\":null}",
        GoJson.marshal(GoJson.encode(decoded)));
  }
}
