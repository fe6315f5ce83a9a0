package dev.spyglass.cli.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginPathTest {

  @Test
  void optionsComeFirstThenEveryDirectoryOfTheVariable() {
    PluginPath path =
        PluginPath.of(
            List.of(Path.of("/opt")),
            Map.of("SPYGLASS_PLUGIN_PATH", "/a::/b", "HOME", "/home/u"),
            "/ignored");
    assertEquals(List.of(Path.of("/opt"), Path.of("/a"), Path.of("/b")), path.directories());
    assertEquals(List.of(), path.implicit());
  }

  @Test
  void withoutTheVariableTheXdgDataHomeDirectory() {
    PluginPath path = PluginPath.of(List.of(), Map.of("XDG_DATA_HOME", "/data", "HOME", "/h"), "/u");
    assertEquals(List.of(Path.of("/data/spyglass/plugins")), path.directories());
    assertEquals(path.directories(), path.implicit());
  }

  @Test
  void withoutXdgDataHomeHomeFromTheEnvironmentThenUserHome() {
    assertEquals(
        List.of(Path.of("/h/.local/share/spyglass/plugins")),
        PluginPath.of(List.of(), Map.of("HOME", "/h", "SPYGLASS_PLUGIN_PATH", ""), "/u").directories());
    assertEquals(
        List.of(Path.of("/u/.local/share/spyglass/plugins")),
        PluginPath.of(List.of(), Map.of(), "/u").directories());
  }
}
