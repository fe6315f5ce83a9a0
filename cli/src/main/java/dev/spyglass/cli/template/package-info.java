/** A strict subset of Go's {@code text/template}, for {@code inspect --format}. Not API. */
@NullMarked
package dev.spyglass.cli.template;

import org.jspecify.annotations.NullMarked;
