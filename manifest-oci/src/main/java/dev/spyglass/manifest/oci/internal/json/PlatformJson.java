package dev.spyglass.manifest.oci.internal.json;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The platform of a list entry ({@code os.version} and {@code os.features} on the wire). {@code
 * features} (Docker lists only, CPU features) is read and dropped.
 */
public record PlatformJson(
    @Nullable String architecture,
    @Nullable String os,
    @Nullable String osVersion,
    @Nullable List<@Nullable String> osFeatures,
    @Nullable String variant,
    @Nullable List<@Nullable String> features) {}
