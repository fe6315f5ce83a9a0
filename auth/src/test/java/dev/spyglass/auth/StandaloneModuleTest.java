package dev.spyglass.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Credentials;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auth} is usable alone: it needs {@code api} and Gson, and no other Spyglass module. */
class StandaloneModuleTest {

  @Test
  void requiresOnlyApiAndGson() {
    Module auth = CredentialResolver.class.getModule();
    assertTrue(auth.isNamed(), "tests must run on the module path");
    assertEquals(Set.of("dev.spyglass.api", "com.google.gson"), requires(auth.getDescriptor()));
    assertEquals(
        Set.of("dev.spyglass.auth"),
        auth.getDescriptor().exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet()));
  }

  @Test
  void needsNoOtherSpyglassModuleAtRunTime() {
    ModuleLayer layer = CredentialResolver.class.getModule().getLayer();
    Set<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of("dev.spyglass.auth"));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!seen.add(name)) {
        continue;
      }
      Module m = layer.findModule(name).orElseThrow(() -> new AssertionError("missing " + name));
      todo.addAll(requires(m.getDescriptor()));
    }
    Set<String> ours = new HashSet<>(seen);
    ours.removeIf(n -> n.startsWith("java.") || n.startsWith("jdk."));
    assertEquals(
        Set.of("dev.spyglass.auth", "dev.spyglass.api", "com.google.gson", "org.jspecify"), ours);
  }

  @Test
  void resolvesAndAuthenticatesWithPlainConstructors(@TempDir Path home) throws Exception {
    String pair = Base64.getEncoder().encodeToString("bob:pw".getBytes());
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(
        home.resolve(".docker/config.json"),
        "{\"auths\":{\"localhost:5000\":{\"auth\":\"" + pair + "\"}}}");
    Credentials credentials =
        new CredentialResolver(Map.of(), home, null, null)
            .resolve("localhost:5000")
            .orElseThrow()
            .credentials();
    TokenClient tokens =
        request -> {
          assertEquals(Optional.of(new Credentials("bob", "pw")), request.credentials());
          return new TokenResponse("t0ken", Duration.ofMinutes(5), null);
        };
    RegistryAuthenticator auth =
        new RegistryAuthenticator("localhost:5000", credentials, tokens, Clock.systemUTC());
    assertTrue(
        auth.challenged(
            List.of("Bearer realm=\"https://localhost:5001/token\",service=\"reg\""),
            Set.of("repository:x:pull")));
    assertEquals(Optional.of("Bearer t0ken"), auth.authorization(Set.of("repository:x:pull")));
  }

  private static Set<String> requires(ModuleDescriptor d) {
    return d.requires().stream()
        .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.MANDATED))
        .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
        .map(ModuleDescriptor.Requires::name)
        .filter(n -> !n.equals("java.base"))
        .collect(Collectors.toSet());
  }
}
