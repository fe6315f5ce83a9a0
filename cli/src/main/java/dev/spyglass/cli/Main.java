package dev.spyglass.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs {@code spyglass}. Only {@link #main} exits the JVM; {@link #run} returns the exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
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
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    DebugLogging.configure(debug, err);
    Injector injector = Guice.createInjector(new CliModule(out, err, in));
    CommandLine cli = new CommandLine(SpyglassCommand.class, new GuiceFactory(injector));
    ErrorReporter errors = injector.getInstance(ErrorReporter.class);
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
        .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> errors.report(e, debug))
        .setParameterExceptionHandler(errors::reportUsage);
    int code = cli.execute(args);
    out.flush();
    return code;
  }
}
