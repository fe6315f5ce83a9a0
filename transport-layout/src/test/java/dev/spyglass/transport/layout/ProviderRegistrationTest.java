package dev.spyglass.transport.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Transports;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRegistrationTest {

  @Test
  void serviceLoaderFindsDirAndOciOnTheModulePath() {
    assertTrue(getClass().getModule().isNamed(), "tests run on the module path");
    Transports installed = Transports.installed();
    assertTrue(installed.names().containsAll(List.of("dir", "oci")), installed.names().toString());
    assertInstanceOf(DirTransport.class, installed.get("dir").orElseThrow());
    assertInstanceOf(OciTransport.class, installed.get("oci").orElseThrow());
    assertInstanceOf(OciReference.class, installed.parse("oci:/tmp/layout:v1"));
    assertEquals("/tmp/d", ((DirReference) installed.parse("dir:/tmp/d")).path().toString());
  }

  @Test
  void servicesFileNamesBothProviders() throws Exception {
    try (var in =
        DirTransport.class.getModule().getResourceAsStream("META-INF/services/dev.spyglass.api.Transport")) {
      assertEquals(
          List.of(DirTransport.class.getName(), OciTransport.class.getName()),
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
    }
  }

  @Test
  void providersArePublicFinalWithANoArgumentConstructor() throws NoSuchMethodException {
    for (Class<?> provider : List.of(DirTransport.class, OciTransport.class)) {
      assertTrue(Modifier.isPublic(provider.getModifiers()) && Modifier.isFinal(provider.getModifiers()));
      assertTrue(Modifier.isPublic(provider.getConstructor().getModifiers()));
    }
  }
}
