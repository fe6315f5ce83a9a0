/**
 * Not API. A reproduction of Go's {@code encoding/json} as skopeo 1.9 (Go 1.19) uses it: the
 * scanner ({@link dev.spyglass.manifest.oci.internal.gojson.GoJsonParser}), decoding into Go struct
 * shapes ({@link dev.spyglass.manifest.oci.internal.gojson.GoDecoder}, {@link
 * dev.spyglass.manifest.oci.internal.gojson.GoType}), {@code MarshalIndent} ({@link
 * dev.spyglass.manifest.oci.internal.gojson.GoEncoder}) and {@code time.Time} in RFC 3339 ({@link
 * dev.spyglass.manifest.oci.internal.gojson.GoTimestamp}).
 */
@NullMarked
package dev.spyglass.manifest.oci.internal.gojson;

import org.jspecify.annotations.NullMarked;
