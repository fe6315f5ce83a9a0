/**
 * Not API. The machinery behind {@link dev.spyglass.gojson.GoJson}: Go 1.19's scanner ({@link
 * dev.spyglass.gojson.internal.Parser}), its writer ({@link dev.spyglass.gojson.internal.Writer}),
 * its key folding and ordering ({@link dev.spyglass.gojson.internal.Names}) and UTF-8 rules.
 */
@NullMarked
package dev.spyglass.gojson.internal;

import org.jspecify.annotations.NullMarked;
