package dev.spyglass.cli.sync.config;

import static dev.spyglass.cli.sync.config.SyncValues.repoName;
import static dev.spyglass.cli.sync.config.YamlNodes.isNull;
import static dev.spyglass.cli.sync.config.YamlNodes.kind;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.Quote;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Walks one top-level entry of a sync source, a registry and what to sync from it, into a {@link
 * RegistrySource}: its keys, their types and their values, each failure at the node at fault.
 */
final class RegistryEntryReader {
  private static final List<String> REGISTRY_KEYS =
      List.of(
          "images",
          "images-by-tag-regex",
          "images-by-semver",
          "credentials",
          "tls-verify",
          "cert-dir");
  private static final List<String> CREDENTIAL_KEYS =
      List.of("username", "password", "identitytoken");
  // yaml.v3 takes these for a bool field in any style, besides plain true/false.
  private static final Set<String> YAML11_TRUE =
      Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON");
  private static final Set<String> YAML11_FALSE =
      Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF");

  private final YamlNodes nodes;

  RegistryEntryReader(YamlNodes nodes) {
    this.nodes = nodes;
  }

  RegistrySource registry(NodeTuple entry) {
    Node keyNode = entry.getKeyNode();
    String registry = nodes.key(keyNode);
    Optional<String> invalid = SyncValues.registryProblem(registry);
    if (invalid.isPresent()) {
      throw nodes.fail(keyNode, invalid.get());
    }
    String where = "registry " + Quote.of(registry);
    Node value = entry.getValueNode();
    List<ImageEntry> images = new ArrayList<>();
    Optional<Credentials> credentials = Optional.empty();
    Optional<Boolean> tlsVerify = Optional.empty();
    Optional<Path> certDir = Optional.empty();
    if (isNull(value)) {
      return new RegistrySource(registry, images, credentials, tlsVerify, certDir);
    }
    if (!(value instanceof MappingNode)) {
      throw nodes.fail(
          value,
          where
              + " must be a mapping of "
              + String.join(", ", REGISTRY_KEYS)
              + ", not "
              + kind(value));
    }
    for (NodeTuple setting : nodes.entries(value, where)) {
      Node settingKey = setting.getKeyNode();
      Node v = setting.getValueNode();
      String key = nodes.key(settingKey);
      switch (key) {
        case "images" -> {
          for (NodeTuple repo : repositories(v, key, where, "lists of tags or digests")) {
            images.add(tagged(registry, repo));
          }
        }
        case "images-by-tag-regex" -> {
          for (NodeTuple repo : repositories(v, key, where, "regexes")) {
            String repository = repository(registry, repo.getKeyNode());
            String regex =
                nodes.string(repo.getValueNode(), "the tag regex of " + repoName(repository));
            try {
              images.add(SyncValues.tagRegex(repository, regex));
            } catch (IllegalArgumentException e) {
              throw nodes.fail(repo.getValueNode(), e.getMessage());
            }
          }
        }
        case "images-by-semver" -> {
          for (NodeTuple repo : repositories(v, key, where, "semver constraints")) {
            String repository = repository(registry, repo.getKeyNode());
            String text =
                nodes.string(
                    repo.getValueNode(), "the semver constraint of " + repoName(repository));
            try {
              images.add(SyncValues.semver(repository, text));
            } catch (IllegalArgumentException e) {
              throw nodes.fail(repo.getValueNode(), e.getMessage());
            }
          }
        }
        case "credentials" -> credentials = credentials(v, where);
        case "tls-verify" -> tlsVerify = tlsVerify(v, where);
        case "cert-dir" -> {
          String dir = nodes.string(v, Quote.of(key) + " of " + where);
          if (!dir.isEmpty()) {
            try {
              certDir = Optional.of(Path.of(dir));
            } catch (InvalidPathException e) {
              throw nodes.fail(
                  v, "invalid " + Quote.of(key) + " " + Quote.of(dir) + " of " + where);
            }
          }
        }
        default ->
            throw nodes.fail(
                settingKey,
                "unknown key "
                    + Quote.of(key)
                    + " in "
                    + where
                    + ": expected one of "
                    + String.join(", ", REGISTRY_KEYS));
      }
    }
    return new RegistrySource(registry, images, credentials, tlsVerify, certDir);
  }

