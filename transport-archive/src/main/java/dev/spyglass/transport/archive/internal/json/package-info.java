/** Not API: Gson wire classes of {@code manifest.json}, image configs and {@code index.json}. */
@NullMarked
package dev.spyglass.transport.archive.internal.json;

import org.jspecify.annotations.NullMarked;
