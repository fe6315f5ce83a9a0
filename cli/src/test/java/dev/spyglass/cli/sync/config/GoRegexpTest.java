package dev.spyglass.cli.sync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Go's regexp syntax and skopeo's use of it ({@code regexp.MatchString}: a match anywhere in the
 * tag), translated to Java.
 */
class GoRegexpTest {

  static Stream<Arguments> matching() {
    return Stream.of(
        // skopeo-sync(1)'s example and unanchored matching.
        arguments("^1\\.13\\.[12]-alpine-perl$", "1.13.1-alpine-perl", true),
        arguments("^1\\.13\\.[12]-alpine-perl$", "1.13.2-alpine-perl", true),
        arguments("^1\\.13\\.[12]-alpine-perl$", "1.13.3-alpine-perl", false),
        arguments("^1\\.13\\.[12]-alpine-perl$", "v1.13.1-alpine-perl", false),
        arguments("1\\.13", "v1.13-alpine", true),
        arguments("alpine", "3.12-alpine", true),
        arguments("^alpine", "3.12-alpine", false),
        arguments("", "anything", true),
        arguments("a|", "x", true),
        arguments("^$", "", true),
        // Go's \s has no \x0B; \d and \w are ASCII.
        arguments("a\\sb", "a\u000bb", false),
        arguments("a\\sb", "a\tb", true),
        arguments("^\\d$", "\u0663", false),
        arguments("^\\w+$", "caf\u00e9", false),
        // POSIX classes, ] first in a class, '-' after a range, '[' inside a class.
        arguments("^[[:alpha:]]+$", "abc", true),
        arguments("^[[:alpha:]]+$", "ab1", false),
        arguments("^[[:^digit:]]+$", "abc", true),
        arguments("^[[:^digit:]]+$", "a1", false),
        arguments("^[]a]+$", "]a]", true),
        arguments("^[a-c-e]+$", "a-e", true),
        arguments("^[a-c-e]+$", "d", false),
        arguments("^[a[]+$", "a[", true),
        arguments("^[a&&b]+$", "a&", true),
        arguments("^[^a]$", "\n", true),
        // Braces that are not a repeat are literal.
        arguments("^a{,3}$", "a{,3}", true),
        arguments("^x{$", "x{", true),
        arguments("^a{01}$", "a{01}", true),
        arguments("^a{2}$", "aa", true),
        // Escapes: octal, hex, \Q...\E, \v.
        arguments("^\\101$", "A", true),
        arguments("^\\0$", "\0", true),
        arguments("^\\x41\\x{42}$", "AB", true),
        arguments("^\\Qa.b\\E$", "a.b", true),
        arguments("^\\Qa.b\\E$", "axb", false),
        arguments("^\\Qa.b", "a.b", true),
        arguments("^\\v$", "\u000b", true),
        // $ is the end of the text and . no line break, unless the flags say otherwise.
        arguments("a$", "a\n", false),
        arguments("^.$", "\n", false),
        arguments("(?s)^.$", "\n", true),
        arguments("(?m)^b$", "a\nb", true),
        arguments("^b$", "a\nb", false),
        // Case folding, scoped to its group.
        arguments("(?i)^ALPINE$", "alpine", true),
        arguments("(?i:A)b", "aB", false),
        arguments("(?i:A)b", "Ab", true),
        arguments("(?i)^[a-c]$", "B", true),
        // Word boundaries are ASCII.
        arguments("\\bv1\\b", "v1-x", true),
        arguments("\\bv1\\b", "v1x", false),
        arguments("\\Bv1", "xv1", true),
        // Unicode classes.
        arguments("^\\pL+$", "abc", true),
        arguments("^\\p{Greek}+$", "\u03b1\u03b2", true),
        arguments("^\\p{^Greek}+$", "ab", true),
        arguments("\\PL", "abc", false),
        arguments("^[\\p{Lu}]$", "A", true),
        // Named groups, both spellings; a repetition of an anchor.
        arguments("^(?P<major>[0-9]+)\\.(?<minor>[0-9]+)$", "12.3", true),
        arguments("^*a", "a", true),
        arguments("^(?:a|b)*$", "abba", true),
        arguments("^(?)a$", "a", true));
  }

