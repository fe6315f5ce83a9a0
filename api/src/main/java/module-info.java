/**
 * The vocabulary shared by every Spyglass module and the two SPIs that make it extensible: {@link
 * dev.spyglass.api.Transport} and {@link dev.spyglass.api.ManifestFormat}.
 */
module dev.spyglass.api {
  requires transitive org.jspecify;

  exports dev.spyglass.api;

  uses dev.spyglass.api.Transport;
  uses dev.spyglass.api.ManifestFormat;
}
