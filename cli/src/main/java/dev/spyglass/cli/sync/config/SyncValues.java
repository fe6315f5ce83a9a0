package dev.spyglass.cli.sync.config;

import dev.spyglass.api.Digest;
import dev.spyglass.api.DockerName;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Quote;
import dev.spyglass.api.RegistryNames;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks of the values of a sync source, apart from where they stand in the file: registries,
 * repositories, tags and digests, tag regexes and semver constraints. Each says what is wrong in
 * words the reader puts at the value's position.
 */
final class SyncValues {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private SyncValues() {}

  /** Why {@code registry} ({@code HOST[:PORT]}) is not a registry, if it is not. */
  static Optional<String> registryProblem(String registry) {
    try {
      RegistryNames.parse(registry);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Why {@code repository} of {@code registry} is not as skopeo checks {@code REGISTRY/REPO}. */
  static Optional<String> repositoryProblem(String registry, String repository) {
    String where = "repository " + Quote.of(repository) + " of registry " + Quote.of(registry);
    if (repository.indexOf(':') >= 0 || repository.indexOf('@') >= 0) {
      return Optional.of(
          "invalid "
              + where
              + ": it must name a repository, without a tag or digest (list those under it)");
    }
    try {
      DockerName.parse(registry + "/" + repository);
    } catch (InvalidReferenceException e) {
      return Optional.of("invalid " + where + ": " + e.reason());
    }
    return Optional.empty();
  }

  /** Why {@code ref}, listed under {@code repository}, is neither a tag nor a digest. */
  static Optional<String> refProblem(String repository, String ref) {
    if (ref.indexOf(':') >= 0) {
      // skopeo tries a digest first; a tag cannot hold ':'.
      try {
        Digest.parse(ref);
      } catch (IllegalArgumentException e) {
        return Optional.of("invalid digest of " + repoName(repository) + ": " + e.getMessage());
      }
    } else if (!TAG.matcher(ref).matches()) {
      return Optional.of(
          "invalid tag "
              + Quote.of(ref)
              + " of "
              + repoName(repository)
              + ": a tag is 1 to 128 letters, digits, '_', '.' or '-', not starting with '.'"
              + " or '-'");
    }
    return Optional.empty();
  }

  /**
   * The entry for the tags of {@code repository} that {@code regex} (Go's syntax) matches.
   *
   * @throws IllegalArgumentException saying why the regex is invalid
   */
  static ImageEntry tagRegex(String repository, String regex) {
    try {
      return ImageEntry.TagRegex.of(repository, regex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid tag regex "
              + Quote.of(regex)
              + " of "
              + repoName(repository)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The entry for the tags of {@code repository} that the semver constraint {@code text} allows.
   *
   * @throws IllegalArgumentException saying why the constraint is invalid
   */
  static ImageEntry semver(String repository, String text) {
    try {
      return new ImageEntry.Semver(repository, SemverConstraint.parse(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid semver constraint "
              + Quote.of(text)
              + " of "
              + repoName(repository)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  static String repoName(String repository) {
    return "repository " + Quote.of(repository);
  }
}
