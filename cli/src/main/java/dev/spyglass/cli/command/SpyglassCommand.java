package dev.spyglass.cli.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/** The top-level {@code spyglass} command; it only holds the subcommands and global flags. */
public final class SpyglassCommand implements Runnable {
  /** The global option naming a plug-in directory; read by {@code Main} before picocli runs. */
  public static final String PLUGIN_PATH = "--plugin-path";

  /** The names of the subcommands, in the order help lists them. */
  public static final List<String> SUBCOMMANDS =
      List.of(
          InspectCommand.NAME,
          ManifestDigestCommand.NAME,
          ListTagsCommand.NAME,
          LoginCommand.NAME,
          LogoutCommand.NAME,
          CopyCommand.NAME,
          SyncCommand.NAME,
          LayersCommand.NAME,
          DeleteCommand.NAME,
          TransportsCommand.NAME);

  /** The subcommands that never reach a registry. */
  public static final Set<String> OFFLINE =
      Set.of(ManifestDigestCommand.NAME, LogoutCommand.NAME, TransportsCommand.NAME);

  boolean debug;
  @Nullable Duration commandTimeout;
  List<Path> pluginPath = new ArrayList<>();
  private @Nullable CommandSpec spec;

  /** picocli's model of this command, bound to this object's fields. */
  public CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("spyglass");
    spec.versionProvider(new VersionProvider());
    spec.usageMessage().description("Inspect, verify and copy container images in registries.");
    spec.addOption(
        Binding.option(boolean.class, () -> debug, v -> debug = v, "--debug")
            .scopeType(ScopeType.INHERIT)
            .description("Log requests and responses (credentials redacted) and show stack traces.")
            .build());
    spec.addOption(
        Binding.option(
                Duration.class,
                () -> commandTimeout,
                v -> commandTimeout = v,
                CommandDeadline.OPTION)
            .scopeType(ScopeType.INHERIT)
            .paramLabel("DURATION")
            .converters(new GoDuration.Converter())
            .description(
                "Fail the command if it has not finished in this time (Go syntax: 90s, 1m30s,"
                    + " 500ms; 0, the default, for no limit).")
            .build());
    spec.addOption(
        Binding.listOption(Path.class, () -> pluginPath, v -> pluginPath = v, PLUGIN_PATH)
            .paramLabel("DIR")
            .description(
                "Load the plug-in jars of DIR too (repeatable; searched before"
                    + " SPYGLASS_PLUGIN_PATH, or ~/.local/share/spyglass/plugins when that is"
                    + " unset).")
            .build());
    HelpOptions.addTo(spec);
    this.spec = spec;
    return spec;
  }

  @Override
  public void run() {
    if (spec == null) {
      throw new IllegalStateException("run before spec()");
    }
    throw new ParameterException(spec.commandLine(), "a command is required");
  }
}
