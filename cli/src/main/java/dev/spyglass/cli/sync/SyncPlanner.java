package dev.spyglass.cli.sync;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DockerName;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Quote;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.sync.config.ImageEntry;
import dev.spyglass.cli.sync.config.RegistrySource;
import dev.spyglass.cli.sync.config.SyncConfig;
import dev.spyglass.transport.layout.OciTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Finds the images of a sync source as skopeo 1.9 does: a registry repository (every tag) or one
 * image; the {@code dir:} images below a directory (each directory holding a {@code manifest.json},
 * walked in Go's {@code filepath.WalkDir} order); the named images of the OCI layouts below a
 * directory (Spyglass's {@code --src oci}); or the entries of a YAML source. Only the repositories
 * of the {@link Shard} are looked at, so that a shard lists only its own tags. Tag lists are asked
 * for one repository at a time; every other request is left to the run.
 */
public final class SyncPlanner {
  private final Transports transports;
  private final ImageOptions sourceOptions;
  private final Shard shard;
  private final Consumer<String> warnings;

  /**
   * @param warnings where a line goes for what skopeo only warns about (a repository with no tag to
   *     sync, a tag the registry lists that is no valid tag)
   */
  public SyncPlanner(
      Transports transports, ImageOptions sourceOptions, Shard shard, Consumer<String> warnings) {
    this.transports = transports;
    this.sourceOptions = sourceOptions;
    this.shard = shard;
    this.warnings = warnings;
  }

  /** What a source holds: the groups found, and the repositories whose tags could not be listed. */
  public record Plan(List<SyncGroup> groups, List<Failure> failures) {
    public Plan {
      groups = List.copyOf(groups);
      failures = List.copyOf(failures);
    }

    public int images() {
      return groups.stream().mapToInt(g -> g.images().size()).sum();
    }
  }

  /** A repository of a YAML source whose tags could not be listed. */
  public record Failure(String subject, ImageException cause) {}

  /**
   * The images of {@code source} for {@code kind}.
   *
   * @throws ImageException when a registry source's tags cannot be listed, a directory cannot be
   *     read, or a registry or directory source holds no image
   * @throws InvalidReferenceException when a name is invalid (a usage error)
   */
  public Plan plan(SyncKind kind, String source) throws ImageException {
    return switch (kind) {
      case DOCKER -> new Plan(docker(source).stream().toList(), List.of());
      case DIR -> new Plan(local(source, false), List.of());
      case OCI -> new Plan(local(source, true), List.of());
      case YAML -> yaml(SyncConfig.parse(Path.of(source)));
    };
  }

  private java.util.Optional<SyncGroup> docker(String source) throws ImageException {
    DockerName name = DockerName.parse(source);
    if (!shard.owns(name.name())) {
      return java.util.Optional.empty();
    }
    if (!isNameOnly(source)) {
      return java.util.Optional.of(new SyncGroup(name.name(), List.of(image(name, sourceOptions))));
    }
    List<SyncImage> images = tagged(name, sourceOptions, tag -> true);
    if (images.isEmpty()) {
      throw new ImageException("no images to sync found in " + Quote.of(source));
    }
    return java.util.Optional.of(new SyncGroup(name.name(), images));
  }

  /** Whether a docker name has neither tag nor digest (a repository, all of whose tags sync). */
  static boolean isNameOnly(String text) {
    return text.indexOf('@') < 0 && text.indexOf(':', text.lastIndexOf('/') + 1) < 0;
  }

  private SyncImage image(DockerName name, ImageOptions options) {
    return new SyncImage(
        name.name(), transports.parse("docker://" + name.fullName()), options, name.fullName());
  }

  /** The images of the repository's tags that {@code filter} keeps, in the registry's order. */
  private List<SyncImage> tagged(
      DockerName repository, ImageOptions options, Predicate<String> filter) throws ImageException {
    List<String> tags;
    try (ImageSource lister =
        transports.parse("docker://" + repository.name() + ":latest").newImageSource(options)) {
      tags = lister.tags();
    }
    List<SyncImage> images = new ArrayList<>();
    for (String tag : tags) {
      DockerName tagged;
      try {
        tagged = DockerName.parse(repository.name() + ":" + tag);
      } catch (InvalidReferenceException e) {
        warnings.accept(
            "warning: repository "
                + Quote.of(repository.name())
                + " lists tag "
                + Quote.of(tag)
                + ", which is no valid tag; skipped");
        continue;
      }
      if (filter.test(tag)) {
        images.add(image(tagged, options));
      }
    }
    return images;
  }

  /**
   * The images of a YAML source: per repository entry, the tags or digests named, or the registry's
   * tags (all, or those a regex finds a match in, or those meeting a semver constraint). A
   * repository whose tags cannot be listed is a {@link Failure}, and the others go on.
   *
   * @throws InvalidReferenceException when an entry names no valid repository, tag or digest
   */
  public Plan plan(SyncConfig config) {
    return yaml(config);
  }

  private Plan yaml(SyncConfig config) {
    List<SyncGroup> groups = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (RegistrySource registry : config.registries()) {
      ImageOptions options = options(registry);
      for (ImageEntry entry : registry.images()) {
        String repositoryText = repository(entry);
        DockerName repository = DockerName.parse(registry.registry() + "/" + repositoryText);
        if (!isNameOnly(registry.registry() + "/" + repositoryText)) {
          throw new InvalidReferenceException(
              registry.registry() + "/" + repositoryText,
              "an entry of a YAML source names a repository, without tag or digest");
        }
        if (!shard.owns(repository.name())) {
          continue;
        }
        List<SyncImage> images;
        try {
          images = images(entry, repository, options);
        } catch (ImageException e) {
          failures.add(new Failure("repository " + Quote.of(repository.name()), e));
          continue;
        }
        if (images.isEmpty()) {
          warnings.accept("warning: no images to sync found in " + Quote.of(repository.name()));
          continue;
        }
        groups.add(new SyncGroup(repository.name(), images));
      }
    }
    return new Plan(groups, failures);
  }

  private static String repository(ImageEntry entry) {
    if (entry instanceof ImageEntry.Tagged tagged) {
      return tagged.repository();
    } else if (entry instanceof ImageEntry.TagRegex regex) {
      return regex.repository();
    } else if (entry instanceof ImageEntry.Semver semver) {
      return semver.repository();
    }
    throw new IllegalStateException("unknown image entry " + entry);
  }

  private List<SyncImage> images(ImageEntry entry, DockerName repository, ImageOptions options)
      throws ImageException {
    if (entry instanceof ImageEntry.Tagged tagged) {
      if (tagged.tagsOrDigests().isEmpty()) {
        return tagged(repository, options, tag -> true);
      }
      List<SyncImage> images = new ArrayList<>();
      for (String ref : tagged.tagsOrDigests()) {
        images.add(image(named(repository, ref), options));
      }
      return images;
    } else if (entry instanceof ImageEntry.TagRegex regex) {
      return tagged(repository, options, regex::matches);
    } else if (entry instanceof ImageEntry.Semver semver) {
      return tagged(repository, options, tag -> semver.constraint().matches(tag));
    }
    throw new IllegalStateException("unknown image entry " + entry);
  }

  /** {@code ref} as skopeo reads it: a digest when it parses as one, else a tag. */
  private static DockerName named(DockerName repository, String ref) {
    try {
      return repository.withDigest(Digest.parse(ref));
    } catch (IllegalArgumentException notADigest) {
      return DockerName.parse(repository.name() + ":" + ref);
    }
  }

  private ImageOptions options(RegistrySource registry) {
    ImageOptions.Builder b = sourceOptions.toBuilder();
    registry.tlsVerify().ifPresent(b::tlsVerify);
    registry.certDir().ifPresent(b::certDir);
    registry.credentials().ifPresent(b::credentials);
    return b.build();
  }

  /** The {@code dir:} images ({@code oci} false) or OCI layouts below {@code source}. */
  private List<SyncGroup> local(String source, boolean oci) throws ImageException {
    Path root = Path.of(source);
    if (!Files.exists(root)) {
      throw new dev.spyglass.api.NotFoundException(
          "source directory", source, "invalid source directory specified: no such directory");
    }
    List<String> found = new ArrayList<>();
    try {
      if (oci) {
        walkLayouts(source, found);
      } else {
        walkDirImages(source, found);
      }
    } catch (IOException e) {
      throw new ImageException("walking " + Quote.of(source) + " failed: " + e.getMessage(), e);
    }
    List<SyncImage> images = new ArrayList<>();
    for (String dir : found) {
      String suffix = dir.startsWith(source) ? dir.substring(source.length()) : dir;
      if (suffix.isEmpty()) {
        suffix = GoPath.base(source);
      }
      if (oci) {
        addLayoutImages(dir, suffix, images);
      } else {
        images.add(
            new SyncImage(
                repositoryOf(suffix), transports.parse("dir:" + dir), sourceOptions, suffix));
      }
    }
    images.removeIf(image -> !shard.owns(image.repository()));
    if (images.isEmpty()) {
      if (found.isEmpty()) {
        throw new ImageException("no images to sync found in " + Quote.of(source));
      }
      return List.of();
    }
    return List.of(new SyncGroup(source, images));
  }

  /**
   * Go's {@code filepath.WalkDir} with skopeo's callback: entries in name order, directories
   * descended (symbolic links not followed), and a {@code manifest.json} file records its directory
   * and ends the walk of that directory (its later entries are not visited).
   */
  private static void walkDirImages(String dir, List<String> found) throws IOException {
    for (Path entry : sorted(Path.of(dir))) {
      String name = entry.getFileName().toString();
      String path = GoPath.join(dir, name);
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        walkDirImages(path, found);
      } else if (name.equals("manifest.json")) {
        found.add(GoPath.dir(path));
        return;
      }
    }
  }

  /** Directories holding an {@code oci-layout} file, in name order; a layout is not descended. */
  private static void walkLayouts(String dir, List<String> found) throws IOException {
    if (Files.isRegularFile(Path.of(dir).resolve("oci-layout"))) {
      found.add(dir.equals(GoPath.clean(dir)) ? dir : GoPath.clean(dir));
      return;
    }
    for (Path entry : sorted(Path.of(dir))) {
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        walkLayouts(GoPath.join(dir, entry.getFileName().toString()), found);
      }
    }
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
  }

  /** Each named image of the layout at {@code dir}: {@code SUFFIX:REF}; unnamed ones are warned. */
  private void addLayoutImages(String dir, String suffix, List<SyncImage> images)
      throws ImageException {
    Path index = Path.of(dir).resolve("index.json");
    JsonObject json;
    try {
      json =
          JsonParser.parseString(Files.readString(index, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new ImageException(
          "reading the index of OCI layout " + Quote.of(dir) + " failed: " + e.getMessage(), e);
    }
    OciTransport oci = SyncNames.ociTransport(transports);
    JsonElement manifests = json.get("manifests");
    if (manifests == null || !manifests.isJsonArray()) {
      return;
    }
    String repository = GoPath.clean(suffix);
    for (JsonElement element : manifests.getAsJsonArray()) {
      JsonElement annotations =
          element.isJsonObject() ? element.getAsJsonObject().get("annotations") : null;
      JsonElement name =
          annotations != null && annotations.isJsonObject()
              ? annotations.getAsJsonObject().get("org.opencontainers.image.ref.name")
              : null;
      if (name == null || !name.isJsonPrimitive()) {
        warnings.accept(
            "warning: an image of OCI layout "
                + Quote.of(dir)
                + " has no org.opencontainers.image.ref.name; skipped");
        continue;
      }
      String ref = name.getAsString();
      images.add(
          new SyncImage(
              repository, oci.reference(Path.of(dir), ref), sourceOptions, suffix + ":" + ref));
    }
  }

  /** The repository a {@code dir:} image's suffix names: without its {@code :TAG} or digest. */
  static String repositoryOf(String suffix) {
    String base = GoPath.base(suffix);
    String parent = suffix.substring(0, Math.max(0, suffix.length() - base.length()));
    int at = base.indexOf('@');
    int colon = base.lastIndexOf(':');
    int cut = at >= 0 ? at : colon;
    return GoPath.clean(parent + (cut >= 0 ? base.substring(0, cut) : base));
  }
}
