package dev.spyglass.gojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Go's one rule for repeated keys: {@code json.Unmarshal} decodes members in document order, so the
 * last member matching a struct field (exactly or under Go's case folding) wins, maps keep the last
 * value of a key, and later objects merge into earlier structs and maps.
 */
class DuplicateKeysTest {
  private static final GoType.Struct IMAGE =
      GoType.Struct.of(
          "Image",
          GoType.Field.of("author", GoType.Scalar.STRING),
          GoType.Field.of("Env", new GoType.Slice(GoType.Scalar.STRING)),
          GoType.Field.of("Labels", new GoType.MapOf(GoType.Scalar.STRING)),
          GoType.Field.of(
              "config",
              new GoType.Ptr(
                  GoType.Struct.of(
                      "Config",
                      GoType.Field.of("User", GoType.Scalar.STRING),
                      GoType.Field.of("WorkingDir", GoType.Scalar.STRING)))));

  private static GoStruct decode(String json) throws GoJsonException {
    return GoJson.decode(GoJson.parse(json), IMAGE);
  }

  @Test
  void parsingKeepsEveryMemberInOrder() throws GoJsonException {
    GoValue.Obj object = (GoValue.Obj) GoJson.parse("{\"a\":1,\"A\":2,\"a\":3}");

    assertEquals(
        List.of("a", "A", "a"), object.members().stream().map(GoValue.Member::name).toList());
  }

  @Test
  void lastMatchingMemberWinsIgnoringCase() throws GoJsonException {
    assertEquals(
        "c", decode("{\"author\":\"a\",\"AUTHOR\":\"b\",\"Author\":\"c\"}").string("author"));
    assertEquals("a", decode("{\"AUTHOR\":\"b\",\"author\":\"a\"}").string("author"));
  }

  /** Go folds only ASCII letters, plus s as U+017F and k as U+212A. */
  @Test
  void foldsCaseAsGoDoes() throws GoJsonException {
    assertEquals(
        "x", decode("{\"author\":\"a\",\"\u017fomething\":1,\"AUTHOR\":\"x\"}").string("author"));
    assertEquals("", decode("{\"\u0131author\":\"turkish i\"}").string("author"));
    assertEquals(true, GoJson.foldEquals("kind", "\u212Aind"));
    assertEquals(false, GoJson.foldEquals("id", "\u0131d"));
  }

  @Test
  void nullLeavesAStringAsItWasButResetsAPointerSliceOrMap() throws GoJsonException {
    GoStruct image =
        decode(
            "{\"author\":\"a\",\"author\":null,\"Env\":[\"x\"],\"Env\":null,"
                + "\"config\":{\"User\":\"u\"},\"config\":null}");

    assertEquals("a", image.string("author"));
    assertEquals(true, image.slice("Env").isNil());
    assertNull(image.struct("config"));
  }

  @Test
  void laterObjectsMergeIntoStructsAndMaps() throws GoJsonException {
    GoStruct image =
        decode(
            "{\"config\":{\"User\":\"u\"},\"CONFIG\":{\"WorkingDir\":\"/w\"},"
                + "\"Labels\":{\"a\":\"1\",\"b\":\"2\"},\"labels\":{\"b\":\"3\"}}");

    GoStruct config = image.struct("config");
    assertEquals("u", config.string("User"));
    assertEquals("/w", config.string("WorkingDir"));
    assertEquals(Map.of("a", "1", "b", "3"), image.map("Labels"));
  }

  @Test
  void aLaterShorterArrayKeepsTheFirstElementsItOverwrites() throws GoJsonException {
    GoStruct image = decode("{\"Env\":[\"a\",\"b\",\"c\"],\"Env\":[null,\"y\"]}");

    assertEquals(List.of("a", "y"), image.slice("Env").elements());
  }

  @Test
  void decodesOneFieldWithTheSameRule() throws GoJsonException {
    GoValue json = GoJson.parse("{\"Os\":\"linux\",\"os\":\"windows\",\"OS\":null}");

    assertEquals("windows", GoJson.decodeField(json, "os", GoType.Scalar.STRING));
  }

  @Test
  void mergesTheObjectsOfAPointerToStructField() throws GoJsonException {
    GoValue.Obj json =
        (GoValue.Obj)
            GoJson.parse(
                "{\"config\":{\"User\":\"old\"},\"config\":null,\"Config\":{\"User\":\"u\"},"
                    + "\"config\":{\"WorkingDir\":\"/w\"}}");

    GoValue.Obj config = GoJson.decodeObjectField(json, "config").orElseThrow();

    assertEquals("{\"User\":\"u\",\"WorkingDir\":\"/w\"}", GoJson.marshal(config));
    assertEquals(Optional.empty(), GoJson.decodeObjectField(json, "absent"));
    GoJsonException e =
        assertThrows(
            GoJsonException.class,
            () ->
                GoJson.decodeObjectField((GoValue.Obj) GoJson.parse("{\"config\":[]}"), "config"));
    assertEquals(List.of("config"), e.path());
  }

  @Test
  void mapLookupsTakeTheLastMemberOfExactlyThatName() throws GoJsonException {
    GoValue.Obj json = (GoValue.Obj) GoJson.parse("{\"k\":1,\"K\":2,\"k\":3}");

    assertEquals(Optional.of(new GoValue.Num("3")), json.get("k"));
    assertEquals(Optional.of(new GoValue.Num("2")), json.get("K"));
    assertEquals(Optional.of(new GoValue.Num("3")), json.lastMatch("K"));
    assertEquals(Map.of("k", "3", "K", "2"), GoJson.rawMembers("{\"k\":1,\"K\":2,\"k\":3}"));
  }

  @Test
  void refusalsNameThePathAndTheValue() throws GoJsonException {
    GoJsonException e =
        assertThrows(GoJsonException.class, () -> decode("{\"Labels\":{\"a\":\"1\",\"b\":2}}"));

    assertEquals("field Labels[\"b\"]: value is a number 2, expected a string", e.getMessage());
    assertEquals(List.of("Labels", "b"), e.path());
    assertEquals(Optional.of(new GoValue.Num("2")), e.found());
  }
}
