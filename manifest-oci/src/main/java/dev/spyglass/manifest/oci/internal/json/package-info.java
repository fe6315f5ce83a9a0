/**
 * Not API. Wire records of Docker schema2 / OCI manifests, Docker manifest lists and OCI
 * indexes: one shape for the four, since they share their field names. Every field is nullable
 * because the wire may omit it; validation happens when they are converted to API types. {@code WireBinding} fills them.
 */
@NullMarked
package dev.spyglass.manifest.oci.internal.json;

import org.jspecify.annotations.NullMarked;