  /** The entries of a repository mapping; null (the key alone) is none. */
  private List<NodeTuple> repositories(Node v, String key, String where, String values) {
    if (isNull(v)) {
      return List.of();
    }
    String what = Quote.of(key) + " of " + where;
    if (!(v instanceof MappingNode)) {
      throw nodes.fail(v, what + " must map repositories to " + values + ", not be " + kind(v));
    }
    return nodes.entries(v, what);
  }

  private ImageEntry tagged(String registry, NodeTuple repo) {
    String repository = repository(registry, repo.getKeyNode());
    Node v = repo.getValueNode();
    List<String> refs = new ArrayList<>();
    if (isNull(v)) {
      return new ImageEntry.Tagged(repository, refs);
    }
    if (!(v instanceof SequenceNode list)) {
      throw nodes.fail(
          v,
          "the tags of "
              + repoName(repository)
              + " must be a list of tags or digests (empty for every tag), not "
              + kind(v));
    }
    for (Node item : list.getValue()) {
      if (!(item instanceof ScalarNode scalar) || isNull(item)) {
        throw nodes.fail(
            item,
            "each tag of "
                + repoName(repository)
                + " must be a tag or a digest, not "
                + kind(item));
      }
      String ref = scalar.getValue();
      Optional<String> invalid = SyncValues.refProblem(repository, ref);
      if (invalid.isPresent()) {
        throw nodes.fail(item, invalid.get());
      }
      refs.add(ref);
    }
    return new ImageEntry.Tagged(repository, refs);
  }

  /** A repository key, checked as skopeo checks {@code REGISTRY/REPOSITORY}. */
  private String repository(String registry, Node keyNode) {
    String repository = nodes.key(keyNode);
    Optional<String> invalid = SyncValues.repositoryProblem(registry, repository);
    if (invalid.isPresent()) {
      throw nodes.fail(keyNode, invalid.get());
    }
    return repository;
  }

  private Optional<Credentials> credentials(Node v, String where) {
    if (isNull(v)) {
      return Optional.empty();
    }
    String what = "the credentials of " + where;
    if (!(v instanceof MappingNode)) {
      throw nodes.fail(v, what + " must be a mapping of username and password, not " + kind(v));
    }
    Map<String, String> values = new HashMap<>();
    for (NodeTuple entry : nodes.entries(v, what)) {
      String key = nodes.key(entry.getKeyNode());
      if (!CREDENTIAL_KEYS.contains(key)) {
        throw nodes.fail(
            entry.getKeyNode(),
            "unknown key "
                + Quote.of(key)
                + " in "
                + what
                + ": expected one of "
                + String.join(", ", CREDENTIAL_KEYS));
      }
      // The value is never quoted in a message: it may be the password.
      values.put(key, nodes.string(entry.getValueNode(), Quote.of(key) + " in " + what));
    }
    String username = values.getOrDefault("username", "");
    String password = values.getOrDefault("password", "");
    String token = values.getOrDefault("identitytoken", "");
    if (!token.isEmpty()) {
      if (!password.isEmpty() || !username.isEmpty()) {
        throw nodes.fail(
            v, what + " must give either username and password or identitytoken, not both");
      }
      return Optional.of(new Credentials("", token));
    }
    if (username.isEmpty() && password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Credentials(username, password));
  }

  private Optional<Boolean> tlsVerify(Node v, String where) {
    if (isNull(v)) {
      return Optional.empty();
    }
    if (v instanceof ScalarNode scalar) {
      String s = scalar.getValue();
      boolean plain = scalar.isPlain();
      if ((plain && (s.equals("true") || s.equals("True") || s.equals("TRUE")))
          || YAML11_TRUE.contains(s)) {
        return Optional.of(true);
      }
      if ((plain && (s.equals("false") || s.equals("False") || s.equals("FALSE")))
          || YAML11_FALSE.contains(s)) {
        return Optional.of(false);
      }
      throw nodes.fail(
          v, "\"tls-verify\" of " + where + " must be true or false, not " + Quote.of(s));
    }
    throw nodes.fail(v, "\"tls-verify\" of " + where + " must be true or false, not " + kind(v));
  }
}
