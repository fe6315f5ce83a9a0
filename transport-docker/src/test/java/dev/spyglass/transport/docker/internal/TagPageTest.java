package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One page of a tag list, read without reflection. The expectations are what Gson's binding of the
 * page to a record gave before (checked against Gson 2.13.2), except that a {@code name} which is
 * not a string is now ignored, as skopeo ignores {@code name} altogether.
 */
class TagPageTest {

  static Stream<Arguments> pages() {
    return Stream.of(
        Arguments.of("", List.of()),
        Arguments.of("  \n", List.of()),
        Arguments.of("null", List.of()),
        Arguments.of("{}", List.of()),
        Arguments.of("{\"name\":\"x\"}", List.of()),
        Arguments.of("{\"tags\":null}", List.of()),
        Arguments.of("{\"tags\":[]}", List.of()),
        Arguments.of("{\"tags\":[\"a\",null,\"b\"]}", List.of("a", "b")),
        Arguments.of("{\"tags\":[1,true,2.50,007]}", List.of("1", "true", "2.50", "007")),
        Arguments.of("{\"tags\":[\"a\"],\"tags\":[\"b\"]}", List.of("b")),
        Arguments.of("{\"tags\":[\"a\"],\"tags\":null}", List.of()),
        Arguments.of("{'tags':['a',b]}", List.of("a", "b")),
        Arguments.of(")]}'\n{\"tags\":[\"a\"]}", List.of("a")),
        Arguments.of("{\"name\":{\"x\":[1,2]},\"tags\":[\"z\"],\"extra\":true}", List.of("z")));
  }

  @ParameterizedTest
  @MethodSource("pages")
  void readsThePageAsGsonDid(String page, List<String> tags) throws IOException {
    assertEquals(tags, TagPage.tags(page));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"tags\":[\"a\"]} x",
        "{\"tags\":[\"a\"]}{}",
        "{\"tags\":\"a\"}",
        "[\"a\"]",
        "\"a\"",
        "{\"tags\":[[\"a\"]]}",
        "{\"tags\":[{}]}",
        "<html></html>",
        "{\"tags\":[\"a\"]"
      })
  void refusesWhatGsonRefused(String page) {
    Exception e =
        assertThrows(Exception.class, () -> TagPage.tags(page), "no failure for " + page);
    if (!(e instanceof JsonParseException
        || e instanceof IllegalStateException
        || e instanceof IOException)) {
      throw new AssertionError("a failure TagLister does not turn into its message: " + e, e);
    }
  }
}
