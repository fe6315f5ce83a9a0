package dev.spyglass.manifest.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ManifestFormat;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The two providers are found on the module path (module-info) and on the class path (META-INF).
 */
class ProviderRegistrationTest {

  @Test
  void findsBothFormatsOnTheModulePath() {
    assertTrue(
        ProviderRegistrationTest.class.getModule().isNamed(), "tests run on the module path");
    ManifestFormats installed = ManifestFormats.installed();
    assertEquals(
        Schema2Format.class,
        installed.forMediaType(MediaType.DOCKER_SCHEMA2).orElseThrow().getClass());
    assertEquals(
        Schema2Format.class,
        installed.forMediaType(MediaType.DOCKER_MANIFEST_LIST).orElseThrow().getClass());
    assertEquals(
        OciFormat.class, installed.forMediaType(MediaType.OCI_MANIFEST).orElseThrow().getClass());
    assertEquals(
        OciFormat.class, installed.forMediaType(MediaType.OCI_INDEX).orElseThrow().getClass());
  }

  @Test
  void findsBothFormatsOnTheClassPath() throws Exception {
    URL[] jars = {location(OciFormat.class), location(ManifestFormat.class)};
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(jars, null)) {
      // No parent: the platform loader would hand out the module-path classes again.
      // ManifestFormats.installed(), loaded by a class-path loader, runs ServiceLoader there (an
      // unnamed module may use any service; this named test module may not).
      Thread.currentThread().setContextClassLoader(loader);
      Class<?> formats = loader.loadClass(ManifestFormats.class.getName());
      Object installed = formats.getMethod("installed").invoke(null);
      assertFalse(installed.getClass().getModule().isNamed());
      for (String type : List.of(MediaType.DOCKER_SCHEMA2, MediaType.OCI_INDEX)) {
        Optional<?> format =
            (Optional<?>) formats.getMethod("forMediaType", String.class).invoke(installed, type);
        assertEquals(
            type.equals(MediaType.OCI_INDEX)
                ? OciFormat.class.getName()
                : Schema2Format.class.getName(),
            format.orElseThrow().getClass().getName());
      }
      assertEquals(4, ((List<?>) formats.getMethod("mediaTypes").invoke(installed)).size());
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  @Test
  void providersArePublicFinalWithANoArgumentConstructor() throws NoSuchMethodException {
    for (Class<?> provider : List.of(Schema2Format.class, OciFormat.class)) {
      assertTrue(
          Modifier.isPublic(provider.getModifiers()) && Modifier.isFinal(provider.getModifiers()));
      assertTrue(Modifier.isPublic(provider.getConstructor().getModifiers()));
    }
  }

  private static URL location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toUri()
        .toURL();
  }
}
