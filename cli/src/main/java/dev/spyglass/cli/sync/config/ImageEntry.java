package dev.spyglass.cli.sync.config;

import java.util.List;
import java.util.regex.Pattern;

/** STAND-IN (replaced by branch {@code syncyaml}): one repository entry of a registry. */
public sealed interface ImageEntry {
  /** {@code images}: tags or digests; an empty list means every tag. */
  record Tagged(String repository, List<String> tagsOrDigests) implements ImageEntry {}

  /** {@code images-by-tag-regex}: tags the regex finds a match in (unanchored). */
  record TagRegex(String repository, Pattern regex) implements ImageEntry {}

  /** {@code images-by-semver}: tags that parse as versions and meet the constraint. */
  record Semver(String repository, SemverConstraint constraint) implements ImageEntry {}
}
