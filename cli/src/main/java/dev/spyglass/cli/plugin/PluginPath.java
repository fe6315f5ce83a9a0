package dev.spyglass.cli.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The directories whose jars are plug-ins: those of {@code --plugin-path} (in the order given),
 * then those of {@code SPYGLASS_PLUGIN_PATH} (colon-separated) or, when it is unset or empty,
 * {@code ${XDG_DATA_HOME:-$HOME/.local/share}/spyglass/plugins}.
 *
 * @param directories in search order: a transport or format name taken by an earlier jar wins
 * @param implicit the default directory, which need not exist; empty when the path was named
 */
public record PluginPath(List<Path> directories, List<Path> implicit) {
  public static final String VARIABLE = "SPYGLASS_PLUGIN_PATH";

  public PluginPath {
    directories = List.copyOf(directories);
    implicit = List.copyOf(implicit);
  }

  /**
   * @param fromOptions the directories {@code --plugin-path} named
   * @param env the environment ({@code System.getenv()})
   * @param userHome where {@code HOME} points when it is unset ({@code user.home})
   */
  public static PluginPath of(List<Path> fromOptions, Map<String, String> env, String userHome) {
    List<Path> directories = new ArrayList<>(fromOptions);
    String variable = env.getOrDefault(VARIABLE, "");
    if (!variable.isEmpty()) {
      for (String part : variable.split(":", -1)) {
        if (!part.isEmpty()) {
          directories.add(Path.of(part));
        }
      }
      return new PluginPath(directories, List.of());
    }
    String dataHome = env.getOrDefault("XDG_DATA_HOME", "");
    Path data;
    if (!dataHome.isEmpty()) {
      data = Path.of(dataHome);
    } else {
      String home = env.getOrDefault("HOME", "");
      data = Path.of(home.isEmpty() ? userHome : home, ".local", "share");
    }
    Path implicitDirectory = data.resolve("spyglass").resolve("plugins");
    directories.add(implicitDirectory);
    return new PluginPath(directories, List.of(implicitDirectory));
  }
}
