/** An example Spyglass transport plug-in: {@code blobdir:PATH}. */
module dev.spyglass.example.blobdir {
  requires dev.spyglass.api;

  exports dev.spyglass.example.blobdir;

  provides dev.spyglass.api.Transport with
      dev.spyglass.example.blobdir.BlobDirTransport;
}
