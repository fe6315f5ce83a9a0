/** Not API: the tar reader and writer, archive files and Docker names of the archive transports. */
@NullMarked
package dev.spyglass.transport.archive.internal;

import org.jspecify.annotations.NullMarked;
