/**
 * The source file of {@code sync --src yaml}, skopeo's format: {@link
 * dev.spyglass.cli.sync.config.SyncConfig} reads it with the position of every value, and refuses
 * unknown keys and invalid repositories, tags, digests, tag regexes ({@link
 * dev.spyglass.cli.sync.config.ImageEntry.TagRegex}, Go's RE2 syntax) and semver constraints
 * ({@link dev.spyglass.cli.sync.config.SemverConstraint}, Masterminds/semver v3) before any
 * request. Not API.
 */
@NullMarked
package dev.spyglass.cli.sync.config;

import org.jspecify.annotations.NullMarked;
