package dev.spyglass.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.plugin.PluginLoader;
import dev.spyglass.cli.plugin.PluginPath;
import dev.spyglass.cli.plugin.Providers;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Wires the CLI: the streams of this run, and the transports and formats found by ServiceLoader,
 * built in and from the plug-in path (loaded when a command first asks for them).
 */
final class CliModule extends AbstractModule {
  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final PluginPath pluginPath;

  CliModule(PrintStream out, PrintStream err, InputStream in, PluginPath pluginPath) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.pluginPath = pluginPath;
  }

  @Provides
  @Named("out")
  PrintStream out() {
    return out;
  }

  @Provides
  @Named("err")
  PrintStream err() {
    return err;
  }

  @Provides
  @Named("in")
  InputStream in() {
    return in;
  }

  @Provides
  @Singleton
  Providers providers() {
    return PluginLoader.load(pluginPath, err);
  }

  @Provides
  Transports transports(Providers providers) {
    return providers.transports();
  }

  @Provides
  ManifestFormats formats(Providers providers) {
    return providers.formats();
  }
}
