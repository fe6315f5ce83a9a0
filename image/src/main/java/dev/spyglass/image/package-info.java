/**
 * Operations that work on any transport through the {@code api} SPIs: {@link
 * dev.spyglass.image.ImageResolver} turns a source into one image (choosing a platform in lists),
 * {@link dev.spyglass.image.Inspector} gathers what {@code inspect} reports into an {@link
 * dev.spyglass.image.ImageInspection}, {@link dev.spyglass.image.PlatformMatcher} chooses the
 * entry of a list, and {@link dev.spyglass.image.ImageCopier} copies an image from a source to a
 * destination (blobs in parallel, verified, then manifests), telling a {@link
 * dev.spyglass.image.CopyListener} and returning a {@link dev.spyglass.image.CopyResult}.
 *
 * <p>All classes are immutable and thread safe; their methods block on the source's (and
 * destination's) I/O.
 */
@NullMarked
package dev.spyglass.image;

import org.jspecify.annotations.NullMarked;
