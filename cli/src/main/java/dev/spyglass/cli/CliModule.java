package dev.spyglass.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Transports;
import java.io.InputStream;
import java.io.PrintStream;

/** Wires the CLI: the streams of this run, and the transports and formats found by ServiceLoader. */
final class CliModule extends AbstractModule {
  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;

  CliModule(PrintStream out, PrintStream err, InputStream in) {
    this.out = out;
    this.err = err;
    this.in = in;
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
  Transports transports() {
    return Transports.installed();
  }

  @Provides
  @Singleton
  ManifestFormats formats() {
    return ManifestFormats.installed();
  }
}
