/**
 * Provides {@link dev.spyglass.testing.contract.TransportContract}, the abstract JUnit 5 suite any
 * {@link dev.spyglass.api.Transport} extends to check the promises the api's {@link
 * dev.spyglass.api.ImageSource}, {@link dev.spyglass.api.ImageDestination} and {@link
 * dev.spyglass.api.ImageReference} make: content verified against digests, nothing visible before
 * it is complete, close semantics, concurrent blob writes, manifests round-tripped by the
 * reference and by digest. Its checks are the {@code @Test} default methods of sealed interfaces,
 * one per promise ({@link dev.spyglass.testing.contract.BlobChecks}, {@link
 * dev.spyglass.testing.contract.VisibilityChecks}, ...), which only that class implements. The
 * image they write is a {@link dev.spyglass.testing.contract.ContractImage}, OCI by default; a
 * transport that stores another kind supplies its own.
 */
@NullMarked
package dev.spyglass.testing.contract;

import org.jspecify.annotations.NullMarked;
