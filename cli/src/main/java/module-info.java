/** The {@code spyglass} command: picocli commands wired by Guice over the Spyglass libraries. */
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
  requires com.google.guice;
  // Guice is an automatic module: it cannot declare that it needs Guava, so this module does.
  requires com.google.common;
  requires jakarta.inject;
  requires info.picocli;
  // sync --src yaml reads skopeo's YAML file as nodes with positions.
  requires org.snakeyaml.engine;
  requires java.logging;
  requires jdk.unsupported;

  exports dev.spyglass.cli;

  // Guice reads CliModule's @Provides methods and builds ErrorReporter.
  opens dev.spyglass.cli to
      com.google.guice;
  // picocli reads the commands' and mixins' annotated fields; Guice builds the commands.
  opens dev.spyglass.cli.command to
      info.picocli,
      com.google.guice;

  uses dev.spyglass.api.Transport;
  uses dev.spyglass.api.ManifestFormat;
}
