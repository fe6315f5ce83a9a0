package dev.spyglass.cli.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Transport;
import dev.spyglass.cli.plugin.Providers.Kind;
import dev.spyglass.cli.plugin.Providers.Provided;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading plug-in jars: modular, plain, clashing and broken ones, each built here by javac. */
class PluginLoaderTest {
  @TempDir static Path built;
  @TempDir Path dir;

  private static Path modular;
  private static Path plain;
  private static Path clashing;
  private static Path throwing;
  private static Path needsMissing;
  private static Path needsLibrary;
  private static Path library;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void buildJars() {
    modular = PluginJars.modular(built, "test.echo", "echo", List.of());
    plain = PluginJars.plain(built, "plainmem", "plainmem", "");
    clashing = PluginJars.plain(built, "fakedir", "dir", "");
    throwing = PluginJars.plain(built, "throwing", "throwing", "throw new IllegalStateException(\"no licence key\");");
    library = PluginJars.library(built, "test.lib");
    needsLibrary =
        PluginJars.modular(built, "test.withlib", "withlib", List.of("test.lib"), library.toString());
    needsMissing =
        PluginJars.modular(built, "test.needsmissing", "needsmissing", List.of("test.lib"), library.toString());
  }

  private Path drop(Path jar) throws Exception {
    return Files.copy(jar, dir.resolve(jar.getFileName()));
  }

  private Providers load() {
    return PluginLoader.load(
        PluginPath.of(List.of(dir), Map.of(), "/nonexistent-home"),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void loadsAModularJarAsAModuleOfItsOwnLayer() throws Exception {
    Path jar = drop(modular);

    Providers providers = load();

    Transport echo = providers.transports().get("echo").orElseThrow();
    Module module = echo.getClass().getModule();
    assertEquals("test.echo", module.getName());
    assertNotSame(PluginLoader.class.getModule().getLayer(), module.getLayer());
    assertTrue(
        providers.provided().contains(new Provided("echo", Kind.TRANSPORT, Optional.of(jar))),
        providers.provided().toString());
    assertTrue(providers.transports().get("docker").isPresent(), "built-ins stay");
    assertEquals("", stderr());
  }

  @Test
  void loadsAPlainJarThroughMetaInfServices() throws Exception {
    Path jar = drop(plain);

    Providers providers = load();

    Transport transport = providers.transports().get("plainmem").orElseThrow();
    assertFalse(transport.getClass().getModule().isNamed());
    assertTrue(
        providers.provided().contains(new Provided("plainmem", Kind.TRANSPORT, Optional.of(jar))));
    assertEquals("", stderr());
  }

  @Test
  void aModularPluginMayShipTheModulesItNeedsAsFurtherJars() throws Exception {
    drop(needsLibrary);
    drop(library);

    Providers providers = load();

    assertTrue(providers.transports().get("withlib").isPresent(), stderr());
    assertEquals("", stderr());
  }

  @Test
  void aClashWithABuiltInIsOneLineNamingTheJarAndTheOthersStillLoad() throws Exception {
    Path fake = drop(clashing);
    drop(modular);

    Providers providers = load();

    assertEquals(
        "spyglass: warning: plug-in \"" + fake + "\" skipped: transport \"dir\" is built in\n",
        stderr());
    assertEquals(
        Optional.empty(),
        providers.provided().stream()
            .filter(p -> p.name().equals("dir"))
            .findFirst()
            .orElseThrow()
            .jar());
    assertFalse(providers.transports().get("dir").orElseThrow().getClass().getName().startsWith("plain."));
    assertTrue(providers.transports().get("echo").isPresent());
  }

  @Test
  void twoPluginsOfOneNameTheFirstDirectoryWins(@TempDir Path second) throws Exception {
    Path first = drop(plain);
    Path later = Files.copy(plain, second.resolve("again.jar"));

    Providers providers =
        PluginLoader.load(
            PluginPath.of(List.of(dir, second), Map.of(), "/nonexistent-home"),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(
        "spyglass: warning: plug-in \""
            + later
            + "\" skipped: transport \"plainmem\" is already provided by plug-in \""
            + first
            + "\"\n",
        stderr());
    assertTrue(providers.transports().get("plainmem").isPresent());
  }

  @Test
  void aCorruptJarIsOneLineAndTheOthersStillLoad() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.jar"), "this is not a zip file");
    drop(modular);
    drop(plain);

    Providers providers = load();

    assertOneLineNaming(broken, "it cannot be read");
    assertTrue(providers.transports().get("echo").isPresent());
    assertTrue(providers.transports().get("plainmem").isPresent());
  }

  @Test
  void aModuleWhoseDependencyIsMissingIsOneLineNamingIt() throws Exception {
    Path jar = drop(needsMissing);
    drop(plain);

    Providers providers = load();

    assertOneLineNaming(jar, "test.lib");
    assertTrue(stderr().contains("cannot be loaded"), stderr());
    assertFalse(providers.transports().get("needsmissing").isPresent());
    assertTrue(providers.transports().get("plainmem").isPresent());
  }

  @Test
  void aProviderThatThrowsInItsConstructorIsOneLineWithItsReason() throws Exception {
    Path jar = drop(throwing);
    drop(modular);

    Providers providers = load();

    assertOneLineNaming(jar, "no licence key");
    assertFalse(providers.transports().get("throwing").isPresent());
    assertTrue(providers.transports().get("echo").isPresent());
  }

  @Test
  void aMissingDirectoryNamedExplicitlyIsAWarningButTheDefaultOneIsNot() {
    Path missing = dir.resolve("missing");
    PluginLoader.load(
        PluginPath.of(List.of(missing), Map.of(), "/nonexistent-home"),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(
        "spyglass: warning: plug-in directory \"" + missing + "\" is not a directory\n", stderr());
  }

  private void assertOneLineNaming(Path jar, String reason) {
    String text = stderr();
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.startsWith("spyglass: warning: plug-in \"" + jar + "\" skipped: "), text);
    assertTrue(text.contains(reason), text);
    assertFalse(text.contains("\tat "), text);
  }
}