  @ParameterizedTest(name = "{0} in {1}: {2}")
  @MethodSource("matching")
  void matchesAnywhereAsGoMatchString(String regex, String tag, boolean expected) {
    assertEquals(expected, ImageEntry.TagRegex.of("r", regex).matches(tag));
  }

  @Test
  void ungreedyFlagSwapsGreedyAndLazy() {
    Matcher lazy = GoRegexp.compile("(?U)a+").matcher("aaa");
    assertTrue(lazy.find());
    assertEquals("a", lazy.group());
    Matcher greedy = GoRegexp.compile("(?U)a+?").matcher("aaa");
    assertTrue(greedy.find());
    assertEquals("aaa", greedy.group());
    Matcher scoped = GoRegexp.compile("(?U:a+)a+").matcher("aaaa");
    assertTrue(scoped.find());
    assertEquals("aaaa", scoped.group());
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        arguments("(a)\\1", "invalid escape sequence: \"\\\\1\""),
        arguments("\\8", "invalid escape sequence"),
        arguments("a(?=b)", "invalid or unsupported Perl syntax"),
        arguments("a(?!b)", "invalid or unsupported Perl syntax"),
        arguments("(?<=a)b", "invalid named capture"),
        arguments("(?<!a)b", "invalid named capture"),
        arguments("(?>a)", "invalid or unsupported Perl syntax"),
        arguments("(?#c)a", "invalid or unsupported Perl syntax"),
        arguments("(?x)a", "invalid or unsupported Perl syntax"),
        arguments("(?i-)a", "invalid or unsupported Perl syntax"),
        arguments("(?P=n)", "invalid or unsupported Perl syntax"),
        arguments("(?P<1-a>x)", "invalid named capture"),
        arguments("(?P<x", "invalid named capture"),
        arguments("a*+", "invalid nested repetition operator"),
        arguments("a**", "invalid nested repetition operator"),
        arguments("a{2}*", "invalid nested repetition operator"),
        arguments("a{2}{3}", "invalid nested repetition operator"),
        arguments("a*??", "invalid nested repetition operator"),
        arguments("*a", "missing argument to repetition operator"),
        arguments("(*)", "missing argument to repetition operator"),
        arguments("a|+", "missing argument to repetition operator"),
        arguments("a{1001}", "invalid repeat count"),
        arguments("a{2,1}", "invalid repeat count"),
        arguments("a{1,1001}", "invalid repeat count"),
        arguments("\\Z", "invalid escape sequence"),
        arguments("\\G", "invalid escape sequence"),
        arguments("\\R", "invalid escape sequence"),
        arguments("\\h", "invalid escape sequence"),
        arguments("\\X", "invalid escape sequence"),
        arguments("\\e", "invalid escape sequence"),
        arguments("\\cA", "invalid escape sequence"),
        arguments("\\k<a>", "invalid escape sequence"),
        arguments("\\C", "invalid escape sequence"),
        arguments("\\x{110000}", "invalid escape sequence"),
        arguments("\\xZZ", "invalid escape sequence"),
        arguments("[\\b]", "invalid escape sequence"),
        arguments("a\\", "trailing backslash at end of expression"),
        arguments("[a", "missing closing ]"),
        arguments("[]", "missing closing ]"),
        arguments("[[:foo:]]", "invalid character class range"),
        arguments("[z-a]", "invalid character class range"),
        arguments("\\p{Foo}", "invalid character class range"),
        arguments("(a", "missing closing )"),
        arguments("a)", "unexpected )"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusesWhatGoRefuses(String regex, String reason) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GoRegexp.compile(regex));
    assertTrue(e.getMessage().startsWith(reason), e.getMessage());
  }

  @Test
  void boundsBacktrackingThatGoWouldNotNeed() {
    // Java memoises (a|a)* but not a bounded repeat: 2^n paths before it fails on the "!".
    ImageEntry.TagRegex slow = ImageEntry.TagRegex.of("r", "^(a|a){1,100}$");
    assertTrue(slow.matches("a".repeat(30)));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> slow.matches("a".repeat(30) + "!"));
    assertTrue(e.getMessage().contains("steps"), e.getMessage());
  }

  @Test
  void entriesWithTheSameRegexAreEqual() {
    assertEquals(ImageEntry.TagRegex.of("r", "^1\\."), ImageEntry.TagRegex.of("r", "^1\\."));
  }
}
