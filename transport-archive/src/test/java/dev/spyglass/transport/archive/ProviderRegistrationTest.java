package dev.spyglass.transport.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Transports;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRegistrationTest {

  @Test
  void serviceLoaderFindsBothArchiveTransportsOnTheModulePath() {
    assertTrue(getClass().getModule().isNamed(), "tests run on the module path");
    Transports installed = Transports.installed();
    assertInstanceOf(DockerArchiveTransport.class, installed.get("docker-archive").orElseThrow());
    assertInstanceOf(OciArchiveTransport.class, installed.get("oci-archive").orElseThrow());
    assertInstanceOf(
        DockerArchiveReference.class, installed.parse("docker-archive:/tmp/a.tar:app:1"));
    assertInstanceOf(OciArchiveReference.class, installed.parse("oci-archive:/tmp/a.tar:v1"));
  }

  @Test
  void servicesFileNamesBothProviders() throws Exception {
    try (var in =
        DockerArchiveTransport.class
            .getModule()
            .getResourceAsStream("META-INF/services/dev.spyglass.api.Transport")) {
      assertEquals(
          List.of(DockerArchiveTransport.class.getName(), OciArchiveTransport.class.getName()),
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    }
  }

  @Test
  void providersArePublicFinalWithANoArgumentConstructor() throws NoSuchMethodException {
    for (Class<?> provider : List.of(DockerArchiveTransport.class, OciArchiveTransport.class)) {
      assertTrue(
          Modifier.isPublic(provider.getModifiers()) && Modifier.isFinal(provider.getModifiers()));
      assertTrue(Modifier.isPublic(provider.getConstructor().getModifiers()));
    }
  }
}
