/** Docker schema2, OCI image manifests, Docker manifest lists, OCI indexes and image configs. */
module dev.spyglass.manifest.oci {
  requires transitive dev.spyglass.api;
  requires dev.spyglass.gojson;
  requires com.google.gson;

  exports dev.spyglass.manifest.oci;

  opens dev.spyglass.manifest.oci.internal.json to
      com.google.gson;

  provides dev.spyglass.api.ManifestFormat with
      dev.spyglass.manifest.oci.Schema2Format,
      dev.spyglass.manifest.oci.OciFormat;
}
