package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LinkHeaderTest {

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of(List.of("</v2/_catalog?last=b&n=2>; rel=\"next\""), "/v2/_catalog?last=b&n=2"),
        Arguments.of(
            List.of("<https://r.example/v2/a/tags/list?last=x>; rel=next"),
            "https://r.example/v2/a/tags/list?last=x"),
        Arguments.of(List.of("<list?last=x>;rel=\"prev next\""), "list?last=x"),
        Arguments.of(List.of("<a>; rel=\"prev\", <b>; title=\"x\"; rel=\"NEXT\""), "b"),
        Arguments.of(List.of("<a>; rel=\"prev\"", "<b>; rel=\"next\""), "b"),
        Arguments.of(List.of("< spaced >; rel=next"), "spaced"),
        Arguments.of(List.of("<a>; rel=\"prev\""), ""),
        Arguments.of(List.of("<a>; rel=\"nextpage\""), ""),
        Arguments.of(List.of("garbage"), ""),
        Arguments.of(List.of(), ""));
  }

  @ParameterizedTest
  @MethodSource("headers")
  void findsTheNextTarget(List<String> values, String expected) {
    assertEquals(
        expected.isEmpty() ? Optional.empty() : Optional.of(expected), LinkHeader.next(values));
  }
}
