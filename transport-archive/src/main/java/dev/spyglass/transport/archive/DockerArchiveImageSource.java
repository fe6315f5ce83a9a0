package dev.spyglass.transport.archive;

import dev.spyglass.api.BoundedInput;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import dev.spyglass.transport.archive.internal.ArchiveJson;
import dev.spyglass.transport.archive.internal.DockerName;
import dev.spyglass.transport.archive.internal.TarArchive;
import dev.spyglass.transport.archive.internal.json.ImageConfigJson;
import dev.spyglass.transport.archive.internal.json.ManifestItemJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one image of a {@code docker save} archive. The manifest is built from {@code
 * manifest.json} and the config as skopeo builds it, byte for byte: a Docker schema2 manifest whose
 * layers are the config's diff IDs with their uncompressed sizes. A layer file that is itself
 * gzip-compressed (as Spyglass writes them, to keep a registry's layer digests) is served as it is,
 * named by the digest of its compressed bytes (taken from its file name {@code <hex>.tar} when that
 * is what Spyglass wrote, verified as it is read, else computed when the archive is opened). Thread
 * safe; closing releases the file.
 */
final class DockerArchiveImageSource implements ImageSource {
  static final String MANIFEST = "manifest.json";

  /** containers/image's limit for {@code manifest.json}. */
  static final int MAX_MANIFEST_JSON = 1024 * 1024;

  private static final Pattern HEX_NAME = Pattern.compile("(?:.*/)?([a-f0-9]{64})\\.tar");

  private final DockerArchiveReference reference;
  private final TarArchive archive;
  private final byte[] config;
  private final Digest configDigest;
  private final Map<Digest, TarArchive.Entry> layers;
  private final RawManifest manifest;

  private DockerArchiveImageSource(
      DockerArchiveReference reference,
      TarArchive archive,
      byte[] config,
      Map<Digest, TarArchive.Entry> layers,
      RawManifest manifest) {
    this.reference = reference;
    this.archive = archive;
    this.config = config;
    this.configDigest = Digest.sha256(config);
    this.layers = layers;
    this.manifest = manifest;
  }

  static DockerArchiveImageSource open(DockerArchiveReference reference, ImageOptions options)
      throws ImageException {
    String what = "archive \"" + reference.path() + "\"";
    TarArchive archive = TarArchive.openMaybeCompressed(reference.path(), what);
    try {
      List<ManifestItemJson> items =
          ArchiveJson.manifestItems(
              archive.read(MANIFEST, MAX_MANIFEST_JSON), MANIFEST + " of " + what);
      int chosen = choose(items, reference, what);
      ManifestItemJson item = items.get(chosen);
      String itemWhat = "image @" + chosen + " of " + MANIFEST + " in " + what;
      if (item.config == null || item.layers == null) {
        throw new InvalidManifestException(
            TarArchive.RULE, itemWhat + " has no Config or no Layers");
      }
      byte[] config = archive.read(inside(item.config, itemWhat), BoundedInput.MAX_CONFIG_BYTES);
      ImageConfigJson parsed =
          ArchiveJson.config(config, "config \"" + item.config + "\" of " + what);
      if (parsed.rootfs == null || parsed.rootfs.diffIds == null) {
        throw new InvalidManifestException(
            TarArchive.RULE,
            "config \"" + item.config + "\" of " + what + " has no rootfs.diff_ids");
      }
      List<String> diffIds = parsed.rootfs.diffIds;
      if (diffIds.size() != item.layers.size()) {
        throw new InvalidManifestException(
            TarArchive.RULE,
            itemWhat
                + " lists "
                + item.layers.size()
                + " layers, its config "
                + diffIds.size()
                + " diff IDs");
      }
      Map<Digest, TarArchive.Entry> layers = new HashMap<>();
      Map<String, Digest> byFile = new HashMap<>();
      List<Descriptor> descriptors = new ArrayList<>();
      for (int i = 0; i < diffIds.size(); i++) {
        Digest diffId;
        try {
          diffId = Digest.parse(diffIds.get(i));
        } catch (IllegalArgumentException e) {
          throw new InvalidManifestException(
              TarArchive.RULE,
              i,
              "diff ID " + i + " of config \"" + item.config + "\" is invalid: " + e.getMessage(),
              e);
        }
        String file = inside(item.layers.get(i), itemWhat);
        TarArchive.Entry entry = archive.require(file);
        Descriptor descriptor = describeLayer(archive, file, entry, diffId);
        Digest previous = byFile.putIfAbsent(file, diffId);
        if (previous != null && !previous.equals(diffId)) {
          throw new InvalidManifestException(
              TarArchive.RULE,
              i,
              "layer file \"" + file + "\" of " + what + " is used for two different diff IDs");
        }
        layers.putIfAbsent(descriptor.digest(), entry);
        descriptors.add(descriptor);
      }
      byte[] bytes = schema2(config, descriptors);
      RawManifest manifest = new RawManifest(bytes, MediaType.DOCKER_SCHEMA2, Digest.sha256(bytes));
      return new DockerArchiveImageSource(reference, archive, config, layers, manifest);
    } catch (ImageException | RuntimeException e) {
      archive.close();
      throw e;
    }
  }

  /** The image the reference picks: by name among {@code RepoTags}, by index, or the only one. */
  private static int choose(
      List<ManifestItemJson> items, DockerArchiveReference reference, String what)
      throws ImageException {
    DockerName wanted = reference.dockerNameAndTag();
    if (wanted != null) {
      for (int i = 0; i < items.size(); i++) {
        List<String> tags = items.get(i).repoTags;
        for (String tag : tags == null ? List.<String>of() : tags) {
          DockerName parsed;
          try {
            parsed = DockerName.parse(tag);
          } catch (InvalidReferenceException e) {
            throw new InvalidManifestException(
                TarArchive.RULE,
                i,
                "tag \""
                    + tag
                    + "\" of image @"
                    + i
                    + " in "
                    + what
                    + " is invalid: "
                    + e.getMessage(),
                e);
          }
          if (parsed.equals(wanted)) {
            return i;
          }
        }
      }
      throw new NotFoundException(
          "image", reference.describe(), "no image of " + what + " is tagged \"" + wanted + "\"");
    }
    if (reference.index().isPresent()) {
      int index = reference.index().getAsInt();
      if (index >= items.size()) {
        throw new NotFoundException(
            "image",
            reference.describe(),
            what + " holds " + items.size() + " images, @0 to @" + (items.size() - 1));
      }
      return index;
    }
    if (items.size() != 1) {
      throw new ImageException(
          what
              + " holds "
              + items.size()
              + " images; name one, as in \"docker-archive:"
              + reference.path()
              + ":NAME:TAG\" or \"docker-archive:"
              + reference.path()
              + ":@INDEX\"");
    }
    return 0;
  }

  /** A name {@code manifest.json} gives, cleaned; one that leaves the archive is refused. */
  private static String inside(String name, String what) throws InvalidManifestException {
    return TarArchive.clean(name, "file \"" + name + "\" named by " + what);
  }

  /**
   * skopeo's descriptor for an uncompressed layer file (its diff ID and size, with the gzip media
   * type skopeo writes); the file as it is for a gzip-compressed one.
   */
  private static Descriptor describeLayer(
      TarArchive archive, String file, TarArchive.Entry entry, Digest diffId)
      throws ImageException {
    byte[] head = new byte[2];
    int n;
    try (InputStream in = archive.open(entry)) {
      n = in.readNBytes(head, 0, 2);
    } catch (IOException e) {
      throw new ImageException(
          "reading layer \"" + file + "\" of \"" + archive.file() + "\" failed: " + e.getMessage(),
          e);
    }
    boolean gzip = n == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    if (!gzip) {
      return Descriptor.of(MediaType.DOCKER_LAYER_GZIP, diffId, entry.size());
    }
    Matcher m = HEX_NAME.matcher(file);
    if (m.matches() && !m.group(1).equals(diffId.hex())) {
      // Written by Spyglass: <compressed digest>.tar. Checked when the blob is read.
      return Descriptor.of(
          MediaType.DOCKER_LAYER_GZIP, Digest.parse("sha256:" + m.group(1)), entry.size());
    }
    MessageDigest sha = Digest.newMessageDigest(Digest.SHA256);
    try (InputStream in = archive.open(entry)) {
      byte[] buffer = new byte[256 * 1024];
      int r;
      while ((r = in.read(buffer)) > 0) {
        sha.update(buffer, 0, r);
      }
    } catch (IOException e) {
      throw new ImageException(
          "reading layer \"" + file + "\" of \"" + archive.file() + "\" failed: " + e.getMessage(),
          e);
    }
    return Descriptor.of(
        MediaType.DOCKER_LAYER_GZIP, Digest.of(Digest.SHA256, sha.digest()), entry.size());
  }

  /**
   * The schema2 manifest as Go's {@code json.Marshal} writes containers/image's {@code Schema2}.
   */
  static byte[] schema2(byte[] config, List<Descriptor> layers) {
    StringBuilder json = new StringBuilder(256 + 140 * layers.size());
    json.append("{\"schemaVersion\":2,\"mediaType\":\"")
        .append(MediaType.DOCKER_SCHEMA2)
        .append('"');
    json.append(",\"config\":");
    descriptor(json, Descriptor.of(MediaType.DOCKER_CONFIG, Digest.sha256(config), config.length));
    json.append(",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      descriptor(json, layers.get(i));
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void descriptor(StringBuilder json, Descriptor d) {
    json.append("{\"mediaType\":\"")
        .append(d.mediaType())
        .append("\",\"size\":")
        .append(d.size())
        .append(",\"digest\":\"")
        .append(d.digest())
        .append("\"}");
  }

  @Override
  public DockerArchiveReference reference() {
    return reference;
  }

  @Override
  public RawManifest manifest() {
    return manifest;
  }

  /** An archive holds single images: only the image's own manifest is found by digest. */
  @Override
  public RawManifest manifest(Digest digest) throws ImageException {
    if (digest.equals(manifest.digest())) {
      return manifest;
    }
    throw new NotFoundException(
        "manifest",
        reference.describe() + "@" + digest,
        "a docker-archive: holds no manifest lists");
  }

  @Override
  public InputStream blob(Descriptor blob) throws ImageException {
    if (blob.digest().equals(configDigest)) {
      return new DigestVerifyingInputStream(new ByteArrayInputStream(config), blob);
    }
    TarArchive.Entry entry = layers.get(blob.digest());
    if (entry == null) {
      throw new NotFoundException(
          "blob", blob.digest().toString(), "not a layer or the config of " + reference.describe());
    }
    return new DigestVerifyingInputStream(archive.open(entry), blob);
  }

  /** An archive lists no tags: skopeo prints {@code "RepoTags": []}. */
  @Override
  public List<String> tags() {
    return List.of();
  }

  @Override
  public void close() {
    archive.close();
  }
}
