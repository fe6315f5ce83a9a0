package dev.spyglass.cli.command;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.cli.output.JsonText;
import dev.spyglass.cli.output.TagListJson;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spyglass list-tags docker://HOST[:PORT]/NAME}: prints skopeo's list-tags JSON, {@code
 * {"Repository": "...", "Tags": [...]}}, with every tag of the repository (all pages) in the order
 * the registry gives them. A reference with a tag or digest is refused, as skopeo refuses it.
 */
final class ListTagsCommand implements Callable<Integer> {
  static final String NAME = "list-tags";
  static final String DOCKER = "docker";

  private final Transports transports;
  private final ManifestFormats formats;
  private final PrintStream out;

  final ImageFlags registry = new ImageFlags();
  String repository = "";

  /** picocli's model of this command, bound to its fields. */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name(NAME);
    spec.usageMessage().description("List the tags of a repository in a registry.");
    registry.addTo(spec);
    spec.addPositional(
        Binding.positional("0", "1", String.class, () -> repository, v -> repository = v)
            .paramLabel("REPOSITORY")
            .description(
                "docker://[HOST[:PORT]/]NAME, without tag or digest, e.g."
                    + " docker://registry.example/app.")
            .build());
    HelpOptions.addTo(spec);
    return spec;
  }

  ListTagsCommand(Transports transports, ManifestFormats formats, PrintStream out) {
    this.transports = transports;
    this.formats = formats;
    this.out = out;
  }

  @Override
  public Integer call() throws ImageException {
    ImageReference reference = parseRepository(transports, repository);
    List<String> tags;
    try (ImageSource source = reference.newImageSource(registry.toOptions(formats))) {
      tags = source.tags();
    }
    String name = reference.dockerName().orElseThrow();
    out.print(JsonText.indent(TagListJson.of(name, tags)) + "\n");
    out.flush();
    return ExitCode.OK;
  }

  /**
   * Parses {@code docker://NAME} and refuses anything else: another transport, or a name with a tag
   * or a digest (skopeo: "No tag or digest allowed in reference").
   *
   * @throws InvalidReferenceException quoting the text
   */
  static ImageReference parseRepository(Transports transports, String text) {
    ImageReference reference = transports.parse(text);
    if (!reference.transport().name().equals(DOCKER) || reference.dockerName().isEmpty()) {
      throw new InvalidReferenceException(
          text,
          "transport \""
              + reference.transport().name()
              + "\" cannot list tags; give docker://[HOST[:PORT]/]NAME");
    }
    // The docker grammar: an '@' starts a digest; a ':' after the last '/' starts a tag (a port is
    // only possible before the first '/'). Checked on the text, since the parsed reference gets
    // the tag "latest" when none is written.
    String name = text.substring(text.indexOf(':') + 1);
    if (name.indexOf('@') >= 0 || name.indexOf(':', name.lastIndexOf('/') + 1) >= 0) {
      throw new InvalidReferenceException(
          text, "list-tags takes a repository name without a tag or digest");
    }
    return reference;
  }
}
