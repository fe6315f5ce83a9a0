/**
 * Parses Docker schema2 manifests ({@link dev.spyglass.manifest.oci.Schema2Manifest}), OCI image
 * manifests ({@link dev.spyglass.manifest.oci.OciManifest}), Docker manifest lists ({@link
 * dev.spyglass.manifest.oci.DockerManifestList}) and OCI image indexes ({@link
 * dev.spyglass.manifest.oci.OciIndex}), and decodes their image configs exactly as skopeo 1.9 does.
 *
 * <p>The formats are found through {@link java.util.ServiceLoader} as {@link
 * dev.spyglass.manifest.oci.Schema2Format} and {@link dev.spyglass.manifest.oci.OciFormat}; both
 * are stateless and thread safe, parsed values are immutable, and nothing here does I/O. Go's JSON
 * and time rules come from {@code dev.spyglass.gojson}.
 *
 * <p>Malformed input of any kind is an {@link dev.spyglass.api.InvalidManifestException}, with
 * {@code index()} the layer or list entry concerned and one of these rules:
 *
 * <ul>
 *   <li>{@code malformed-json}: not JSON as Go parses it (strict RFC 8259, no BOM), or not an
 *       object;
 *   <li>{@code field-type}: a field of the wrong JSON type, a null entry, data that is not base64;
 *   <li>{@code ambiguous-field}: a known field twice in one object, or in another letter case (Go
 *       tools would read {@code "Layers"} as {@code layers});
 *   <li>{@code ambiguous-manifest}: fields of another format (containers/image's check);
 *   <li>{@code schema-version}: {@code schemaVersion} missing or not 2;
 *   <li>{@code media-type-mismatch}: a {@code mediaType} field other than the type parsed as;
 *   <li>{@code missing-media-type}: no {@code mediaType} where required (descriptors; the top level
 *       of Docker manifests and lists);
 *   <li>{@code invalid-media-type}: a media type that is not {@code type/subtype};
 *   <li>{@code invalid-digest}, {@code invalid-size}: a descriptor digest that {@link
 *       dev.spyglass.api.Digest#parse} refuses, a size missing or negative;
 *   <li>{@code missing-config}, {@code missing-layers}, {@code missing-manifests};
 *   <li>{@code unsupported-layer-media-type}: a Docker schema2 layer of a non-Docker media type;
 *   <li>{@code entry-not-a-manifest}: a list entry whose media type is no manifest type;
 *   <li>{@code invalid-platform}: a list entry platform without os or architecture;
 *   <li>{@code unsupported-media-type}: parsed as a type the format does not handle;
 *   <li>{@code invalid-config}, {@code config-digest-mismatch}, {@code non-image-artifact}: from
 *       {@code decodeConfig} and {@code ociConfigJson}.
 * </ul>
 *
 * <p>Unknown OCI layer media types are not refused: they are kept and listed by {@link
 * dev.spyglass.manifest.oci.OciManifest#unrecognizedLayers()}.
 */
@NullMarked
package dev.spyglass.manifest.oci;

import org.jspecify.annotations.NullMarked;
