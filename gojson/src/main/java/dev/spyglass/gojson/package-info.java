/**
 * Reproduces Go's {@code encoding/json} and {@code time} as skopeo 1.9 (Go 1.19) uses them, so that
 * what Spyglass reads agrees with Go tools and what it prints and writes is byte-identical.
 *
 * <p>{@link dev.spyglass.gojson.GoJson} is the entry point: {@code parse} into a {@link
 * dev.spyglass.gojson.GoValue} tree (every member kept, duplicates included), {@code decode} into a
 * {@link dev.spyglass.gojson.GoStruct} of a {@link dev.spyglass.gojson.GoType} shape with Go's
 * rules (the last member matching a field wins, case folded as Go does), {@code marshal} and {@code
 * marshalIndent} a tree byte for byte as Go writes it, {@code quote} a string as Go escapes it.
 * {@link dev.spyglass.gojson.GoTime} is a {@code time.Time} in RFC 3339: parsed as {@code
 * time.Parse} accepts it, formatted as {@code MarshalJSON} and {@code String()} print it, with its
 * offset as written. Errors are {@link dev.spyglass.gojson.GoJsonException}s.
 *
 * <p>Everything here is pure computation: no I/O, no state. Values are immutable and thread safe,
 * except {@link dev.spyglass.gojson.GoStruct} and {@link dev.spyglass.gojson.GoSlice}, which a
 * decoding fills and which are not to be shared while it runs.
 */
@NullMarked
package dev.spyglass.gojson;

import org.jspecify.annotations.NullMarked;
