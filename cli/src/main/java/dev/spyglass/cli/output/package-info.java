/** The JSON objects {@code inspect} and {@code list-tags} print, shaped as skopeo's. Not API. */
@NullMarked
package dev.spyglass.cli.output;

import org.jspecify.annotations.NullMarked;
