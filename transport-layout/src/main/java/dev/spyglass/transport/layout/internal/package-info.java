/** Not API: atomic file writes, bounded manifest reads and the OCI index update. */
@NullMarked
package dev.spyglass.transport.layout.internal;

import org.jspecify.annotations.NullMarked;
