package dev.spyglass.cli.sync.config;

import dev.spyglass.api.Quote;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed access to the composed YAML nodes of one file, read as skopeo's YAML library reads them
 * (null is the empty string, keys are strings, each once); every failure names the node's position.
 */
final class YamlNodes {
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

  private final String name;

  /** {@code name}, already escaped, prefixes every message. */
  YamlNodes(String name) {
    this.name = name;
  }

  /** The entries of a mapping whose keys are strings, each once. */
  List<NodeTuple> entries(Node mapping, String what) {
    List<NodeTuple> tuples = ((MappingNode) mapping).getValue();
    Map<String, Node> seen = new HashMap<>();
    for (NodeTuple t : tuples) {
      String key = key(t.getKeyNode());
      Node first = seen.putIfAbsent(key, t.getKeyNode());
      if (first != null) {
        throw fail(
            t.getKeyNode(),
            "duplicate key "
                + Quote.of(key)
                + " in "
                + what
                + " (first at line "
                + line(first)
                + ")");
      }
    }
    return tuples;
  }

  String key(Node keyNode) {
    if (!(keyNode instanceof ScalarNode scalar) || isNull(keyNode)) {
      throw fail(keyNode, "a key must be a string, not " + kind(keyNode));
    }
    return scalar.getValue();
  }

  /** A string value; null is the empty string, as for skopeo's YAML library. */
  String string(Node v, String what) {
    if (isNull(v)) {
      return "";
    }
    if (!(v instanceof ScalarNode scalar)) {
      throw fail(v, what + " must be a string, not " + kind(v));
    }
    return scalar.getValue();
  }

  /** The failure {@code reason} at the start of {@code node} (line 1 when there is none). */
  SyncConfigException fail(@Nullable Node node, String reason) {
    Optional<Mark> mark = node == null ? Optional.empty() : node.getStartMark();
    return new SyncConfigException(
        name,
        mark.map(m -> m.getLine() + 1).orElse(1),
        mark.map(m -> m.getColumn() + 1).orElse(1),
        reason,
        null);
  }

  private static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar
        && (Objects.equals(node.getTag(), Tag.NULL)
            || (scalar.isPlain() && NULLS.contains(scalar.getValue())));
  }

  /** What a node is, for messages: a mapping, a list, null or a string. */
  static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return isNull(node) ? "null" : "a string";
  }
}
