/** The {@code spyglass} command: picocli commands, built with plain constructors, over the Spyglass libraries. */
module dev.spyglass.cli {
  requires dev.spyglass.api;
  requires dev.spyglass.gojson;
  requires dev.spyglass.auth;
  requires dev.spyglass.image;
  // login checks credentials with DockerTransport.checkLogin.
  requires dev.spyglass.transport.docker;
  // sync names OCI layouts whose paths hold a colon with OciTransport.reference.
  requires dev.spyglass.transport.layout;
  requires dev.spyglass.manifest.schema1;
  requires com.google.gson;
  requires info.picocli;
  // sync --src yaml reads skopeo's YAML file as nodes with positions.
  requires org.snakeyaml.engine;
  requires java.logging;
  // Gson needs it to build objects without a no-argument constructor, and declares it only
  // `requires static`: this puts it in the module graph.
  requires jdk.unsupported;

  exports dev.spyglass.cli;

  uses dev.spyglass.api.Transport;
  uses dev.spyglass.api.ManifestFormat;
}
