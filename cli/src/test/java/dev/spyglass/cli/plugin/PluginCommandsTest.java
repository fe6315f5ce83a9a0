package dev.spyglass.cli.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.cli.ExitCode;
import dev.spyglass.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plug-ins seen through the commands: {@code spyglass transports} and a plug-in transport in use. */
class PluginCommandsTest {
  @TempDir static Path built;
  @TempDir Path dir;

  private static Path modular;
  private static Path clashing;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void buildJars() {
    modular = PluginJars.modular(built, "test.echo", "echo", List.of());
    clashing = PluginJars.plain(built, "fakedocker", "docker", "");
  }

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env,
        args);
  }

  @Test
  void transportsListsEveryTransportAndFormatWithItsSource() throws Exception {
    Path jar = Files.copy(modular, dir.resolve("echo.jar"));

    int code = run(Map.of("SPYGLASS_PLUGIN_PATH", dir.toString()), "transports");

    assertEquals(ExitCode.OK, code, err.toString(StandardCharsets.UTF_8));
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.get(0).matches("NAME +KIND +SOURCE"), lines.get(0));
    assertTrue(lines.contains(row("docker", "transport", "built in", lines)), lines.toString());
    assertTrue(lines.contains(row("echo", "transport", jar.toString(), lines)), lines.toString());
    assertTrue(
        lines.contains(
            row("application/vnd.oci.image.manifest.v1+json", "format", "built in", lines)),
        lines.toString());
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void thePluginPathOptionLoadsAPluginWhoseTransportEveryCommandUses() throws Exception {
    Files.copy(modular, dir.resolve("echo.jar"));

    int code = run(Map.of(), "--plugin-path", dir.toString(), "inspect", "echo:anything");

    assertEquals(ExitCode.NOT_FOUND, code);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertTrue(stderr.contains("plug-in Plugged holds nothing"), stderr);
    assertEquals(1, stderr.strip().lines().count(), stderr);
  }

  @Test
  void aClashingPluginIsOneLineAndTheCommandStillRuns() throws Exception {
    Path jar = Files.copy(clashing, dir.resolve("fakedocker.jar"));

    int code = run(Map.of("SPYGLASS_PLUGIN_PATH", dir.toString()), "transports");

    assertEquals(ExitCode.OK, code);
    assertEquals(
        "spyglass: warning: plug-in \"" + jar + "\" skipped: transport \"docker\" is built in\n",
        err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("docker"));
  }

  /** One table row as the command pads it: the columns start where the header's do. */
  private static String row(String name, String kind, String source, List<String> lines) {
    String header = lines.get(0);
    int kindAt = header.indexOf("KIND");
    int sourceAt = header.indexOf("SOURCE");
    return name + " ".repeat(kindAt - name.length()) + kind + " ".repeat(sourceAt - kindAt - kind.length()) + source;
  }
}
