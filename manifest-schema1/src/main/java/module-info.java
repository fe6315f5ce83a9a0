/**
 * Docker schema1 manifests: parsing, layer-chain validation and fix-up, JWS payload digest, signing
 * and signature verification. Provides {@link dev.spyglass.manifest.schema1.Schema1Format}.
 */
@SuppressWarnings("module") // "schema1" is the format's name; the digit is not a version.
module dev.spyglass.manifest.schema1 {
  requires transitive dev.spyglass.api;
  requires dev.spyglass.gojson;
  requires com.google.gson;

  exports dev.spyglass.manifest.schema1;

  opens dev.spyglass.manifest.schema1.internal.json to
      com.google.gson;

  provides dev.spyglass.api.ManifestFormat with
      dev.spyglass.manifest.schema1.Schema1Format;
}
