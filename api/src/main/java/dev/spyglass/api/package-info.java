/**
 * Defines the vocabulary of Spyglass: {@link dev.spyglass.api.Digest}, {@link
 * dev.spyglass.api.Descriptor}, {@link dev.spyglass.api.Platform}, {@link
 * dev.spyglass.api.ImageReference}, {@link dev.spyglass.api.ImageSource}, {@link
 * dev.spyglass.api.Manifest}, the typed exceptions rooted at {@link
 * dev.spyglass.api.ImageException}, and the two service-provider interfaces {@link
 * dev.spyglass.api.Transport} and {@link dev.spyglass.api.ManifestFormat}.
 *
 * <p>Value types are immutable records and safe to share between threads. Nothing in this package
 * does network I/O by itself; an {@link dev.spyglass.api.ImageSource} may, and says so.
 */
@NullMarked
package dev.spyglass.api;

import org.jspecify.annotations.NullMarked;
