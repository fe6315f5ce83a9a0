package dev.spyglass.cli.command;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Quote;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.transport.docker.DockerReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spyglass delete docker://HOST[:PORT]/NAME[:TAG|@DIGEST]}: deletes the image's manifest
 * from its registry, as {@code skopeo delete} does (a tag is resolved to its manifest digest first;
 * deleting the digest removes every tag pointing at it). Prints nothing on success. Only the {@code
 * docker} transport can delete; other transports are refused as a usage error.
 */
final class DeleteCommand implements Callable<Integer> {
  static final String NAME = "delete";

  private final Transports transports;
  private final ManifestFormats formats;

  final ImageFlags registry = new ImageFlags();
  String image = "";

  /** picocli's model of this command, bound to its fields. */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name(NAME);
    spec.usageMessage()
        .description("Delete an image (its manifest, and every tag of it) from a registry.");
    registry.addTo(spec);
    spec.addPositional(
        Binding.positional("0", "1", String.class, () -> image, v -> image = v)
            .paramLabel("IMAGE")
            .description(
                "docker://[HOST[:PORT]/]NAME[:TAG|@DIGEST], e.g."
                    + " docker://registry.example/app:1.0.")
            .build());
    HelpOptions.addTo(spec);
    return spec;
  }

  DeleteCommand(Transports transports, ManifestFormats formats) {
    this.transports = transports;
    this.formats = formats;
  }

  @Override
  public Integer call() throws ImageException {
    DockerReference reference = parseImage(transports, image);
    reference.deleteImage(registry.toOptions(formats));
    return ExitCode.OK;
  }

  /**
   * Parses {@code image} and refuses every transport but {@code docker}.
   *
   * @throws UsageException naming the transport
   */
  static DockerReference parseImage(Transports transports, String text) {
    ImageReference reference = transports.parse(text);
    if (reference instanceof DockerReference docker) {
      return docker;
    }
    throw new UsageException(
        "cannot delete "
            + Quote.of(text)
            + ": transport \""
            + reference.transport().name()
            + "\" does not support deleting images; only docker:// images can be deleted");
  }
}
