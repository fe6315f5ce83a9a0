/**
 * Operations that work on any transport through the {@code api} SPIs: {@link
 * dev.spyglass.image.ImageResolver} turns a source into one image (choosing a platform in lists),
 * {@link dev.spyglass.image.Inspector} gathers what {@code inspect} reports into an {@link
 * dev.spyglass.image.ImageInspection}, and {@link dev.spyglass.image.PlatformMatcher} chooses the
 * entry of a list.
 *
 * <p>All classes are immutable and thread safe; their methods block on the source's I/O.
 */
@NullMarked
package dev.spyglass.image;

import org.jspecify.annotations.NullMarked;
