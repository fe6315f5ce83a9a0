package dev.spyglass.manifest.schema1.internal.json;

/**
 * The protected header libtrust signs: how many bytes of the manifest the payload shares with it,
 * the payload's remaining bytes (base64url), and the signing time (RFC 3339, seconds, UTC).
 */
public record ProtectedHeaderJson(int formatLength, String formatTail, String time) {}
