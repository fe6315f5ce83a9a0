/**
 * Provides {@link dev.spyglass.testing.registry.RegistryDispatcher}, a MockWebServer {@code
 * Dispatcher} that acts as a Docker Registry HTTP API v2 (manifests, blobs, uploads, tags,
 * optional auth challenges) and records what it was asked, and {@link
 * dev.spyglass.testing.registry.MockRegistry}, which starts one on the loopback address.
 *
 * <p>This package names MockWebServer and OkHttp types in its API: it is a test kit for HTTP code,
 * and those are the types such tests hold.
 */
@NullMarked
package dev.spyglass.testing.registry;

import org.jspecify.annotations.NullMarked;
