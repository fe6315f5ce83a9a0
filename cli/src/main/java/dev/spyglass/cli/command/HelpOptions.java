package dev.spyglass.cli.command;

import picocli.CommandLine.Model.CommandSpec;

/**
 * picocli's standard {@code -h, --help} and {@code -V, --version}, with its descriptions. Added by
 * hand: picocli's own {@code mixinStandardHelpOptions} builds them from an annotated class.
 */
final class HelpOptions {
  private boolean usageHelpRequested;
  private boolean versionHelpRequested;

  private HelpOptions() {}

  /**
   * Adds both options to {@code spec}; last, as picocli adds its standard ones. A subcommand's
   * {@code --version} prints the version too (without a provider of its own it printed nothing).
   */
  static void addTo(CommandSpec spec) {
    if (spec.versionProvider() == null) {
      spec.versionProvider(new VersionProvider());
    }
    HelpOptions help = new HelpOptions();
    spec.addOption(
        Binding.option(
                boolean.class,
                () -> help.usageHelpRequested,
                v -> help.usageHelpRequested = v,
                "-h",
                "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        Binding.option(
                boolean.class,
                () -> help.versionHelpRequested,
                v -> help.versionHelpRequested = v,
                "-V",
                "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
  }
}
