/**
 * The {@code spyglass} command line. {@link dev.spyglass.cli.Main#run} is the entry point for
 * tests: it returns the exit code ({@link dev.spyglass.cli.ExitCode}) instead of exiting. stdout
 * carries data only; progress, warnings and errors go to stderr.
 *
 * <p>This package holds the start-up (Main, debug logging) and the reporting of
 * failures (ErrorReporter, ExitCode); the rest lives in internal packages: {@code command} (the
 * picocli commands and their option groups), {@code template} (the {@code --format} engine), {@code
 * progress} and {@code output}.
 */
@NullMarked
package dev.spyglass.cli;

import org.jspecify.annotations.NullMarked;
