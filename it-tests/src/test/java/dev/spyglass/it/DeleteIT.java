package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.it.TestImages.PushedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code spyglass delete} against the real registry: by tag and by digest the manifest goes (and
 * every tag of it), after which {@code inspect} finds nothing; a registry with deletes disabled is
 * reported in one clear line; skopeo agrees on what was deleted.
 */
class DeleteIT {
  private static RegistryProcess registry;

  @BeforeAll
  static void startRegistry() {
    registry = RegistryProcess.plain();
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void deletesByTagTheManifestAndEveryTagOfIt() throws Exception {
    PushedImage image =
        TestImages.pushOci(registry.pusher(), "delete/by-tag", List.of("1.0", "also"));
    assertEquals(0, inspect(image.byTag(registry.hostPort(), "also")).exitCode());

    Cli.Result deleted = delete(image.byTag(registry.hostPort(), "1.0"));

    assertEquals(0, deleted.exitCode(), deleted::toString);
    assertEquals("", deleted.out(), "stdout stays clean");
    assertEquals("", deleted.stderr());
    for (String gone :
        List.of(
            image.byTag(registry.hostPort(), "1.0"),
            image.byTag(registry.hostPort(), "also"),
            image.byDigest(registry.hostPort(), "1.0"))) {
      Cli.Result inspected = inspect(gone);
      assertEquals(3, inspected.exitCode(), () -> gone + ": " + inspected);
      assertTrue(inspected.stderr().contains("not found"), inspected.stderr());
    }
    String skopeo =
        Skopeo.failure(
            List.of("inspect", "--tls-verify=false", image.byDigest(registry.hostPort(), "1.0")));
    assertTrue(skopeo.contains("manifest unknown"), skopeo);
  }

  @Test
  void deletesByDigest() throws Exception {
    PushedImage image = TestImages.pushSchema2(registry.pusher(), "delete/by-digest", List.of("2.0"));

    Cli.Result deleted = delete(image.byDigest(registry.hostPort(), "2.0"));

    assertEquals(0, deleted.exitCode(), deleted::toString);
    assertEquals(3, inspect(image.byDigest(registry.hostPort(), "2.0")).exitCode());
    assertEquals(3, inspect(image.byTag(registry.hostPort(), "2.0")).exitCode());
  }

  @Test
  void reportsWhatIsAlreadyGoneAsNotFound() throws Exception {
    PushedImage image = TestImages.pushOci(registry.pusher(), "delete/twice", List.of("1"));
    assertEquals(0, delete(image.byDigest(registry.hostPort(), "1")).exitCode());

    Cli.Result byDigest = delete(image.byDigest(registry.hostPort(), "1"));
    Cli.Result byTag = delete(image.byTag(registry.hostPort(), "1"));
    Cli.Result noRepository = delete("docker://" + registry.hostPort() + "/delete/never:1");

    for (Cli.Result result : List.of(byDigest, byTag, noRepository)) {
      assertEquals(3, result.exitCode(), result::toString);
      assertEquals(1, result.stderr().strip().lines().count(), result.stderr());
      assertTrue(result.stderr().contains("not found"), result.stderr());
    }
    assertTrue(
        byDigest.stderr().contains("\"" + registry.hostPort() + "/delete/twice@"), byDigest.stderr());
  }

  @Test
  void saysThatARegistryInReadOnlyModeRefusesEveryWrite() throws Exception {
    try (RegistryProcess readOnly = RegistryProcess.plainReadOnly()) {
      String name =
          "docker://" + readOnly.hostPort() + "/delete/any@sha256:" + "0".repeat(64);

      Cli.Result refused = delete(name);

      assertEquals(1, refused.exitCode(), refused::toString);
      assertEquals(
          "spyglass: cannot delete \""
              + readOnly.hostPort()
              + "/delete/any@sha256:"
              + "0".repeat(64)
              + "\": registry \""
              + readOnly.hostPort()
              + "\" does not allow deleting images (HTTP 405); it takes no writes at all"
              + " (distribution: storage.maintenance.readonly, or a pull-through cache)",
          refused.stderr().strip());
    }
  }

  @Test
  void saysInOneLineThatARegistryWithDeletesDisabledRefusesThem() throws Exception {
    try (RegistryProcess noDeletes = RegistryProcess.plainWithoutDeletes()) {
      PushedImage image = TestImages.pushOci(noDeletes.pusher(), "delete/kept", List.of("1.0"));
      String name = image.byTag(noDeletes.hostPort(), "1.0");

      Cli.Result refused = delete(name);

      assertEquals(1, refused.exitCode(), refused::toString);
      assertEquals("", refused.out());
      assertEquals(
          "spyglass: cannot delete \""
              + noDeletes.hostPort()
              + "/delete/kept:1.0\": registry \""
              + noDeletes.hostPort()
              + "\" does not allow deleting images (HTTP 405 UNSUPPORTED); deletes must be enabled"
              + " in the registry (distribution: storage.delete.enabled: true)",
          refused.stderr().strip());
      // skopeo 1.9.3 gets the same answer: "Failed to delete /v2/delete/kept/manifests/sha256:...:
      // {"errors":[{"code":"UNSUPPORTED",...}]} (405 Method Not Allowed)".
      String skopeo = Skopeo.failure(List.of("delete", "--tls-verify=false", name));
      assertTrue(skopeo.contains("405 Method Not Allowed"), skopeo);
      assertEquals(0, inspect(name).exitCode(), "the image is still there");
    }
  }

  @Test
  void deletesWhatSkopeoThenCannotFind() throws Exception {
    PushedImage image = TestImages.pushOci(registry.pusher(), "delete/parity", List.of("1"));
    String name = image.byTag(registry.hostPort(), "1");

    assertEquals(0, delete(name).exitCode());

    String skopeo = Skopeo.failure(List.of("delete", "--tls-verify=false", name));
    assertTrue(skopeo.contains("Unable to delete"), skopeo);
  }

  private static Cli.Result delete(String image) {
    return Cli.run("delete", "--tls-verify=false", image);
  }

  private static Cli.Result inspect(String image) {
    return Cli.run("inspect", "--tls-verify=false", "--no-tags", image);
  }
}
