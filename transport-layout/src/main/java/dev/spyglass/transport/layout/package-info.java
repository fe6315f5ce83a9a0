/**
 * Provides the local transports: {@link dev.spyglass.transport.layout.DirTransport} ({@code
 * dir:PATH}, skopeo's directory format) and {@link dev.spyglass.transport.layout.OciTransport}
 * ({@code oci:PATH[:REF]}, an OCI image layout 1.0), with their references {@link
 * dev.spyglass.transport.layout.DirReference} and {@link
 * dev.spyglass.transport.layout.OciReference}.
 *
 * <p>Both read and write images. Reads are bounded and verified like network reads. Writes are
 * atomic: every file is written to a temporary file in its final directory and renamed only once
 * complete and verified, and the manifest the reference names is written last. References are
 * immutable and thread safe; sources are thread safe; destinations accept blobs from several
 * threads at once.
 */
@NullMarked
package dev.spyglass.transport.layout;

import org.jspecify.annotations.NullMarked;
