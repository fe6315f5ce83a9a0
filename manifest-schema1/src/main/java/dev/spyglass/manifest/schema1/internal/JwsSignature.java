package dev.spyglass.manifest.schema1.internal;

import dev.spyglass.gojson.GoValue;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a pretty JWS {@code signatures} array, as found: its unprotected {@code header}
 * (with {@code jwk} or {@code x5c} and {@code alg}; null when absent), and its {@code protected}
 * header and {@code signature} exactly as written (base64url).
 */
public record JwsSignature(
    int index, GoValue.@Nullable Obj header, String protectedHeader, String signature) {}
