/** The local transports {@code dir:} (skopeo's directory format) and {@code oci:} (OCI image layout). */
module dev.spyglass.transport.layout {
  requires transitive dev.spyglass.api;
  requires com.google.gson;

  exports dev.spyglass.transport.layout;

  provides dev.spyglass.api.Transport with
      dev.spyglass.transport.layout.DirTransport,
      dev.spyglass.transport.layout.OciTransport;
}
