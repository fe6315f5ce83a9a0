package dev.spyglass.transport.docker.internal.json;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of {@code GET /v2/NAME/tags/list}: {@code {"name":"...","tags":[...]}}. */
public record TagsJson(@Nullable String name, @Nullable List<@Nullable String> tags) {}
