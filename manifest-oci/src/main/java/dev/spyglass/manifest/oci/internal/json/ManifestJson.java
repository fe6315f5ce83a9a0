package dev.spyglass.manifest.oci.internal.json;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The top level of a Docker schema2 manifest, OCI image manifest, Docker manifest list or OCI
 * index. {@code config}/{@code layers} belong to image manifests, {@code manifests} to lists;
 * {@code artifactType}, {@code subject} and {@code annotations} are OCI only.
 */
public record ManifestJson(
    @Nullable Long schemaVersion,
    @Nullable String mediaType,
    @Nullable String artifactType,
    @Nullable DescriptorJson config,
    @Nullable List<@Nullable DescriptorJson> layers,
    @Nullable List<@Nullable DescriptorJson> manifests,
    @Nullable DescriptorJson subject,
    @Nullable Map<String, @Nullable String> annotations) {}
