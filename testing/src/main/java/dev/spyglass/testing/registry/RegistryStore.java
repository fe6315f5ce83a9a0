package dev.spyglass.testing.registry;

import dev.spyglass.api.Digest;
import dev.spyglass.testing.registry.RegistryDispatcher.StoredManifest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** What the mock registry holds: its repositories, by name. Thread safe. */
final class RegistryStore {
  private final Map<String, Repository> repositories = new ConcurrentHashMap<>();

  /** One repository's blobs, manifests by digest, and tags in the order they were first put. */
  static final class Repository {
    final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<Digest, StoredManifest> manifests = new ConcurrentHashMap<>();
    final Map<String, Digest> tags = Collections.synchronizedMap(new LinkedHashMap<>());
  }

  /** The repository {@code name}, created empty when it is not there yet. */
  Repository repository(String name) {
    return repositories.computeIfAbsent(name, n -> new Repository());
  }

  /** The repository {@code name} if anything ever created it. */
  @Nullable Repository existing(String name) {
    return repositories.get(name);
  }
}
