package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code spyglass} as users do, in a child JVM whose environment is exactly what a test gives
 * (plus {@code PATH}): {@code HOME}, {@code HTTPS_PROXY} and the like reach it as variables, never
 * as JVM properties. Its {@code user.home} is the JVM's own (from the password database).
 */
final class SpyglassProcess {
  private SpyglassProcess() {}

  /** What a child process did. */
  record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + ", stdout: " + stdout.strip() + ", stderr: " + stderr.strip();
    }
  }

  static Result run(Path workDir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Process process =
        builder(workDir, env, args)
            .redirectOutput(workDir.resolve("stdout").toFile())
            .redirectError(workDir.resolve("stderr").toFile())
            .start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        fail("spyglass in a child JVM did not finish within 60 s");
      }
    } finally {
      process.destroyForcibly();
    }
    return new Result(
        process.exitValue(),
        Files.readString(workDir.resolve("stdout")),
        Files.readString(workDir.resolve("stderr")));
  }

  /** Starts {@code spyglass} as {@link #run} does, its stdout a pipe to read, stderr to a file. */
  static Process start(Path workDir, Map<String, String> env, String... args) throws IOException {
    return builder(workDir, env, args).redirectError(workDir.resolve("stderr").toFile()).start();
  }

  private static ProcessBuilder builder(Path workDir, Map<String, String> env, String... args)
      throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String classPath = System.getProperty("java.class.path", "");
    if (!classPath.contains("spyglass-cli")
        && !classPath.contains("cli" + File.separator + "target")) {
      fail("the test class path does not hold the CLI, cannot run it in a child JVM: " + classPath);
    }
    Files.createDirectories(workDir);
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(classPath);
    command.add("dev.spyglass.cli.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    environment.putAll(env);
    builder.environment().clear();
    builder.environment().putAll(environment);
    return builder;
  }
}
