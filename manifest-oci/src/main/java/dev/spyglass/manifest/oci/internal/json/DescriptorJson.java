package dev.spyglass.manifest.oci.internal.json;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A descriptor: config, layer, subject or list entry ({@code platform} only in list entries). The
 * base64 {@code data} is only checked to be base64, as Go's decoding does: Spyglass never uses it.
 */
public record DescriptorJson(
    @Nullable String mediaType,
    @Nullable String digest,
    @Nullable Long size,
    @Nullable List<@Nullable String> urls,
    @Nullable Map<String, @Nullable String> annotations,
    @Nullable String data,
    @Nullable String artifactType,
    @Nullable PlatformJson platform) {}
