package dev.spyglass.cli.sync.config;

import dev.spyglass.api.Quote;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * The source file of {@code sync --src yaml}, in skopeo's format: each top-level key is a registry
 * ({@code HOST[:PORT]}) holding
 *
 * <ul>
 *   <li>{@code images}: repository → list of tags and digests ({@code sha256:...}); an empty list
 *       or none means every tag;
 *   <li>{@code images-by-tag-regex}: repository → regex in Go's syntax, matched anywhere in a tag;
 *   <li>{@code images-by-semver}: repository → Masterminds/semver constraint (skopeo 1.15);
 *   <li>{@code credentials}: {@code username}, {@code password} (or {@code identitytoken});
 *   <li>{@code tls-verify}: a boolean (YAML 1.1's {@code yes}/{@code no}/{@code on}/{@code off}
 *       too, as skopeo's YAML library takes them); {@code cert-dir}: a directory.
 * </ul>
 *
 * <p>Stricter than skopeo, which ignores unknown keys and skips bad entries at run time: an unknown
 * or duplicate key, a value of the wrong type, an invalid registry, repository, tag, digest, regex
 * or constraint, an empty file, a second document, or more than {@value #MAX_BYTES} bytes is a
 * {@link SyncConfigException} naming the line and column. YAML aliases are bounded.
 *
 * @param registries the registries in file order
 */
public record SyncConfig(List<RegistrySource> registries) {
  /** The largest file read. */
  public static final int MAX_BYTES = 1024 * 1024;

  public SyncConfig {
    registries = List.copyOf(registries);
  }

  /**
   * Reads and checks a sync source file.
   *
   * @throws SyncConfigException when the file cannot be read or is not a valid sync source: {@code
   *     FILE:LINE:COLUMN: reason}
   */
  public static SyncConfig parse(Path file) {
    String name = Quote.line(file.toString());
    return parse(SyncConfigFile.read(file, name), name);
  }

  /** Parses the bytes of a file; {@code name} (already escaped) prefixes every message. */
  static SyncConfig parse(byte[] bytes, String name) {
    Optional<Node> root = SyncConfigFile.compose(bytes, name);
    YamlNodes nodes = new YamlNodes(name);
    if (root.isEmpty() || YamlNodes.isNull(root.get())) {
      throw nodes.fail(root.orElse(null), "the file holds no registries");
    }
    Node top = root.get();
    if (!(top instanceof MappingNode)) {
      throw nodes.fail(
          top,
          "the file must map registries to what to sync from them, not be " + YamlNodes.kind(top));
    }
    RegistryEntryReader reader = new RegistryEntryReader(nodes);
    List<RegistrySource> registries = new ArrayList<>();
    for (NodeTuple entry : nodes.entries(top, "the file")) {
      registries.add(reader.registry(entry));
    }
    if (registries.isEmpty()) {
      throw nodes.fail(top, "the file holds no registries");
    }
    return new SyncConfig(registries);
  }
}
