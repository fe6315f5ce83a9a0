package dev.spyglass.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "registry.example", "localhost:5000", "[::1]:5000", "myhost", "10.0.0.1", "docker.io",
        "registry-1.docker.io", "Registry.Example:443"
      })
  void parsesRegistryNamesAsTheyAre(String registry) {
    assertEquals(registry, RegistryNames.parse(registry));
  }

  @Test
  void parsesTheLegacyDockerHubNameAsDockerIo() {
    assertEquals("docker.io", RegistryNames.parse("index.docker.io"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                        | the name is empty",
        "https://registry.example  | without a scheme such as https://",
        "registry.example/ns       | without a path or repository",
        "bad_host                  | not a host name with an optional port",
        "h:port                    | not a host name with an optional port",
        "'ex ample'                | not a host name with an optional port"
      })
  void refusesWhatIsNotHostAndPort(String text, String reason) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RegistryNames.parse(text));

    assertTrue(e.getMessage().startsWith("invalid registry \"" + text + "\": "), e.getMessage());
    assertTrue(e.getMessage().endsWith(reason), e.getMessage());
  }

  @Test
  void cutsALongNameInTheMessage() {
    String text = "a".repeat(200) + "/x";

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RegistryNames.parse(text));

    assertTrue(e.getMessage().startsWith("invalid registry \"" + "a".repeat(140) + "...\": "));
  }

  @Test
  void reachesDockerHubAtItsApiHostAndOtherRegistriesAtThemselves() {
    assertEquals("registry-1.docker.io", RegistryNames.apiHost("docker.io"));
    assertEquals("localhost:5000", RegistryNames.apiHost("localhost:5000"));
    assertEquals(
        RegistryNames.apiHost(RegistryNames.parse("index.docker.io")),
        DockerName.parse("busybox").apiHost());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docker.io", "index.docker.io", "registry-1.docker.io", "Docker.IO", "INDEX.docker.io"
      })
  void knowsEveryNameOfDockerHub(String host) {
    assertTrue(RegistryNames.isDockerHub(host));
  }

  @ParameterizedTest
  @ValueSource(strings = {"quay.io", "docker.io.example", "docker.io:443", "hub.docker.com", ""})
  void knowsOtherHostsAreNotDockerHub(String host) {
    assertFalse(RegistryNames.isDockerHub(host));
  }

  @Test
  void storesDockerHubCredentialsUnderItsV1ServerUrl() {
    assertEquals("https://index.docker.io/v1/", RegistryNames.credentialKey("docker.io"));
    assertEquals("quay.io", RegistryNames.credentialKey("quay.io"));
    assertEquals("localhost:5000", RegistryNames.credentialKey("localhost:5000"));
  }
}
