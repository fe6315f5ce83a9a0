package dev.spyglass.manifest.schema1.internal.json;

/** The unprotected header of a libtrust signature: the signer's key and the algorithm. */
public record JwsHeaderJson(JwkJson jwk, String alg) {}
