package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerRegistryCertDirsTest {
  @TempDir Path temp;

  @Test
  void findsTheFirstRootThatHasTheRegistrysDirectory() throws Exception {
    Path user = temp.resolve("user");
    Path system = temp.resolve("system");
    Path docker = temp.resolve("docker");
    Files.createDirectories(system.resolve("registry.example:5000"));
    Files.createDirectories(docker.resolve("registry.example:5000"));
    Files.createDirectories(docker.resolve("other.example"));
    PerRegistryCertDirs dirs = new PerRegistryCertDirs(List.of(user, system, docker));
    assertEquals(Optional.of(system.resolve("registry.example:5000")), dirs.find("registry.example:5000"));
    assertEquals(Optional.of(docker.resolve("other.example")), dirs.find("other.example"));
    assertEquals(Optional.empty(), dirs.find("registry.example"));
  }

  @Test
  void userDirectoryComesFirst() throws Exception {
    Path user = temp.resolve("user");
    Path system = temp.resolve("system");
    Files.createDirectories(user.resolve("r.example"));
    Files.createDirectories(system.resolve("r.example"));
    assertEquals(
        Optional.of(user.resolve("r.example")),
        new PerRegistryCertDirs(List.of(user, system)).find("r.example"));
  }

  @Test
  void neverLeavesTheRoots() throws Exception {
    Files.createDirectories(temp.resolve("root"));
    Files.createDirectories(temp.resolve("outside"));
    PerRegistryCertDirs dirs = new PerRegistryCertDirs(List.of(temp.resolve("root")));
    assertEquals(Optional.empty(), dirs.find("../outside"));
    assertEquals(Optional.empty(), dirs.find(".."));
    assertEquals(Optional.empty(), dirs.find(""));
  }

  @Test
  void aFileIsNotADirectory() throws Exception {
    Files.createDirectories(temp.resolve("root"));
    Files.writeString(temp.resolve("root").resolve("r.example"), "x");
    assertEquals(Optional.empty(), new PerRegistryCertDirs(List.of(temp.resolve("root"))).find("r.example"));
  }
}
