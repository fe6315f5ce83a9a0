/**
 * Reads, checks and signs Docker schema1 manifests.
 *
 * <ul>
 *   <li>{@link dev.spyglass.manifest.schema1.Schema1Format}: the {@code ManifestFormat} provider:
 *       parses into {@link dev.spyglass.manifest.schema1.Schema1Manifest} (validation and the
 *       layer-chain fix-up of moby's {@code fixManifestLayers}), computes the canonical digest (the
 *       JWS payload's for signed manifests) and recognises schema1 bytes.
 *   <li>{@link dev.spyglass.manifest.schema1.Schema1Signatures}: verifies libtrust signatures, one
 *       {@link dev.spyglass.manifest.schema1.SignatureCheck} per signature.
 *   <li>{@link dev.spyglass.manifest.schema1.Schema1Signer}: signs an unsigned manifest with an
 *       ephemeral ES256 key, as Docker and the registry do.
 * </ul>
 *
 * <p>Everything here is stateless or immutable, thread safe, and does no I/O. Failures are {@link
 * dev.spyglass.api.InvalidManifestException}s whose {@code rule()} is stable and machine-readable.
 */
@NullMarked
package dev.spyglass.manifest.schema1;

import org.jspecify.annotations.NullMarked;
