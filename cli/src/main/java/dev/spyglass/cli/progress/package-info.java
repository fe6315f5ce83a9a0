/**
 * The progress of a {@code copy} on stderr: plain lines, or a block redrawn on a terminal. Not API.
 */
@NullMarked
package dev.spyglass.cli.progress;

import org.jspecify.annotations.NullMarked;
