package dev.spyglass.cli.command;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code spyglass} command; it only holds the subcommands and global flags. */
@Command(
    name = "spyglass",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Inspect, verify and copy container images in registries.")
public final class SpyglassCommand implements Runnable {
  /** The global option naming a plug-in directory; read by {@code Main} before picocli runs. */
  public static final String PLUGIN_PATH = "--plugin-path";

  /** The subcommands, in the order help lists them. */
  public static final List<Class<?>> SUBCOMMANDS =
      List.of(
          InspectCommand.class,
          ManifestDigestCommand.class,
          ListTagsCommand.class,
          LoginCommand.class,
          LogoutCommand.class,
          CopyCommand.class,
          SyncCommand.class,
          LayersCommand.class,
          DeleteCommand.class,
          TransportsCommand.class);

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Log requests and responses (credentials redacted) and show stack traces.")
  boolean debug;

  @Option(
      names = CommandDeadline.OPTION,
      scope = ScopeType.INHERIT,
      paramLabel = "DURATION",
      converter = GoDuration.Converter.class,
      description =
          "Fail the command if it has not finished in this time (Go syntax: 90s, 1m30s, 500ms;"
              + " 0, the default, for no limit).")
  java.time.@org.jspecify.annotations.Nullable Duration commandTimeout;

  @Option(
      names = PLUGIN_PATH,
      paramLabel = "DIR",
      description =
          "Load the plug-in jars of DIR too (repeatable; searched before SPYGLASS_PLUGIN_PATH,"
              + " or ~/.local/share/spyglass/plugins when that is unset).")
  List<java.nio.file.Path> pluginPath = new java.util.ArrayList<>();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
