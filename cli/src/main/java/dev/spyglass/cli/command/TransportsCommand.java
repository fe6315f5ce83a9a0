package dev.spyglass.cli.command;

import dev.spyglass.cli.plugin.Providers;
import dev.spyglass.cli.plugin.Providers.Provided;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spyglass transports}: every transport and manifest format (one line per media type) in
 * use, with where it came from, {@code built in} or the plug-in jar's path, as a table {@code NAME
 * KIND SOURCE} on stdout. Plug-ins that were skipped have said so on stderr.
 */
final class TransportsCommand implements Callable<Integer> {
  static final String NAME = "transports";

  private final Providers providers;
  private final PrintStream out;

  /** picocli's model of this command: it has only the help options. */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name(NAME);
    spec.usageMessage()
        .description("List the transports and manifest formats, built in and from plug-ins.");
    HelpOptions.addTo(spec);
    return spec;
  }

  TransportsCommand(Providers providers, PrintStream out) {
    this.providers = providers;
    this.out = out;
  }

  @Override
  public Integer call() {
    int nameWidth = "NAME".length();
    int kindWidth = "KIND".length();
    for (Provided p : providers.provided()) {
      nameWidth = Math.max(nameWidth, p.name().length());
      kindWidth = Math.max(kindWidth, p.kind().label().length());
    }
    StringBuilder table = new StringBuilder();
    row(table, nameWidth, kindWidth, "NAME", "KIND", "SOURCE");
    for (Provided p : providers.provided()) {
      row(
          table,
          nameWidth,
          kindWidth,
          p.name(),
          p.kind().label(),
          p.jar().map(Object::toString).orElse("built in"));
    }
    out.print(table);
    out.flush();
    return 0;
  }

  private static void row(
      StringBuilder table, int nameWidth, int kindWidth, String name, String kind, String source) {
    table
        .append(name)
        .append(" ".repeat(nameWidth - name.length() + 2))
        .append(kind)
        .append(" ".repeat(kindWidth - kind.length() + 2))
        .append(source)
        .append('\n');
  }
}
