package dev.spyglass.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's home directory as docker, podman and skopeo find it: {@code $HOME}, falling back to
 * the JVM's {@code user.home} (which comes from the password database) only when {@code HOME} is
 * unset or empty. Every path Spyglass derives from the home directory (auth files, certificate
 * directories, caches) starts here.
 */
public final class HomeDirectory {
  private HomeDirectory() {}

  /**
   * The home directory of this process: {@code HOME} from its environment, else {@code user.home}.
   */
  public static Path current() {
    return of(System.getenv(), System.getProperty("user.home", "/"));
  }

  /**
   * The home directory {@code env} names in {@code HOME}, or {@code userHome} when it names none.
   *
   * @param env an environment, usually {@code System.getenv()}
   * @param userHome the fallback, usually the {@code user.home} property
   */
  public static Path of(Map<String, String> env, String userHome) {
    String home = env.get("HOME");
    return Path.of(home == null || home.isEmpty() ? userHome : home);
  }
}
