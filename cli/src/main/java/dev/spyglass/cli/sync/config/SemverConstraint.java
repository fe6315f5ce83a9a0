package dev.spyglass.cli.sync.config;

/** STAND-IN (replaced by branch {@code syncyaml}): a Masterminds semver constraint. */
public interface SemverConstraint {
  /** Whether {@code tag} parses as a version and meets the constraint. */
  boolean matches(String tag);
}
