package dev.spyglass.manifest.schema1.internal;

import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a pretty JWS {@code signatures} array, as found: its unprotected {@code header}
 * (with {@code jwk} or {@code x5c} and {@code alg}; null when absent), and its {@code protected}
 * header and {@code signature} exactly as written (base64url).
 */
public record JwsSignature(
    int index, @Nullable JsonObject header, String protectedHeader, String signature) {}
