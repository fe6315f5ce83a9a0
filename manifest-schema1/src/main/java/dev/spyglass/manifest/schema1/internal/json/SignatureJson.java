package dev.spyglass.manifest.schema1.internal.json;

import com.google.gson.annotations.SerializedName;

/** One entry of a pretty JWS {@code signatures} array, in libtrust's member order. */
public record SignatureJson(
    JwsHeaderJson header, String signature, @SerializedName("protected") String protectedHeader) {}
