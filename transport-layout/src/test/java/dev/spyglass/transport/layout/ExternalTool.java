package dev.spyglass.transport.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool that tests need; a missing tool fails the test, naming the package. */
final class ExternalTool {
  private ExternalTool() {}

  /** Runs {@code tool args} and returns stdout; fails unless it exits 0 within 60 s. */
  static String run(String tool, String debianPackage, String... args) throws Exception {
    Path executable = find(tool, debianPackage);
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    // Outputs here are small; read stderr after stdout.
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within 60 s");
    }
    assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + err + out);
    return out;
  }

  private static Path find(String tool, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail(
        "\""
            + tool
            + "\" is not on the PATH; this interoperability test needs it: install the Debian package \""
            + debianPackage
            + "\" (apt-get install "
            + debianPackage
            + ")");
  }
}
