package dev.spyglass.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Transport;
import dev.spyglass.testing.registry.RegistryDispatcher;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ExportedSignaturesTest {

  @Test
  void theApiModuleNamesNoHttpOrJsonLibrary() {
    // api cannot depend on this kit (the kit depends on api), so its check lives here.
    ExportedSignatures.assertFree(Transport.class.getModule());
  }

  @Test
  void findsTheOkHttpTypesOfTheKitsRegistryPackageNamingEachMember() {
    List<String> found =
        ExportedSignatures.violations(
            RegistryDispatcher.class.getModule(), List.of("okhttp3."));
    assertTrue(
        found.contains(
            RegistryDispatcher.class.getName()
                + " dispatch(RecordedRequest) mentions okhttp3.mockwebserver.MockResponse"),
        found.toString());
    assertTrue(
        found.contains(
            RegistryDispatcher.class.getName()
                + " supertype mentions okhttp3.mockwebserver.Dispatcher"),
        found.toString());
    assertTrue(
        found.stream().anyMatch(s -> s.contains(" override(Predicate, MockResponse) mentions okhttp3.mockwebserver.RecordedRequest")),
        "a generic argument is looked into: " + found);
    assertTrue(
        found.stream().noneMatch(s -> s.startsWith(MemoryTransport.class.getPackageName() + ".Memory")),
        found.toString());
  }

  @Test
  void failsNamingTheModuleAndTheMember() {
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () -> ExportedSignatures.assertFree(RegistryDispatcher.class.getModule()));
    assertTrue(e.getMessage().contains("module \"dev.spyglass.testing\""), e.getMessage());
    assertTrue(e.getMessage().contains("okhttp3.mockwebserver.MockResponse"), e.getMessage());
  }

  @Test
  void aModuleThatIsNotOnTheModulePathFails() {
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> ExportedSignatures.assertFree("no.such.module"));
    assertTrue(e.getMessage().contains("\"no.such.module\""), e.getMessage());
  }

  @Test
  void onlyPublicTypesOfExportedPackagesAreApi() {
    List<String> names =
        ExportedSignatures.apiTypes(MemoryTransport.class.getModule()).stream()
            .map(Class::getName)
            .toList();
    assertTrue(names.contains(MemoryTransport.class.getName()), names.toString());
    assertTrue(names.contains(TextManifestFormat.Conversion.class.getName()), names.toString());
    assertTrue(names.stream().noneMatch(n -> n.contains("$Override") || n.contains("$Repository")), names.toString());
    assertTrue(names.stream().noneMatch(n -> n.endsWith("Test")), names.toString());
    assertEquals(names.stream().distinct().count(), names.size());
  }
}
