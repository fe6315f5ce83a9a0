/**
 * Provides the archive transports: {@link dev.spyglass.transport.archive.DockerArchiveTransport}
 * ({@code docker-archive:PATH[:NAME:TAG|:@INDEX]}, the {@code docker save} tarball) and {@link
 * dev.spyglass.transport.archive.OciArchiveTransport} ({@code oci-archive:PATH[:REF]}, a tar of an
 * OCI image layout), with their references {@link
 * dev.spyglass.transport.archive.DockerArchiveReference} and {@link
 * dev.spyglass.transport.archive.OciArchiveReference}.
 *
 * <p>An archive is read as untrusted input, as a registry is: opening a source makes one pass over
 * the tar's headers (refusing names with {@code ..} or absolute paths, links that leave the
 * archive, devices, FIFOs, truncated tars), and reading a blob then seeks to its entry, checked
 * against its digest; nothing is extracted or held whole in memory. A gzip-compressed archive is
 * first decompressed into a temporary file (bounded against decompression bombs). An archive is
 * written to a temporary file beside the target and renamed over it only once complete: an
 * interrupted write leaves no file under the final name. References are immutable and thread safe;
 * sources are thread safe; destinations accept blobs from several threads at once.
 */
@NullMarked
package dev.spyglass.transport.archive;

import org.jspecify.annotations.NullMarked;
