package dev.spyglass.cli.sync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Masterminds/semver v3.2.1 (skopeo 1.15's), through its own test tables: constraints_test.go and
 * version_test.go, copied case by case.
 */
class SemverConstraintTest {

  @ParameterizedTest(name = "{0} on {1} is {2}")
  @MethodSource("constraintCheck")
  void checksOneConstraintAsTheLibrary(String constraint, String version, boolean expected) {
    assertEquals(expected, SemverConstraint.parse(constraint).matches(version));
  }

  @ParameterizedTest(name = "{0} on {1} is {2}")
  @MethodSource("constraintsCheck")
  void checksConstraintsAsTheLibrary(String constraint, String version, boolean expected) {
    assertEquals(expected, SemverConstraint.parse(constraint).matches(version));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("newConstraint")
  void parsesConstraintsAsTheLibrary(String input, int ors, int count, boolean error) {
    if (error) {
      assertThrows(IllegalArgumentException.class, () -> SemverConstraint.parse(input));
      return;
    }
    SemverConstraint c = SemverConstraint.parse(input);
    assertEquals(ors, c.alternativeCount());
    assertEquals(count, c.firstAlternativeSize());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rewriteRange")
  void rewritesHyphenRangesAsTheLibrary(String range, String rewritten) {
    assertEquals(rewritten, SemverConstraint.rewriteRange(range));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("newVersion")
  void readsTagsAsNewVersionDoes(String version, boolean error) {
    assertEquals(!error, SemverVersion.parse(version).isPresent());
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @MethodSource("compare")
  void comparesVersionsAsTheLibrary(String a, String b, int expected) {
    assertEquals(
        expected,
        SemverVersion.parse(a).orElseThrow().compareTo(SemverVersion.parse(b).orElseThrow()));
  }

  // TestParseConstraint (v3.2.1): what each operator parses to, seen through what it matches.
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        ">= 1.2|1.2.0|1.1.9|1.2.0 is the bound, included",
        "1.0|1.0.5|1.1.0|no operator on a partial version is ~",
        "<= 1.2|1.2.9|1.3.0|a partial bound covers its patches",
        "=< 1.2|1.2.9|1.3.0|=< is <=",
        "=> 1.2|1.2.0|1.1.9|=> is >=",
        "v1.2|1.2.7|1.3.0|v prefix in a constraint",
        "=1.5|1.5.1|1.6.0|= on a partial version is ~",
        "> 1.3|1.4.0|1.3.5|> 1.3 needs a greater minor",
        "< 1.4.1|1.4.0|1.4.1|strict",
        "< 40.50.10|40.50.9|40.50.10|strict, large numbers"
      })
  void parsesEachOperator(String constraint, String inside, String outside, String why) {
    SemverConstraint c = SemverConstraint.parse(constraint);
    assertTrue(c.matches(inside), why);
    assertFalse(c.matches(outside), why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "foo", ">= bar", "1.0 ||", "|| 1.0", ">=1.0,", "1.x.y", "=> =1.0"})
  void refusesWhatTheLibraryRefuses(String constraint) {
    assertThrows(IllegalArgumentException.class, () -> SemverConstraint.parse(constraint));
  }

  @Test
  void skopeoManPageConstraintMatchesReleasesFromTheBoundOn() {
    SemverConstraint c = SemverConstraint.parse(">= 3.12.0");
    assertTrue(c.matches("3.12.0"));
    assertTrue(c.matches("3.12.1"));
    assertTrue(c.matches("4.0.0"));
    assertTrue(c.matches("v3.13"), "a v prefix and a missing patch in a tag");
    assertTrue(c.matches("4"), "a major version alone is 4.0.0");
    assertFalse(c.matches("3.11.9"));
    assertFalse(c.matches("3.13.0-rc1"), "pre-releases only for constraints that have one");
    assertFalse(c.matches("latest"), "a tag that is not a version never matches");
    assertFalse(c.matches("3.12.0.1"), "four parts are not a version");
    assertFalse(c.matches("V3.12.0"), "only a lower-case v prefix");
    assertTrue(c.matches("3.12.0+build.5"), "build metadata is ignored");
  }

  @Test
  void preReleaseRuleIsPerConstraintAsInVersion321() {
    // v3.2.1 excludes a pre-release version from each constraint whose own version has none, even
    // inside an AND group with one that has (v3.4 looks at the whole group).
    SemverConstraint c = SemverConstraint.parse(">= 1.0.0-alpha, < 2.0.0");
    assertFalse(c.matches("1.5.0-beta"));
    assertTrue(c.matches("1.5.0"));
    assertTrue(SemverConstraint.parse(">= 1.0.0-alpha").matches("1.5.0-beta"));
  }

  @Test
  void numbersAreUnsigned64Bit() {
    assertTrue(SemverConstraint.parse("> 9223372036854775807").matches("18446744073709551615.0.0"));
    assertFalse(SemverVersion.parse("18446744073709551616").isPresent(), "overflows uint64");
  }

  @Test
  void linearOnLongRunsOfSpaces() {
    // Go's validConstraintRegex splits runs of spaces between \s* and \s+; a backtracking copy of
    // it takes exponential time on this. The rewritten one answers at once.
    String input = "1  ".repeat(300) + "!";
    long start = System.nanoTime();
    assertThrows(IllegalArgumentException.class, () -> SemverConstraint.parse(input));
    assertTrue(System.nanoTime() - start < 2_000_000_000L);
  }

  @Test
  void refusesConstraintsLongerThanTheBound() {
    String input = ">= 1.0 " + " ".repeat(SemverConstraint.MAX_LENGTH);
    assertThrows(IllegalArgumentException.class, () -> SemverConstraint.parse(input));
  }

  @Test
  void equalWhenWrittenTheSame() {
    assertEquals(SemverConstraint.parse(">= 1.2"), SemverConstraint.parse(">= 1.2"));
    assertEquals(">= 1.2", SemverConstraint.parse(">= 1.2").toString());
  }

  // constraints_test.go TestConstraintCheck (v3.2.1), 117 cases; its "" cases go through
  // parseConstraint only, which NewConstraint never reaches with an empty text.

  static Stream<Arguments> constraintCheck() {
    return Stream.of(
        arguments("=2.0.0", "1.2.3", false),
        arguments("=2.0.0", "2.0.0", true),
        arguments("=2.0", "1.2.3", false),
        arguments("=2.0", "2.0.0", true),
        arguments("=2.0", "2.0.1", true),
        arguments("4.1", "4.1.0", true),
        arguments("!=4.1.0", "4.1.0", false),
        arguments("!=4.1.0", "4.1.1", true),
        arguments("!=4.1", "4.1.0", false),
        arguments("!=4.1", "4.1.1", false),
        arguments("!=4.1", "5.1.0-alpha.1", false),
        arguments("!=4.1-alpha", "4.1.0", true),
        arguments("!=4.1", "5.1.0", true),
        arguments("<11", "0.1.0", true),
        arguments("<11", "11.1.0", false),
        arguments("<1.1", "0.1.0", true),
        arguments("<1.1", "1.1.0", false),
        arguments("<1.1", "1.1.1", false),
        arguments("<=11", "1.2.3", true),
        arguments("<=11", "12.2.3", false),
        arguments("<=11", "11.2.3", true),
        arguments("<=1.1", "1.2.3", false),
        arguments("<=1.1", "0.1.0", true),
        arguments("<=1.1", "1.1.0", true),
        arguments("<=1.1", "1.1.1", true),
        arguments(">1.1", "4.1.0", true),
        arguments(">1.1", "1.1.0", false),
        arguments(">0", "0", false),
        arguments(">0", "1", true),
        arguments(">0", "0.0.1-alpha", false),
        arguments(">0.0", "0.0.1-alpha", false),
        arguments(">0-0", "0.0.1-alpha", false),
        arguments(">0.0-0", "0.0.1-alpha", false),
        arguments(">0", "0.0.0-alpha", false),
        arguments(">0-0", "0.0.0-alpha", false),
        arguments(">0.0.0-0", "0.0.0-alpha", true),
        arguments(">1.2.3-alpha.1", "1.2.3-alpha.2", true),
        arguments(">1.2.3-alpha.1", "1.3.3-alpha.2", true),
        arguments(">11", "11.1.0", false),
        arguments(">11.1", "11.1.0", false),
        arguments(">11.1", "11.1.1", false),
        arguments(">11.1", "11.2.1", true),
        arguments(">=11", "11.1.2", true),
        arguments(">=11.1", "11.1.2", true),
        arguments(">=11.1", "11.0.2", false),
        arguments(">=1.1", "4.1.0", true),
        arguments(">=1.1", "1.1.0", true),
        arguments(">=1.1", "0.0.9", false),
        arguments(">=0", "0.0.1-alpha", false),
        arguments(">=0.0", "0.0.1-alpha", false),
        arguments(">=0-0", "0.0.1-alpha", true),
        arguments(">=0.0-0", "0.0.1-alpha", true),
        arguments(">=0", "0.0.0-alpha", false),
        arguments(">=0-0", "0.0.0-alpha", true),
        arguments(">=0.0.0-0", "0.0.0-alpha", true),
        arguments(">=0.0.0-0", "1.2.3", true),
        arguments(">=0.0.0-0", "3.4.5-beta.1", true),
        arguments("<0", "0.0.0-alpha", false),
        arguments("<0-z", "0.0.0-alpha", true),
        arguments(">=0", "0", true),
        arguments("=0", "1", false),
        arguments("*", "1", true),
        arguments("*", "4.5.6", true),
        arguments("*", "1.2.3-alpha.1", false),
        arguments("*-0", "1.2.3-alpha.1", true),
        arguments("2.*", "1", false),
        arguments("2.*", "3.4.5", false),
        arguments("2.*", "2.1.1", true),
        arguments("2.1.*", "2.1.1", true),
        arguments("2.1.*", "2.2.1", false),
        arguments("2", "1", false),
        arguments("2", "3.4.5", false),
        arguments("2", "2.1.1", true),
        arguments("2.1", "2.1.1", true),
        arguments("2.1", "2.2.1", false),
        arguments("~1.2.3", "1.2.4", true),
        arguments("~1.2.3", "1.3.4", false),
        arguments("~1.2", "1.2.4", true),
        arguments("~1.2", "1.3.4", false),
        arguments("~1", "1.2.4", true),
        arguments("~1", "2.3.4", false),
        arguments("~0.2.3", "0.2.5", true),
        arguments("~0.2.3", "0.3.5", false),
        arguments("~1.2.3-beta.2", "1.2.3-beta.4", true),
        arguments("~1.2.3-beta.2", "1.2.4-beta.2", true),
        arguments("~1.2.3-beta.2", "1.3.4-beta.2", false),
        arguments("^1.2.3", "1.8.9", true),
        arguments("^1.2.3", "2.8.9", false),
        arguments("^1.2.3", "1.2.1", false),
        arguments("^1.1.0", "2.1.0", false),
        arguments("^1.2.0", "2.2.1", false),
        arguments("^1.2.0", "1.2.1-alpha.1", false),
        arguments("^1.2.0-alpha.0", "1.2.1-alpha.1", true),
        arguments("^1.2.0-alpha.0", "1.2.1-alpha.0", true),
        arguments("^1.2.0-alpha.2", "1.2.0-alpha.1", false),
        arguments("^1.2", "1.8.9", true),
        arguments("^1.2", "2.8.9", false),
        arguments("^1", "1.8.9", true),
        arguments("^1", "2.8.9", false),
        arguments("^0.2.3", "0.2.5", true),
        arguments("^0.2.3", "0.5.6", false),
        arguments("^0.2", "0.2.5", true),
        arguments("^0.2", "0.5.6", false),
        arguments("^0.0.3", "0.0.3", true),
        arguments("^0.0.3", "0.0.4", false),
        arguments("^0.0", "0.0.3", true),
        arguments("^0.0", "0.1.4", false),
        arguments("^0.0", "1.0.4", false),
        arguments("^0", "0.2.3", true),
        arguments("^0", "1.1.4", false),
        arguments("^0.2.3-beta.2", "0.2.3-beta.4", true),
        arguments("^0.2.3-beta.2", "0.2.4-beta.2", true),
        arguments("^0.2.3-beta.2", "0.3.4-beta.2", false),
        arguments("^0.2.3-beta.2", "0.2.3-beta.2", true));
  }

  // constraints_test.go TestConstraintsCheck (v3.2.1), 118 cases.

  static Stream<Arguments> constraintsCheck() {
    return Stream.of(
        arguments("*", "1.2.3", true),
        arguments("~0.0.0", "1.2.3", true),
        arguments("0.x.x", "1.2.3", false),
        arguments("0.0.x", "1.2.3", false),
        arguments("0.0.0", "1.2.3", false),
        arguments("*", "1.2.3", true),
        arguments("^0.0.0", "1.2.3", false),
        arguments("= 2.0", "1.2.3", false),
        arguments("= 2.0", "2.0.0", true),
        arguments("4.1", "4.1.0", true),
        arguments("4.1.x", "4.1.3", true),
        arguments("1.x", "1.4", true),
        arguments("!=4.1", "4.1.0", false),
        arguments("!=4.1-alpha", "4.1.0-alpha", false),
        arguments("!=4.1-alpha", "4.1.1-alpha", false),
        arguments("!=4.1-alpha", "4.1.0", true),
        arguments("!=4.1", "5.1.0", true),
        arguments("!=4.x", "5.1.0", true),
        arguments("!=4.x", "4.1.0", false),
        arguments("!=4.1.x", "4.2.0", true),
        arguments("!=4.2.x", "4.2.3", false),
        arguments(">1.1", "4.1.0", true),
        arguments(">1.1", "1.1.0", false),
        arguments("<1.1", "0.1.0", true),
        arguments("<1.1", "1.1.0", false),
        arguments("<1.1", "1.1.1", false),
        arguments("<1.x", "1.1.1", false),
        arguments("<1.x", "0.1.1", true),
        arguments("<1.x", "2.0.0", false),
        arguments("<1.1.x", "1.2.1", false),
        arguments("<1.1.x", "1.1.500", false),
        arguments("<1.1.x", "1.0.500", true),
        arguments("<1.2.x", "1.1.1", true),
        arguments(">=1.1", "4.1.0", true),
        arguments(">=1.1", "4.1.0-beta", false),
        arguments(">=1.1", "1.1.0", true),
        arguments(">=1.1", "0.0.9", false),
        arguments("<=1.1", "0.1.0", true),
        arguments("<=1.1", "0.1.0-alpha", false),
        arguments("<=1.1-a", "0.1.0-alpha", true),
        arguments("<=1.1", "1.1.0", true),
        arguments("<=1.x", "1.1.0", true),
        arguments("<=2.x", "3.0.0", false),
        arguments("<=1.1", "1.1.1", true),
        arguments("<=1.1.x", "1.2.500", false),
        arguments("<=4.5", "3.4.0", true),
        arguments("<=4.5", "3.7.0", true),
        arguments("<=4.5", "4.6.3", false),
        arguments(">1.1, <2", "1.1.1", false),
        arguments(">1.1, <2", "1.2.1", true),
        arguments(">1.1, <3", "4.3.2", false),
        arguments(">=1.1, <2, !=1.2.3", "1.2.3", false),
        arguments(">1.1 <2", "1.1.1", false),
        arguments(">1.1 <2", "1.2.1", true),
        arguments(">1.1    <3", "4.3.2", false),
        arguments(">=1.1    <2    !=1.2.3", "1.2.3", false),
        arguments(">=1.1, <2, !=1.2.3 || > 3", "4.1.2", true),
        arguments(">=1.1, <2, !=1.2.3 || > 3", "3.1.2", false),
        arguments(">=1.1, <2, !=1.2.3 || >= 3", "3.0.0", true),
        arguments(">=1.1, <2, !=1.2.3 || > 3", "3.0.0", false),
        arguments(">=1.1, <2, !=1.2.3 || > 3", "1.2.3", false),
        arguments(">=1.1 <2 !=1.2.3", "1.2.3", false),
        arguments(">=1.1 <2 !=1.2.3 || > 3", "4.1.2", true),
        arguments(">=1.1 <2 !=1.2.3 || > 3", "3.1.2", false),
        arguments(">=1.1 <2 !=1.2.3 || >= 3", "3.0.0", true),
        arguments(">=1.1 <2 !=1.2.3 || > 3", "3.0.0", false),
        arguments(">=1.1 <2 !=1.2.3 || > 3", "1.2.3", false),
        arguments("> 1.1, <     2", "1.1.1", false),
        arguments(">   1.1, <2", "1.2.1", true),
        arguments(">1.1, <  3", "4.3.2", false),
        arguments(">= 1.1, <     2, !=1.2.3", "1.2.3", false),
        arguments("> 1.1 < 2", "1.1.1", false),
        arguments(">1.1 < 2", "1.2.1", true),
        arguments("> 1.1    <3", "4.3.2", false),
        arguments(">=1.1    < 2    != 1.2.3", "1.2.3", false),
        arguments(">= 1.1, <2, !=1.2.3 || > 3", "4.1.2", true),
        arguments(">= 1.1, <2, != 1.2.3 || > 3", "3.1.2", false),
        arguments(">= 1.1, <2, != 1.2.3 || >= 3", "3.0.0", true),
        arguments(">= 1.1, <2, !=1.2.3 || > 3", "3.0.0", false),
        arguments(">= 1.1, <2, !=1.2.3 || > 3", "1.2.3", false),
        arguments(">= 1.1 <2 != 1.2.3", "1.2.3", false),
        arguments(">= 1.1 <2 != 1.2.3 || > 3", "4.1.2", true),
        arguments(">= 1.1 <2 != 1.2.3 || > 3", "3.1.2", false),
        arguments(">= 1.1 <2 != 1.2.3 || >= 3", "3.0.0", true),
        arguments(">= 1.1 < 2 !=1.2.3 || > 3", "3.0.0", false),
        arguments(">=1.1 < 2 !=1.2.3 || > 3", "1.2.3", false),
        arguments("1.1 - 2", "1.1.1", true),
        arguments("1.5.0 - 4.5", "3.7.0", true),
        arguments("1.1-3", "4.3.2", false),
        arguments("^1.1", "1.1.1", true),
        arguments("^1.1", "4.3.2", false),
        arguments("^1.x", "1.1.1", true),
        arguments("^2.x", "1.1.1", false),
        arguments("^1.x", "2.1.1", false),
        arguments("^1.x", "1.1.1-beta1", false),
        arguments("^1.1.2-alpha", "1.2.1-beta1", true),
        arguments("^1.2.x-alpha", "1.1.1-beta1", false),
        arguments("^0.0.1", "0.0.1", true),
        arguments("^0.0.1", "0.3.1", false),
        arguments("~*", "2.1.1", true),
        arguments("~1", "2.1.1", false),
        arguments("~1", "1.3.5", true),
        arguments("~1", "1.4", true),
        arguments("~1.x", "2.1.1", false),
        arguments("~1.x", "1.3.5", true),
        arguments("~1.x", "1.4", true),
        arguments("~1.1", "1.1.1", true),
        arguments("~1.1", "1.1.1-alpha", false),
        arguments("~1.1-alpha", "1.1.1-beta", true),
        arguments("~1.1.1-beta", "1.1.1-alpha", false),
        arguments("~1.1.1-beta", "1.1.1", true),
        arguments("~1.2.3", "1.2.5", true),
        arguments("~1.2.3", "1.2.2", false),
        arguments("~1.2.3", "1.3.2", false),
        arguments("~1.1", "1.2.3", false),
        arguments("~1.3", "2.4.5", false),
        arguments("1.0.0 - 2.0.0 <=2.0.0", "1.5.0", true),
        arguments("1.0.0 - 2.0.0, <=2.0.0", "1.5.0", true));
  }

  // constraints_test.go TestNewConstraint (v3.2.1): input, ORs, ANDs in the first, error.

  static Stream<Arguments> newConstraint() {
    return Stream.of(
        arguments(">= 1.1", 1, 1, false),
        arguments(">40.50.60, < 50.70", 1, 2, false),
        arguments("2.0", 1, 1, false),
        arguments("v2.3.5-20161202202307-sha.e8fc5e5", 1, 1, false),
        arguments(">= bar", 0, 0, true),
        arguments("BAR >= 1.2.3", 0, 0, true),
        arguments(">= 1.2.3 < 2.0", 1, 2, false),
        arguments(">= 1.2.3 < 2.0 || => 3.0 < 4", 2, 2, false),
        arguments(">= 1.2.3, < 2.0", 1, 2, false),
        arguments(">= 1.2.3, < 2.0 || => 3.0, < 4", 2, 2, false),
        arguments("3 - 4 || => 3.0, < 4", 2, 2, false),
        arguments("12.3.4.1234", 0, 0, true),
        arguments("12.23.4.1234", 0, 0, true),
        arguments("12.3.34.1234", 0, 0, true),
        arguments("12.3.34 ~1.2.3", 1, 2, false),
        arguments("12.3.34~ 1.2.3", 0, 0, true),
        arguments("1.0.0 - 2.0.0, <=2.0.0", 1, 3, false));
  }

  // constraints_test.go TestRewriteRange (v3.2.1).

  static Stream<Arguments> rewriteRange() {
    return Stream.of(
        arguments("2 - 3", ">= 2, <= 3 "),
        arguments("2 - 3, 2 - 3", ">= 2, <= 3 ,>= 2, <= 3 "),
        arguments("2 - 3, 4.0.0 - 5.1", ">= 2, <= 3 ,>= 4.0.0, <= 5.1 "),
        arguments("2 - 3 4.0.0 - 5.1", ">= 2, <= 3 >= 4.0.0, <= 5.1 "),
        arguments("1.0.0 - 2.0.0 <=2.0.0", ">= 1.0.0, <= 2.0.0 <=2.0.0"));
  }

  // version_test.go TestNewVersion (v3.2.1): version, error.

  static Stream<Arguments> newVersion() {
    return Stream.of(
        arguments("1.2.3", false),
        arguments("1.2.3-alpha.01", true),
        arguments("1.2.3+test.01", false),
        arguments("1.2.3-alpha.-1", false),
        arguments("v1.2.3", false),
        arguments("1.0", false),
        arguments("v1.0", false),
        arguments("1", false),
        arguments("v1", false),
        arguments("1.2.beta", true),
        arguments("v1.2.beta", true),
        arguments("foo", true),
        arguments("1.2-5", false),
        arguments("v1.2-5", false),
        arguments("1.2-beta.5", false),
        arguments("v1.2-beta.5", false),
        arguments("\n1.2", true),
        arguments("\nv1.2", true),
        arguments("1.2.0-x.Y.0+metadata", false),
        arguments("v1.2.0-x.Y.0+metadata", false),
        arguments("1.2.0-x.Y.0+metadata-width-hypen", false),
        arguments("v1.2.0-x.Y.0+metadata-width-hypen", false),
        arguments("1.2.3-rc1-with-hypen", false),
        arguments("v1.2.3-rc1-with-hypen", false),
        arguments("1.2.3.4", true),
        arguments("v1.2.3.4", true),
        arguments("1.2.2147483648", false),
        arguments("1.2147483648.3", false),
        arguments("2147483648.3.0", false),
        arguments("12.3.4.1234", true),
        arguments("12.23.4.1234", true),
        arguments("12.3.34.1234", true),
        arguments("20221209-update-renovatejson-v4", false));
  }

  // version_test.go TestCompare (v3.2.1).

  static Stream<Arguments> compare() {
    return Stream.of(
        arguments("1.2.3", "1.5.1", -1),
        arguments("2.2.3", "1.5.1", 1),
        arguments("2.2.3", "2.2.2", 1),
        arguments("3.2-beta", "3.2-beta", 0),
        arguments("1.3", "1.1.4", 1),
        arguments("4.2", "4.2-beta", 1),
        arguments("4.2-beta", "4.2", -1),
        arguments("4.2-alpha", "4.2-beta", -1),
        arguments("4.2-alpha", "4.2-alpha", 0),
        arguments("4.2-beta.2", "4.2-beta.1", 1),
        arguments("4.2-beta2", "4.2-beta1", 1),
        arguments("4.2-beta", "4.2-beta.2", -1),
        arguments("4.2-beta", "4.2-beta.foo", -1),
        arguments("4.2-beta.2", "4.2-beta", 1),
        arguments("4.2-beta.foo", "4.2-beta", 1),
        arguments("1.2+bar", "1.2+baz", 0),
        arguments("1.0.0-beta.4", "1.0.0-beta.-2", -1),
        arguments("1.0.0-beta.-2", "1.0.0-beta.-3", -1),
        arguments("1.0.0-beta.-3", "1.0.0-beta.5", 1));
  }
}
