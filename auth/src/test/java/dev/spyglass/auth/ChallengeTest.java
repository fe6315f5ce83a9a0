package dev.spyglass.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengeTest {

  private static List<Challenge> parse(String... values) {
    return Challenge.parse(List.of(values));
  }

  @Test
  void parsesRegistryBearerChallenge() {
    List<Challenge> c =
        parse(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                + "scope=\"repository:library/busybox:pull\"");
    assertEquals(
        List.of(
            new Challenge(
                "bearer",
                Map.of(
                    "realm", "https://auth.example/token",
                    "service", "registry.example",
                    "scope", "repository:library/busybox:pull"))),
        c);
  }

  @Test
  void keepsCommasInsideQuotedScope() {
    Challenge c = parse("Bearer realm=\"https://a/t\",scope=\"repository:a/b:pull,push\"").get(0);
    assertEquals("repository:a/b:pull,push", c.param("scope").orElseThrow());
    assertEquals("https://a/t", c.param("realm").orElseThrow());
  }

  @Test
  void unescapesQuotedPairs() {
    Challenge c = parse("Basic realm=\"a\\\"b\\\\c\\d\"").get(0);
    assertEquals("a\"b\\cd", c.param("realm").orElseThrow());
  }

  @Test
  void lowercasesSchemeAndParameterNamesButNotValues() {
    Challenge c = parse("BEARER Realm=\"https://A/T\", SERVICE=Reg").get(0);
    assertEquals("bearer", c.scheme());
    assertEquals(Map.of("realm", "https://A/T", "service", "Reg"), c.params());
    assertEquals("Reg", c.param("Service").orElseThrow());
  }

  @Test
  void parsesSeveralChallengesInOneValue() {
    List<Challenge> c =
        parse(
            "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic"
                + " realm=\"simple\"");
    assertEquals(2, c.size());
    assertEquals(
        new Challenge(
            "newauth", Map.of("realm", "apps", "type", "1", "title", "Login to \"apps\"")),
        c.get(0));
    assertEquals(new Challenge("basic", Map.of("realm", "simple")), c.get(1));
  }

  @Test
  void parsesChallengesAcrossSeveralValues() {
    List<Challenge> c = parse("Basic realm=\"one\"", "Bearer realm=\"https://t\"");
    assertEquals(List.of("basic", "bearer"), c.stream().map(Challenge::scheme).toList());
  }

  @Test
  void parsesToken68AndBareSchemes() {
    List<Challenge> c = parse("Negotiate, NTLM YWJj+/de==, Basic realm=x");
    assertEquals(3, c.size());
    assertEquals(new Challenge("negotiate", Map.of()), c.get(0));
    assertEquals("YWJj+/de==", c.get(1).token68().orElseThrow());
    assertEquals(Map.of("", "YWJj+/de=="), c.get(1).params());
    assertTrue(c.get(2).token68().isEmpty());
    assertEquals("x", c.get(2).param("realm").orElseThrow());
  }

  @Test
  void toleratesWhitespaceAroundEqualsAndEmptyListElements() {
    List<Challenge> c = parse(" , Bearer realm = \"https://t\" ,, service=\tsvc ,  ");
    assertEquals(
        List.of(new Challenge("bearer", Map.of("realm", "https://t", "service", "svc"))), c);
  }

  @Test
  void acceptsEmptyQuotedValue() {
    assertEquals("", parse("Basic realm=\"\"").get(0).param("realm").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer realm=\"unterminated, Basic realm=\"x\"",
        "Bearer realm=https://unquoted/url, Basic realm=\"ok\"",
        "Bearer realm=\"a\" service=\"missing comma\", Basic realm=\"ok\"",
        "Bearer realm=\"a\", realm=\"twice\", Basic realm=\"ok\"",
        "Bearer\"x\", Basic realm=\"ok\"",
        "Bearer realm=\"a\", service=, Basic realm=\"ok\"",
        "Bearer realm=\"a\", service=\"b\"\"c\", Basic realm=\"ok\"",
        "Bearer abc==, realm=\"token68 then param\", Basic realm=\"ok\"",
        "@@@, Basic realm=\"ok\"",
      })
  void skipsMalformedChallengeAndKeepsTheOthers(String header) {
    List<Challenge> c = parse(header, "Other k=v");
    List<String> schemes = c.stream().map(Challenge::scheme).toList();
    if (header.startsWith("Bearer realm=\"unterminated")) {
      // An unterminated quote swallows the rest of its value; the next value still parses.
      assertEquals(List.of("other"), schemes);
    } else {
      assertEquals(List.of("basic", "other"), schemes);
      assertEquals("ok", c.get(0).param("realm").orElseThrow());
    }
  }

  @Test
  void skipsJunkListElementsBetweenChallenges() {
    List<Challenge> c = parse("Bearer realm=\"a\", =junk, Basic realm=\"ok\"");
    assertEquals(
        List.of(
            new Challenge("bearer", Map.of("realm", "a")),
            new Challenge("basic", Map.of("realm", "ok"))),
        c);
  }

  @Test
  void readsParameterWithEmptyTokenValueAsToken68() {
    // "realm=" is a valid token68 by the grammar; it is not a realm parameter.
    Challenge c = parse("Bearer realm=").get(0);
    assertEquals("realm=", c.token68().orElseThrow());
    assertTrue(c.param("realm").isEmpty());
  }

  @Test
  void returnsNothingForEmptyOrBlankValues() {
    assertEquals(List.of(), parse("", "   ", ",,"));
    assertEquals(List.of(), Challenge.parse(List.of()));
  }

  @Test
  void constructorLowercasesAndRejectsDuplicateNames() {
    assertEquals(
        new Challenge("basic", Map.of("realm", "r")), new Challenge("Basic", Map.of("REALM", "r")));
    assertThrows(
        IllegalArgumentException.class, () -> new Challenge("basic", Map.of("a", "1", "A", "2")));
    assertThrows(IllegalArgumentException.class, () -> new Challenge(" ", Map.of()));
  }
}
