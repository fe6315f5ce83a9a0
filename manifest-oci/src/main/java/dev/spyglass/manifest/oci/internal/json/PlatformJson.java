package dev.spyglass.manifest.oci.internal.json;

import com.google.gson.annotations.SerializedName;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The platform of a list entry. {@code features} (Docker lists only, CPU features) is read and
 * dropped.
 */
public record PlatformJson(
    @Nullable String architecture,
    @Nullable String os,
    @SerializedName("os.version") @Nullable String osVersion,
    @SerializedName("os.features") @Nullable List<@Nullable String> osFeatures,
    @Nullable String variant,
    @Nullable List<@Nullable String> features) {}
