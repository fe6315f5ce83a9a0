/**
 * Provides fakes of the api's interfaces for tests: {@link dev.spyglass.testing.MemoryTransport}
 * (with {@link dev.spyglass.testing.MemoryReference}, {@link dev.spyglass.testing.MemoryImage},
 * {@link dev.spyglass.testing.MemoryImageSource} and {@link
 * dev.spyglass.testing.MemoryImageDestination}), the fake formats {@link
 * dev.spyglass.testing.TextManifestFormat} and {@link dev.spyglass.testing.OpaqueManifestFormat},
 * the shared-fixtures locator {@link dev.spyglass.testing.SharedFixtures} and the
 * exported-signature check {@link dev.spyglass.testing.ExportedSignatures}.
 *
 * <p>The in-memory types are thread safe: the copy engine reads and writes from several threads.
 * They count calls, record what was written and take injected failures, so that a test can ask
 * what happened instead of writing its own recorder.
 */
@NullMarked
package dev.spyglass.testing;

import org.jspecify.annotations.NullMarked;
