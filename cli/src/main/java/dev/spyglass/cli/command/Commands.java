package dev.spyglass.cli.command;

import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.plugin.Providers;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * Builds the commands with plain constructors for picocli: the streams of this run, and the
 * transports and formats (built in and from the plug-in path, loaded when a command first asks for
 * them). Everything else (mixins, converters) comes from picocli's own factory.
 */
public final class Commands implements CommandLine.IFactory {
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

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Object command = command(type);
    return command == null ? CommandLine.defaultFactory().create(type) : type.cast(command);
  }

  private @Nullable Object command(Class<?> type) {
    if (type == InspectCommand.class) {
      return new InspectCommand(transports(), formats(), out, in);
    } else if (type == ManifestDigestCommand.class) {
      return new ManifestDigestCommand(formats(), out);
    } else if (type == ListTagsCommand.class) {
      return new ListTagsCommand(transports(), formats(), out);
    } else if (type == LoginCommand.class) {
      return new LoginCommand(formats(), out, err, in);
    } else if (type == LogoutCommand.class) {
      return new LogoutCommand(out, err);
    } else if (type == CopyCommand.class) {
      return new CopyCommand(transports(), formats(), err);
    } else if (type == SyncCommand.class) {
      return new SyncCommand(transports(), formats(), err);
    } else if (type == LayersCommand.class) {
      return new LayersCommand(transports(), formats(), out);
    } else if (type == DeleteCommand.class) {
      return new DeleteCommand(transports(), formats());
    } else if (type == TransportsCommand.class) {
      return new TransportsCommand(providers(), out);
    }
    return null;
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
