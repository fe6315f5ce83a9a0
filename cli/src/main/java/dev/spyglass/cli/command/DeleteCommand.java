package dev.spyglass.cli.command;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Quote;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.transport.docker.DockerReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code spyglass delete docker://HOST[:PORT]/NAME[:TAG|@DIGEST]}: deletes the image's manifest
 * from its registry, as {@code skopeo delete} does (a tag is resolved to its manifest digest first;
 * deleting the digest removes every tag pointing at it). Prints nothing on success. Only the {@code
 * docker} transport can delete; other transports are refused as a usage error.
 */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete an image (its manifest, and every tag of it) from a registry.")
final class DeleteCommand implements Callable<Integer> {
  private final Transports transports;
  private final ManifestFormats formats;

  @Mixin ImageOptionsMixin registry = new ImageOptionsMixin();

  @Parameters(
      index = "0",
      arity = "1",
      paramLabel = "IMAGE",
      description = "docker://[HOST[:PORT]/]NAME[:TAG|@DIGEST], e.g. docker://registry.example/app:1.0.")
  String image = "";

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
