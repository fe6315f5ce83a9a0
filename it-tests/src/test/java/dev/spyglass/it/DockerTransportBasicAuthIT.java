package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.RawManifest;
import dev.spyglass.it.TestImages.Blob;
import dev.spyglass.it.TestImages.PushedImage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code docker} transport against a registry that wants htpasswd Basic credentials. */
class DockerTransportBasicAuthIT {
  private static final String USER = "spyglass";
  private static final String PASSWORD = "correct horse: battery staple";
  private static final String WRONG_PASSWORD = "incorrect-horse-0451";

  private static RegistryProcess registry;
  private static PushedImage image;

  @BeforeAll
  static void pushImage() throws Exception {
    registry = RegistryProcess.basicAuth(USER, PASSWORD);
    image = TestImages.pushSchema2(registry.pusher(), "private/app", List.of("1.0", "latest"));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void readsImageWithCredentialsFromAuthFile() throws Exception {
    ImageOptions options =
        ImageOptions.builder()
            .tlsVerify(false)
            .authFile(
                AuthFiles.withCredentials(
                    registry.newFolder("good-auth"),
                    registry.hostPort(),
                    new Credentials(USER, PASSWORD)))
            .build();
    try (ImageSource source = Sources.open(image.byTag(registry.hostPort(), "1.0"), options)) {
      RawManifest raw = source.manifest();
      assertEquals(image.digest("1.0"), raw.digest());
      assertArrayEquals(image.manifest("1.0"), raw.bytes());
      Blob config = image.config().orElseThrow();
      assertArrayEquals(config.bytes(), Sources.readBlob(source, config.descriptor()));
      assertEquals(Set.copyOf(image.tags()), Set.copyOf(source.tags()));
    }
  }

  @Test
  void readsImageByDigestWithExplicitCredentials() throws Exception {
    ImageOptions options =
        ImageOptions.builder()
            .tlsVerify(false)
            .authFile(AuthFiles.empty(registry.newFolder("explicit")))
            .credentials(new Credentials(USER, PASSWORD))
            .build();
    assertEquals(
        image.digest("1.0"),
        Sources.manifest(image.byDigest(registry.hostPort(), "1.0"), options).digest());
  }

  @Test
  void wrongPasswordIsRefused() throws Exception {
    ImageOptions options =
        ImageOptions.builder()
            .tlsVerify(false)
            .authFile(
                AuthFiles.withCredentials(
                    registry.newFolder("wrong-auth"),
                    registry.hostPort(),
                    new Credentials(USER, WRONG_PASSWORD)))
            .build();
    AuthenticationException refused =
        assertThrows(
            AuthenticationException.class,
            () -> Sources.manifest(image.byTag(registry.hostPort(), "1.0"), options));
    assertTrue(refused.credentialsSent(), refused::getMessage);
    assertEquals(registry.hostPort(), refused.registry());
    assertEquals(401, refused.status());
    assertFalse(refused.getMessage().contains(WRONG_PASSWORD), refused::getMessage);
  }

  @Test
  void missingCredentialsAreRequired() throws Exception {
    ImageOptions options =
        ImageOptions.builder()
            .tlsVerify(false)
            .authFile(AuthFiles.empty(registry.newFolder("no-auth")))
            .build();
    AuthenticationException required =
        assertThrows(
            AuthenticationException.class,
            () -> Sources.manifest(image.byTag(registry.hostPort(), "1.0"), options));
    assertFalse(required.credentialsSent(), required::getMessage);
    assertEquals(registry.hostPort(), required.registry());
  }
}
