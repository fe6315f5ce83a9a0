package dev.spyglass.manifest.oci.internal;

import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Quote;
import dev.spyglass.gojson.GoJson;
import dev.spyglass.gojson.GoJsonException;
import dev.spyglass.gojson.GoValue;
import dev.spyglass.manifest.oci.internal.json.ManifestJson;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads manifest bytes into the wire form after the checks all four formats share: JSON syntax (as
 * Go parses it), no ambiguous fields, JSON types, {@code schemaVersion} 2, a {@code mediaType} that
 * agrees with the type parsed as, and no fields of other formats.
 */
public final class ManifestReader {
  /** Every field name of the wire classes and of the formats they must not be confused with. */
  private static final List<String> KNOWN_FIELDS =
      List.of(
          "schemaVersion",
          "mediaType",
          "artifactType",
          "config",
          "layers",
          "manifests",
          "subject",
          "annotations",
          "digest",
          "size",
          "urls",
          "data",
          "platform",
          "architecture",
          "os",
          "os.version",
          "os.features",
          "variant",
          "features",
          "fsLayers",
          "history",
          "blobs",
          "signatures");

  /** The fields containers/image's ValidateUnambiguousManifestFormat looks for. */
  private static final List<String> FORMAT_FIELDS =
      List.of("fsLayers", "history", "blobs", "manifests", "config", "layers", "subject");

  private static final Map<String, Set<String>> ALLOWED_FORMAT_FIELDS =
      Map.of(
          MediaType.DOCKER_SCHEMA2, Set.of("config", "layers"),
          MediaType.OCI_MANIFEST, Set.of("config", "layers", "subject"),
          MediaType.DOCKER_MANIFEST_LIST, Set.of("manifests"),
          MediaType.OCI_INDEX, Set.of("manifests", "subject"));

  private static final Set<String> NESTED_OBJECTS = Set.of("config", "subject", "platform");
  private static final Set<String> NESTED_ARRAYS = Set.of("layers", "manifests");
  private static final Pattern ENTRY_INDEX = Pattern.compile("^(?:layers|manifests)\\[(\\d+)]");

  private ManifestReader() {}

  /**
   * The wire form of {@code bytes} parsed as {@code mediaType} (one of the four types, normalised).
   * Docker types require the top-level {@code mediaType} field, OCI types allow it to be absent.
   */
  public static ManifestJson read(byte[] bytes, String mediaType) throws InvalidManifestException {
    GoValue.Obj root = parseObject(bytes);
    checkFieldNames(root, "");
    ManifestJson json;
    try {
      json = WireBinding.bind(root);
    } catch (WireBinding.WrongType e) {
      String field = e.path().isEmpty() ? "manifest" : e.path();
      throw new InvalidManifestException(
          Rules.FIELD_TYPE, entryIndex(e.path()), field + " " + e.getMessage());
    }
    Long version = json.schemaVersion();
    if (version == null || version != 2) {
      throw new InvalidManifestException(
          Rules.SCHEMA_VERSION,
          version == null
              ? "manifest has no schemaVersion; expected 2"
              : "manifest schemaVersion is " + version + ", expected 2");
    }
    String declared = json.mediaType();
    if (declared == null && mediaType.startsWith("application/vnd.docker.")) {
      throw new InvalidManifestException(
          Rules.MISSING_MEDIA_TYPE,
          "manifest has no mediaType field; " + mediaType + " requires it");
    }
    if (declared != null && !declared.equals(mediaType)) {
      throw new InvalidManifestException(
          Rules.MEDIA_TYPE_MISMATCH,
          "manifest mediaType "
              + Quote.of(declared)
              + " contradicts "
              + Quote.of(mediaType)
              + ", the type it is parsed as");
    }
    checkFormatFields(root, mediaType);
    return json;
  }

  /** The entry index a field path is about ({@code layers[2].size} gives 2), or -1. */
  static int entryIndex(String path) {
    Matcher matcher = ENTRY_INDEX.matcher(path);
    if (matcher.find()) {
      try {
        return Integer.parseInt(matcher.group(1));
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  private static GoValue.Obj parseObject(byte[] bytes) throws InvalidManifestException {
    GoValue root;
    try {
      root = GoJson.parse(bytes);
    } catch (GoJsonException e) {
      throw new InvalidManifestException(
          Rules.MALFORMED_JSON, -1, "manifest is not valid JSON: " + e.getMessage(), e);
    }
    if (!(root instanceof GoValue.Obj object)) {
      throw new InvalidManifestException(
          Rules.MALFORMED_JSON, "manifest is a JSON " + root.kind() + ", not an object");
    }
    return object;
  }

  /**
   * Refuses a known field that appears twice in one object, or in a different letter case: Go (in
   * registries and containers/image) would read {@code "Layers"} as {@code layers}, and tools
   * differ on which duplicate wins, so such a manifest means different things to different readers.
   */
  private static void checkFieldNames(GoValue.Obj object, String path)
      throws InvalidManifestException {
    Set<String> seen = new HashSet<>();
    String where = path.isEmpty() ? "manifest" : path;
    for (GoValue.Member member : object.members()) {
      String name = member.name();
      for (String known : KNOWN_FIELDS) {
        if (!known.equals(name) && GoJson.foldEquals(known, name)) {
          throw new InvalidManifestException(
              Rules.AMBIGUOUS_FIELD,
              entryIndex(path),
              where
                  + " has field "
                  + Quote.of(name)
                  + ", which differs from \""
                  + known
                  + "\" only in letter case; Go-based tools read it as \""
                  + known
                  + "\"");
        }
      }
      if (KNOWN_FIELDS.contains(name) && !seen.add(name)) {
        throw new InvalidManifestException(
            Rules.AMBIGUOUS_FIELD,
            entryIndex(path),
            where + " has field \"" + name + "\" twice; tools differ on which one counts");
      }
      String child = path.isEmpty() ? name : path + "." + name;
      if (NESTED_OBJECTS.contains(name) && member.value() instanceof GoValue.Obj nested) {
        checkFieldNames(nested, child);
      } else if (NESTED_ARRAYS.contains(name) && member.value() instanceof GoValue.Arr array) {
        for (int i = 0; i < array.elements().size(); i++) {
          if (array.elements().get(i) instanceof GoValue.Obj element) {
            checkFieldNames(element, child + "[" + i + "]");
          }
        }
      }
    }
  }

  private static void checkFormatFields(GoValue.Obj root, String mediaType)
      throws InvalidManifestException {
    Set<String> allowed = ALLOWED_FORMAT_FIELDS.getOrDefault(mediaType, Set.of());
    for (GoValue.Member member : root.members()) {
      if (FORMAT_FIELDS.contains(member.name())
          && !allowed.contains(member.name())
          && !(member.value() instanceof GoValue.Null)) {
        throw new InvalidManifestException(
            Rules.AMBIGUOUS_MANIFEST,
            "manifest parsed as "
                + Quote.of(mediaType)
                + " has field \""
                + member.name()
                + "\", which belongs to other manifest formats");
      }
    }
  }
}
