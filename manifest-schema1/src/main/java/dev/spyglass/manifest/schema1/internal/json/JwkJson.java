package dev.spyglass.manifest.schema1.internal.json;

import org.jspecify.annotations.Nullable;

/**
 * A public JSON Web Key as libtrust writes it: members in alphabetical order, only those of the key
 * type ({@code crv, kid, kty, x, y} for EC; {@code e, kid, kty, n} for RSA). Null members are left
 * out.
 */
public record JwkJson(
    @Nullable String crv,
    @Nullable String e,
    String kid,
    String kty,
    @Nullable String n,
    @Nullable String x,
    @Nullable String y) {}
