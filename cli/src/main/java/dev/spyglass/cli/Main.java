package dev.spyglass.cli;

import dev.spyglass.cli.command.CommandDeadline;
import dev.spyglass.cli.command.Commands;
import dev.spyglass.cli.command.SpyglassCommand;
import dev.spyglass.cli.plugin.PluginLoader;
import dev.spyglass.cli.plugin.PluginPath;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code spyglass}. Only {@link #main} exits the JVM; {@link #run} returns the exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    StartupWarmUp.startFor(subcommandsFor(args));
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(out, err, args);
    out.flush();
    System.exit(code);
  }

  /** Runs one command with the given streams and returns its exit code ({@link ExitCode}). */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(System.in, out, err, args);
  }

  /** As {@link #run(PrintStream, PrintStream, String...)}, with {@code in} as standard input. */
  public static int run(java.io.InputStream in, PrintStream out, PrintStream err, String... args) {
    return run(in, out, err, System.getenv(), args);
  }

  /**
   * As {@link #run(java.io.InputStream, PrintStream, PrintStream, String...)}, reading {@code
   * SPYGLASS_PLUGIN_PATH}, {@code XDG_DATA_HOME} and {@code HOME} from {@code env}.
   */
  public static int run(
      java.io.InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      String... args) {
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    DebugLogging.configure(debug, err);
    PluginPath pluginPath =
        PluginPath.of(pluginPaths(args), env, System.getProperty("user.home", ""));
    Commands commands = new Commands(out, err, in, () -> PluginLoader.load(pluginPath, err));
    CommandLine cli = commandLine(commands, args);
    ErrorReporter errors = new ErrorReporter(err);
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
        .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
        .setExecutionExceptionHandler(
            (e, commandLine, parseResult) -> errors.report(e, debug, commandLine.getCommand()))
        .setParameterExceptionHandler(errors::reportUsage)
        .setExecutionStrategy(new CommandDeadline());
    int code = cli.execute(args);
    out.flush();
    return code;
  }

  /**
   * picocli's model of {@code spyglass} with the subcommands {@code args} need, built in code: the
   * commands carry no annotations, since reading them (a proxy class spun per annotation type, a
   * reflective binding per field) was a third of a command's start-up.
   */
  static CommandLine commandLine(Commands commands, String[] args) {
    CommandLine cli = new CommandLine(new SpyglassCommand().spec());
    for (String name : subcommandsFor(args)) {
      cli.addSubcommand(new CommandLine(commands.spec(name)));
    }
    return cli;
  }

  /**
   * Only the subcommand the arguments name (its first argument that is not an option or a global
   * option's value): building one model per subcommand, when picocli read them from annotations,
   * was a fifth of a command's start-up. All of them when none or an unknown one is named, for help
   * and for picocli's suggestions.
   */
  private static List<String> subcommandsFor(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals(SpyglassCommand.PLUGIN_PATH) || arg.equals(CommandDeadline.OPTION)) {
        i++; // its value
        continue;
      }
      if (arg.startsWith("-")) {
        continue;
      }
      if (SpyglassCommand.SUBCOMMANDS.contains(arg)) {
        return List.of(arg);
      }
      break;
    }
    return SpyglassCommand.SUBCOMMANDS;
  }

  /**
   * The directories of {@code --plugin-path} before the subcommand: read ahead of picocli, since
   * the transports must be known to build the commands (picocli then checks the option too).
   */
  static List<Path> pluginPaths(String[] args) {
    List<Path> paths = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals(SpyglassCommand.PLUGIN_PATH) && i + 1 < args.length) {
        paths.add(Path.of(args[++i]));
      } else if (arg.startsWith(SpyglassCommand.PLUGIN_PATH + "=")) {
        paths.add(Path.of(arg.substring(SpyglassCommand.PLUGIN_PATH.length() + 1)));
      } else if (!arg.startsWith("-")) {
        break; // the subcommand
      }
    }
    return paths;
  }
}
