package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.HomeDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Finds a registry's own certificate directory when none is given with {@code --cert-dir}, as
 * containers/image does: the first of {@code $HOME/.config/containers/certs.d/HOST[:PORT]}, {@code
 * /etc/containers/certs.d/HOST[:PORT]} and {@code /etc/docker/certs.d/HOST[:PORT]} that is a
 * directory. Its {@code *.crt} files are trusted on top of the system trust store. Each registry is
 * looked up once per instance: a sync opens every image through it.
 */
final class PerRegistryCertDirs {
  private final List<Path> roots;
  private final ConcurrentMap<String, Optional<Path>> found = new ConcurrentHashMap<>();

  PerRegistryCertDirs(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  static PerRegistryCertDirs standard() {
    Path home = HomeDirectory.current();
    return new PerRegistryCertDirs(
        List.of(
            home.resolve(".config/containers/certs.d"),
            Path.of("/etc/containers/certs.d"),
            Path.of("/etc/docker/certs.d")));
  }

  /** The directory for {@code registry} ({@code host} or {@code host:port}), if one exists. */
  Optional<Path> find(String registry) {
    if (registry.isEmpty()
        || registry.contains("/")
        || registry.contains("\\")
        || registry.startsWith(".")) {
      return Optional.empty(); // never a path outside the roots
    }
    return found.computeIfAbsent(registry, this::lookUp);
  }

  private Optional<Path> lookUp(String registry) {
    for (Path root : roots) {
      Path dir = root.resolve(registry);
      if (Files.isDirectory(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }
}
