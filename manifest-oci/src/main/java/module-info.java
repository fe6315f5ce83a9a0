/** Docker schema2, OCI image manifests, Docker manifest lists, OCI indexes and image configs. */
module dev.spyglass.manifest.oci {
  requires transitive dev.spyglass.api;
  requires dev.spyglass.gojson;

  exports dev.spyglass.manifest.oci;

  provides dev.spyglass.api.ManifestFormat with
      dev.spyglass.manifest.oci.Schema2Format,
      dev.spyglass.manifest.oci.OciFormat;
}
