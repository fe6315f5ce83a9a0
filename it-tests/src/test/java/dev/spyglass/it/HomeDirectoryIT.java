package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.spyglass.api.Credentials;
import dev.spyglass.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code HOME=/elsewhere spyglass ...} in a child JVM whose {@code user.home} (from the password
 * database) is another directory: credentials in {@code $HOME/.docker/config.json} and CA
 * certificates in {@code $HOME/.config/containers/certs.d/HOST:PORT} are found, as docker, podman
 * and skopeo find them.
 */
class HomeDirectoryIT {
  @TempDir Path tmp;

  @Test
  void credentialsInHomesDockerConfigAreUsed() throws Exception {
    Credentials credentials = new Credentials("home-user", "h0me-pa55");
    try (RegistryProcess registry =
        RegistryProcess.basicAuth(credentials.username(), credentials.secret())) {
      TestImages.pushSchema2(registry.pusher(), "home/app", List.of("1.0"));
      String image = "docker://" + registry.hostPort() + "/home/app:1.0";
      Path home = tmp.resolve("elsewhere");
      assertNotEquals(Path.of(System.getProperty("user.home")), home);
      AuthFiles.withCredentials(home.resolve(".docker"), registry.hostPort(), credentials);

      SpyglassProcess.Result withHome =
          SpyglassProcess.run(
              tmp.resolve("run1"),
              Map.of("HOME", home.toString()),
              "inspect",
              "--tls-verify=false",
              image);
      SpyglassProcess.Result emptyHome =
          SpyglassProcess.run(
              tmp.resolve("run2"),
              Map.of("HOME", Files.createDirectories(tmp.resolve("empty")).toString()),
              "inspect",
              "--tls-verify=false",
              image);

      assertEquals(0, withHome.exitCode(), withHome::toString);
      assertEquals(ExitCode.AUTHENTICATION, emptyHome.exitCode(), emptyHome::toString);
    }
  }

  @Test
  void certificatesInHomesContainersCertsDirAreTrusted() throws Exception {
    try (RegistryProcess registry = RegistryProcess.tls()) {
      TestImages.pushSchema2(registry.pusher(), "home/app", List.of("1.0"));
      String image = "docker://" + registry.hostPort() + "/home/app:1.0";
      Path home = tmp.resolve("elsewhere");
      Path certs =
          Files.createDirectories(
              home.resolve(".config/containers/certs.d").resolve(registry.hostPort()));
      Files.copy(registry.caCertificate(), certs.resolve("ca.crt"));

      SpyglassProcess.Result withHome =
          SpyglassProcess.run(
              tmp.resolve("run1"), Map.of("HOME", home.toString()), "inspect", image);
      SpyglassProcess.Result emptyHome =
          SpyglassProcess.run(
              tmp.resolve("run2"),
              Map.of("HOME", Files.createDirectories(tmp.resolve("empty")).toString()),
              "inspect",
              image);

      assertEquals(0, withHome.exitCode(), withHome::toString);
      assertEquals(ExitCode.TLS, emptyHome.exitCode(), emptyHome::toString);
    }
  }
}
