/**
 * The {@code spyglass} command line. {@link dev.spyglass.cli.Main#run} is the entry point for tests:
 * it returns the exit code ({@link dev.spyglass.cli.ExitCode}) instead of exiting. stdout carries
 * data only; progress, warnings and errors go to stderr.
 */
@NullMarked
package dev.spyglass.cli;

import org.jspecify.annotations.NullMarked;
