/**
 * Not API. Manifest reading and validation, media type guessing and image config decoding behind
 * {@code dev.spyglass.manifest.oci}.
 */
@NullMarked
package dev.spyglass.manifest.oci.internal;

import org.jspecify.annotations.NullMarked;
