/**
 * The archive transports {@code docker-archive:} (the {@code docker save} tarball) and {@code
 * oci-archive:} (a tar of an OCI image layout), read and written as streams.
 */
module dev.spyglass.transport.archive {
  requires transitive dev.spyglass.api;
  requires dev.spyglass.transport.layout;
  requires com.google.gson;

  exports dev.spyglass.transport.archive;

  opens dev.spyglass.transport.archive.internal.json to
      com.google.gson;

  provides dev.spyglass.api.Transport with
      dev.spyglass.transport.archive.DockerArchiveTransport,
      dev.spyglass.transport.archive.OciArchiveTransport;
}
