package dev.spyglass.cli.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's path functions, with the outputs Go 1.19 gives for these inputs. */
class GoPathTest {

  @ParameterizedTest
  @CsvSource({
    "'', .",
    "/, /",
    "a/b/, a/b",
    "a//b, a/b",
    "./a, a",
    "a/../b, b",
    "../a, ../a",
    "/../a, /a",
    "a/.., .",
    "127.0.0.1:5000/ns/app:1.0, 127.0.0.1:5000/ns/app:1.0",
  })
  void cleansAsGoDoes(String path, String clean) {
    assertEquals(clean, GoPath.clean(path));
  }

  @ParameterizedTest
  @CsvSource({
    "'', .",
    "/, /",
    "a/b, b",
    "a/b/, b",
    "app:1.0, app:1.0",
    "registry.example/ns/app@sha256:ab, app@sha256:ab",
  })
  void takesTheBaseAsGoDoes(String path, String base) {
    assertEquals(base, GoPath.base(path));
  }

  @ParameterizedTest
  @CsvSource({
    "/media/usb, app:1.0, /media/usb/app:1.0",
    "localhost:5000/mirror/, /ns/app:1.0, localhost:5000/mirror/ns/app:1.0",
    "dest, '', dest",
    "'', app, app",
    "./out, ../x, x",
  })
  void joinsAsGoDoes(String a, String b, String joined) {
    assertEquals(joined, GoPath.join(a, b));
  }

  @ParameterizedTest
  @CsvSource({"src/app:1/manifest.json, src/app:1", "manifest.json, .", "/manifest.json, /"})
  void takesTheDirectoryAsGoDoes(String path, String dir) {
    assertEquals(dir, GoPath.dir(path));
  }
}
