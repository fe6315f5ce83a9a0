package dev.spyglass.cli.sync.config;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DockerName;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Quote;
import dev.spyglass.api.RegistryNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

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

  private static final int MAX_ALIASES = 50;
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
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
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  // yaml.v3 takes these for a bool field in any style, besides plain true/false.
  private static final Set<String> YAML11_TRUE =
      Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON");
  private static final Set<String> YAML11_FALSE =
      Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF");

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
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new SyncConfigException(name, 0, 0, "the file does not exist", e);
    } catch (IOException e) {
      throw new SyncConfigException(
          name, 0, 0, "cannot be read: " + Quote.line(String.valueOf(e.getMessage())), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new SyncConfigException(
          name, 0, 0, "the file is larger than " + MAX_BYTES + " bytes", null);
    }
    return parse(bytes, name);
  }

  /** Parses the bytes of a file; {@code name} (already escaped) prefixes every message. */
  static SyncConfig parse(byte[] bytes, String name) {
    String text = decode(bytes, name);
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(name)
            .setUseMarks(true)
            .setAllowRecursiveKeys(false)
            // Let non-scalar keys through, to be refused below with their position.
            .setAllowNonScalarKeys(true)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(MAX_BYTES)
            .build();
    Optional<Node> root;
    try {
      // What Compose.composeString does (its package is not exported): one document, as nodes.
      root =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)))
              .getSingleNode();
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      String context = e.getContext();
      String reason =
          "invalid YAML: "
              + (context == null || context.isEmpty() ? "" : context + ": ")
              + e.getProblem();
      throw new SyncConfigException(
          name,
          mark.map(m -> m.getLine() + 1).orElse(0),
          mark.map(m -> m.getColumn() + 1).orElse(0),
          Quote.line(reason),
          e);
    } catch (ReaderException e) {
      int[] position = position(text, e.getPosition());
      throw new SyncConfigException(
          name,
          position[0],
          position[1],
          "invalid YAML: the character U+"
              + String.format("%04X", e.getCodePoint())
              + " is not allowed",
          e);
    } catch (YamlEngineException e) {
      throw new SyncConfigException(
          name, 0, 0, "invalid YAML: " + Quote.line(String.valueOf(e.getMessage())), e);
    }
    return new Reader(name).config(root);
  }

  private static String decode(byte[] bytes, String name) {
    Charset charset = StandardCharsets.UTF_8;
    int skip = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      skip = 3;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
      charset = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      charset = StandardCharsets.UTF_16LE;
      skip = 2;
    }
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SyncConfigException(
          name, 0, 0, "the file is not " + charset.displayName() + " text", e);
    }
  }

  /** Line and column (from 1) of the code point at {@code index}. */
  private static int[] position(String text, int index) {
    int line = 1;
    int column = 1;
    int i = 0;
    for (int k = 0; k < index && i < text.length(); k++) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }

  /** Walks the composed nodes; every failure names the node's position. */
  private static final class Reader {
    private final String name;

    Reader(String name) {
      this.name = name;
    }

    SyncConfig config(Optional<Node> root) {
      if (root.isEmpty() || isNull(root.get())) {
        throw fail(root.orElse(null), "the file holds no registries");
      }
      Node top = root.get();
      if (!(top instanceof MappingNode)) {
        throw fail(
            top, "the file must map registries to what to sync from them, not be " + kind(top));
      }
      List<RegistrySource> registries = new ArrayList<>();
      for (NodeTuple entry : entries(top, "the file")) {
        registries.add(registry(entry));
      }
      if (registries.isEmpty()) {
        throw fail(top, "the file holds no registries");
      }
      return new SyncConfig(registries);
    }

    private RegistrySource registry(NodeTuple entry) {
      Node keyNode = entry.getKeyNode();
      String registry = key(keyNode);
      try {
        RegistryNames.parse(registry);
      } catch (IllegalArgumentException e) {
        throw fail(keyNode, e.getMessage());
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
        throw fail(
            value,
            where
                + " must be a mapping of "
                + String.join(", ", REGISTRY_KEYS)
                + ", not "
                + kind(value));
      }
      for (NodeTuple setting : entries(value, where)) {
        Node settingKey = setting.getKeyNode();
        Node v = setting.getValueNode();
        String key = key(settingKey);
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
                  string(repo.getValueNode(), "the tag regex of " + repoName(repository));
              try {
                images.add(ImageEntry.TagRegex.of(repository, regex));
              } catch (IllegalArgumentException e) {
                throw fail(
                    repo.getValueNode(),
                    "invalid tag regex "
                        + Quote.of(regex)
                        + " of "
                        + repoName(repository)
                        + ": "
                        + e.getMessage());
              }
            }
          }
          case "images-by-semver" -> {
            for (NodeTuple repo : repositories(v, key, where, "semver constraints")) {
              String repository = repository(registry, repo.getKeyNode());
              String text =
                  string(repo.getValueNode(), "the semver constraint of " + repoName(repository));
              try {
                images.add(new ImageEntry.Semver(repository, SemverConstraint.parse(text)));
              } catch (IllegalArgumentException e) {
                throw fail(
                    repo.getValueNode(),
                    "invalid semver constraint "
                        + Quote.of(text)
                        + " of "
                        + repoName(repository)
                        + ": "
                        + e.getMessage());
              }
            }
          }
          case "credentials" -> credentials = credentials(v, where);
          case "tls-verify" -> tlsVerify = tlsVerify(v, where);
          case "cert-dir" -> {
            String dir = string(v, Quote.of(key) + " of " + where);
            if (!dir.isEmpty()) {
              try {
                certDir = Optional.of(Path.of(dir));
              } catch (InvalidPathException e) {
                throw fail(v, "invalid " + Quote.of(key) + " " + Quote.of(dir) + " of " + where);
              }
            }
          }
          default ->
              throw fail(
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
        throw fail(v, what + " must map repositories to " + values + ", not be " + kind(v));
      }
      return entries(v, what);
    }

    private ImageEntry tagged(String registry, NodeTuple repo) {
      String repository = repository(registry, repo.getKeyNode());
      Node v = repo.getValueNode();
      List<String> refs = new ArrayList<>();
      if (isNull(v)) {
        return new ImageEntry.Tagged(repository, refs);
      }
      if (!(v instanceof SequenceNode list)) {
        throw fail(
            v,
            "the tags of "
                + repoName(repository)
                + " must be a list of tags or digests (empty for every tag), not "
                + kind(v));
      }
      for (Node item : list.getValue()) {
        if (!(item instanceof ScalarNode scalar) || isNull(item)) {
          throw fail(
              item,
              "each tag of "
                  + repoName(repository)
                  + " must be a tag or a digest, not "
                  + kind(item));
        }
        String ref = scalar.getValue();
        if (ref.indexOf(':') >= 0) {
          // skopeo tries a digest first; a tag cannot hold ':'.
          try {
            Digest.parse(ref);
          } catch (IllegalArgumentException e) {
            throw fail(item, "invalid digest of " + repoName(repository) + ": " + e.getMessage());
          }
        } else if (!TAG.matcher(ref).matches()) {
          throw fail(
              item,
              "invalid tag "
                  + Quote.of(ref)
                  + " of "
                  + repoName(repository)
                  + ": a tag is 1 to 128 letters, digits, '_', '.' or '-', not starting with '.'"
                  + " or '-'");
        }
        refs.add(ref);
      }
      return new ImageEntry.Tagged(repository, refs);
    }

    /** A repository key, checked as skopeo checks {@code REGISTRY/REPOSITORY}. */
    private String repository(String registry, Node keyNode) {
      String repository = key(keyNode);
      String where = "repository " + Quote.of(repository) + " of registry " + Quote.of(registry);
      if (repository.indexOf(':') >= 0 || repository.indexOf('@') >= 0) {
        throw fail(
            keyNode,
            "invalid "
                + where
                + ": it must name a repository, without a tag or digest (list those under it)");
      }
      try {
        DockerName.parse(registry + "/" + repository);
      } catch (InvalidReferenceException e) {
        throw fail(keyNode, "invalid " + where + ": " + e.reason());
      }
      return repository;
    }

    private Optional<Credentials> credentials(Node v, String where) {
      if (isNull(v)) {
        return Optional.empty();
      }
      String what = "the credentials of " + where;
      if (!(v instanceof MappingNode)) {
        throw fail(v, what + " must be a mapping of username and password, not " + kind(v));
      }
      Map<String, String> values = new HashMap<>();
      for (NodeTuple entry : entries(v, what)) {
        String key = key(entry.getKeyNode());
        if (!CREDENTIAL_KEYS.contains(key)) {
          throw fail(
              entry.getKeyNode(),
              "unknown key "
                  + Quote.of(key)
                  + " in "
                  + what
                  + ": expected one of "
                  + String.join(", ", CREDENTIAL_KEYS));
        }
        // The value is never quoted in a message: it may be the password.
        values.put(key, string(entry.getValueNode(), Quote.of(key) + " in " + what));
      }
      String username = values.getOrDefault("username", "");
      String password = values.getOrDefault("password", "");
      String token = values.getOrDefault("identitytoken", "");
      if (!token.isEmpty()) {
        if (!password.isEmpty() || !username.isEmpty()) {
          throw fail(
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
        throw fail(v, "\"tls-verify\" of " + where + " must be true or false, not " + Quote.of(s));
      }
      throw fail(v, "\"tls-verify\" of " + where + " must be true or false, not " + kind(v));
    }

    /** The entries of a mapping whose keys are strings, each once. */
    private List<NodeTuple> entries(Node mapping, String what) {
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

    private String key(Node keyNode) {
      if (!(keyNode instanceof ScalarNode scalar) || isNull(keyNode)) {
        throw fail(keyNode, "a key must be a string, not " + kind(keyNode));
      }
      return scalar.getValue();
    }

    /** A string value; null is the empty string, as for skopeo's YAML library. */
    private String string(Node v, String what) {
      if (isNull(v)) {
        return "";
      }
      if (!(v instanceof ScalarNode scalar)) {
        throw fail(v, what + " must be a string, not " + kind(v));
      }
      return scalar.getValue();
    }

    private static String repoName(String repository) {
      return "repository " + Quote.of(repository);
    }

    private SyncConfigException fail(@org.jspecify.annotations.Nullable Node node, String reason) {
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

    private static boolean isNull(Node node) {
      return node instanceof ScalarNode scalar
          && (Objects.equals(node.getTag(), Tag.NULL)
              || (scalar.isPlain() && NULLS.contains(scalar.getValue())));
    }

    private static String kind(Node node) {
      if (node instanceof MappingNode) {
        return "a mapping";
      }
      if (node instanceof SequenceNode) {
        return "a list";
      }
      return isNull(node) ? "null" : "a string";
    }
  }
}
