package dev.spyglass.cli.sync.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One repository of a registry in the sync file, and which of its images to copy: named tags or
 * digests ({@code images}), tags matching a regex ({@code images-by-tag-regex}) or tags that are
 * versions satisfying a constraint ({@code images-by-semver}).
 */
public sealed interface ImageEntry {

  /** The repository, as written under the registry: {@code busybox}, {@code coreos/etcd}. */
  String repository();

  /**
   * An entry of {@code images}.
   *
   * @param tagsOrDigests tags ({@code 1.0}) and digests ({@code sha256:...}), as written and
   *     checked; empty: every tag of the repository
   */
  record Tagged(String repository, List<String> tagsOrDigests) implements ImageEntry {
    public Tagged {
      Objects.requireNonNull(repository, "repository");
      tagsOrDigests = List.copyOf(tagsOrDigests);
    }

    /** Whether the entry asks for every tag of the repository (an empty list). */
    public boolean allTags() {
      return tagsOrDigests.isEmpty();
    }
  }

  /**
   * An entry of {@code images-by-tag-regex}: the tags the regex matches anywhere in them, as Go's
   * {@code regexp.MatchString} does (not anchored: {@code 1\.13} matches {@code v1.13-alpine}).
   *
   * @param regex the expression, written in Go's syntax and compiled to the equivalent Java pattern
   *     (see {@link #matches}); two entries are equal when their patterns are
   */
  record TagRegex(String repository, Pattern regex) implements ImageEntry {
    /** The most steps a match may take: Java's engine backtracks where Go's does not. */
    static final long MAX_STEPS = 10_000_000;

    public TagRegex {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(regex, "regex");
    }

    /**
     * Compiles {@code goRegex} as Go's {@code regexp.Compile} would.
     *
     * @throws IllegalArgumentException with Go's reason for refusing it
     */
    public static TagRegex of(String repository, String goRegex) {
      return new TagRegex(repository, GoRegexp.compile(goRegex));
    }

    /**
     * Whether the regex matches somewhere in {@code tag}.
     *
     * @throws IllegalStateException when the match backtracks past a bound (a regex such as {@code
     *     (a*)*b}), which Go's linear-time engine never needs
     */
    public boolean matches(String tag) {
      return regex.matcher(new Bounded(tag)).find();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof TagRegex other
          && other.repository.equals(repository)
          && other.regex.pattern().equals(regex.pattern())
          && other.regex.flags() == regex.flags();
    }

    @Override
    public int hashCode() {
      return Objects.hash(repository, regex.pattern(), regex.flags());
    }

    /** The text of a tag, counting the characters the matcher reads. */
    private static final class Bounded implements CharSequence {
      private final String text;
      private long steps;

      Bounded(String text) {
        this.text = text;
      }

      @Override
      public char charAt(int index) {
        if (++steps > MAX_STEPS) {
          throw new IllegalStateException(
              "the tag regex needs more than "
                  + MAX_STEPS
                  + " steps on a tag of "
                  + text.length()
                  + " characters");
        }
        return text.charAt(index);
      }

      @Override
      public int length() {
        return text.length();
      }

      @Override
      public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
      }

      @Override
      public String toString() {
        return text;
      }
    }
  }

  /**
   * An entry of {@code images-by-semver}: the tags that are versions satisfying the constraint
   * (skopeo 1.15's rules, see {@link SemverConstraint}); other tags are skipped.
   */
  record Semver(String repository, SemverConstraint constraint) implements ImageEntry {
    public Semver {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(constraint, "constraint");
    }

    /** Whether {@code tag} is a version that satisfies the constraint. */
    public boolean matches(String tag) {
      return constraint.matches(tag);
    }
  }
}
