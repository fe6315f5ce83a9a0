package dev.spyglass.cli.command;

import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.plugin.Providers;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds the subcommands with plain constructors, handing each the streams of this run and the
 * transports and formats (built in and from the plug-in path, loaded when a command first asks for
 * them), and gives picocli's model of each, built in code.
 */
public final class Commands {
  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final Supplier<Providers> loader;
  private @Nullable Providers providers;

  public Commands(PrintStream out, PrintStream err, InputStream in, Supplier<Providers> providers) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.loader = providers;
  }

  /**
   * A new subcommand's model, bound to the new command.
   *
   * @param name one of {@link SpyglassCommand#SUBCOMMANDS}
   * @throws IllegalArgumentException for any other name
   */
  public CommandSpec spec(String name) {
    return switch (name) {
      case InspectCommand.NAME -> new InspectCommand(transports(), formats(), out, in).spec();
      case ManifestDigestCommand.NAME -> new ManifestDigestCommand(formats(), out).spec();
      case ListTagsCommand.NAME -> new ListTagsCommand(transports(), formats(), out).spec();
      case LoginCommand.NAME -> new LoginCommand(formats(), out, err, in).spec();
      case LogoutCommand.NAME -> new LogoutCommand(out, err).spec();
      case CopyCommand.NAME -> new CopyCommand(transports(), formats(), err).spec();
      case SyncCommand.NAME -> new SyncCommand(transports(), formats(), err).spec();
      case LayersCommand.NAME -> new LayersCommand(transports(), formats(), out).spec();
      case DeleteCommand.NAME -> new DeleteCommand(transports(), formats()).spec();
      case TransportsCommand.NAME -> new TransportsCommand(providers(), out).spec();
      default -> throw new IllegalArgumentException("no subcommand \"" + name + "\"");
    };
  }

  private Providers providers() {
    Providers loaded = providers;
    if (loaded == null) {
      loaded = loader.get();
      providers = loaded;
    }
    return loaded;
  }

  private Transports transports() {
    return providers().transports();
  }

  private ManifestFormats formats() {
    return providers().formats();
  }
}
