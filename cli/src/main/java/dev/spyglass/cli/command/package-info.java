/**
 * The picocli commands of {@code spyglass}, their option groups and their usage errors. Not API.
 */
@NullMarked
package dev.spyglass.cli.command;

import org.jspecify.annotations.NullMarked;
