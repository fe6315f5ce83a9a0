package dev.spyglass.cli.command;

import dev.spyglass.cli.Main;
import picocli.CommandLine;

/**
 * Reports the version: the module's (on the module path), else the jar manifest's (on the class
 * path), else "development".
 */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    Module module = Main.class.getModule();
    String version =
        module.getDescriptor() != null && module.getDescriptor().rawVersion().isPresent()
            ? module.getDescriptor().rawVersion().get()
            : Main.class.getPackage().getImplementationVersion();
    return new String[] {"spyglass " + (version == null ? "development" : version)};
  }
}
