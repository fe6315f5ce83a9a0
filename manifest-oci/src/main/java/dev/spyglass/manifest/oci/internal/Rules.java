package dev.spyglass.manifest.oci.internal;

/**
 * The stable rule names of {@link dev.spyglass.api.InvalidManifestException#rule()} this module
 * reports; the ones other modules report too (invalid digest, unsupported media type or
 * conversion, too large) are constants of {@link dev.spyglass.api.InvalidManifestException}.
 */
public final class Rules {
  /** The bytes are not JSON, or not a JSON object. */
  public static final String MALFORMED_JSON = "malformed-json";

  /** A field holds a JSON value of the wrong type (a number where a string belongs, ...). */
  public static final String FIELD_TYPE = "field-type";

  /** A known field appears twice, or in another letter case (Go would read it; Gson would not). */
  public static final String AMBIGUOUS_FIELD = "ambiguous-field";

  /** The manifest has fields of another format (containers/image's ambiguity check). */
  public static final String AMBIGUOUS_MANIFEST = "ambiguous-manifest";

  /** {@code schemaVersion} is missing or not 2. */
  public static final String SCHEMA_VERSION = "schema-version";

  /** The {@code mediaType} field contradicts the media type the manifest is parsed as. */
  public static final String MEDIA_TYPE_MISMATCH = "media-type-mismatch";

  /** A {@code mediaType} the format requires is absent. */
  public static final String MISSING_MEDIA_TYPE = "missing-media-type";

  /** A media type is not of the form {@code type/subtype}. */
  public static final String INVALID_MEDIA_TYPE = "invalid-media-type";

  /** A size is absent or negative. */
  public static final String INVALID_SIZE = "invalid-size";

  /** An image manifest has no config descriptor. */
  public static final String MISSING_CONFIG = "missing-config";

  /** An image manifest has no layers array. */
  public static final String MISSING_LAYERS = "missing-layers";

  /** A list has no manifests array. */
  public static final String MISSING_MANIFESTS = "missing-manifests";

  /** A Docker schema2 layer has a media type outside Docker's closed set. */
  public static final String UNSUPPORTED_LAYER_MEDIA_TYPE = "unsupported-layer-media-type";

  /** A list entry points at something that is not a manifest. */
  public static final String ENTRY_NOT_A_MANIFEST = "entry-not-a-manifest";

  /** A list entry's platform lacks os or architecture. */
  public static final String INVALID_PLATFORM = "invalid-platform";

  /** The image config cannot be decoded as skopeo decodes it. */
  public static final String INVALID_CONFIG = "invalid-config";

  /** An OCI artifact's config is asked for as an image config. */
  public static final String NON_IMAGE_ARTIFACT = "non-image-artifact";

  /** The config blob passed in does not match the config descriptor's digest. */
  public static final String CONFIG_DIGEST_MISMATCH = "config-digest-mismatch";

  private Rules() {}
}
