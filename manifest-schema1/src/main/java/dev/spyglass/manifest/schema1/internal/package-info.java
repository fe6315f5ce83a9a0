/** Not API. Schema1 parsing, layer-chain fix-up, JWS envelopes, keys and Go-compatible JSON. */
@NullMarked
package dev.spyglass.manifest.schema1.internal;

import org.jspecify.annotations.NullMarked;
