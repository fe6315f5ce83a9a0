package dev.spyglass.transport.archive;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.api.BoundedInput;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import dev.spyglass.transport.archive.internal.ArchiveJson;
import dev.spyglass.transport.archive.internal.ArchiveOutput;
import dev.spyglass.transport.archive.internal.DockerName;
import dev.spyglass.transport.archive.internal.GoJson;
import dev.spyglass.transport.archive.internal.json.DescriptorJson;
import dev.spyglass.transport.archive.internal.json.ImageConfigJson;
import dev.spyglass.transport.archive.internal.json.ManifestJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes one image as a {@code docker save} archive, laid out as skopeo 1.9 lays it out: each layer
 * as {@code <hex>.tar}, the config as {@code <hex>.json}, the legacy {@code <id>/layer.tar}, {@code
 * VERSION} and {@code json} of each layer, then {@code manifest.json} and {@code repositories}.
 * Unlike skopeo, layers are stored as they come (a registry's gzip-compressed layers stay
 * compressed, {@code <hex>} being their digest), so that copying the archive back keeps the layer
 * digests; {@code docker load} and skopeo decompress them. The archive is written to a temporary
 * file beside the target and renamed to it by {@link #putManifest(RawManifest)}. As with skopeo, an
 * existing non-empty file is not replaced.
 */
final class DockerArchiveImageDestination implements ImageDestination {
  private static final List<String> SUPPORTED = List.of(MediaType.DOCKER_SCHEMA2);
  private static final Set<String> CONFIG_TYPES =
      Set.of(MediaType.DOCKER_CONFIG, MediaType.OCI_CONFIG);

  private final DockerArchiveReference reference;
  private final List<DockerName> tags;
  private final ArchiveOutput output;
  /** Layers stored whole; one being written is not there yet. */
  private final Set<Digest> layers = ConcurrentHashMap.newKeySet();
  /** One lock per layer digest: a second put of a layer being written waits for the first. */
  private final Map<Digest, Object> writing = new ConcurrentHashMap<>();
  private final Map<Digest, byte[]> configs = new ConcurrentHashMap<>();

  private DockerArchiveImageDestination(
      DockerArchiveReference reference, List<DockerName> tags, ArchiveOutput output) {
    this.reference = reference;
    this.tags = tags;
    this.output = output;
  }

  static DockerArchiveImageDestination open(DockerArchiveReference reference, ImageOptions options)
      throws ImageException {
    if (reference.index().isPresent()) {
      throw new InvalidReferenceException(
          reference.describe(),
          "a destination cannot name an image by @INDEX; give NAME:TAG or nothing");
    }
    Set<DockerName> tags = new LinkedHashSet<>();
    if (reference.dockerNameAndTag() != null) {
      tags.add(reference.dockerNameAndTag());
    }
    for (String tag : options.additionalTags()) {
      try {
        tags.add(DockerName.parse(tag));
      } catch (InvalidReferenceException e) {
        throw new InvalidReferenceException(tag, "--additional-tag: " + e.getMessage());
      }
    }
    if (nonEmptyFile(reference.path())) {
      // As skopeo: a docker-archive: is never replaced or added to.
      throw new ImageException(
          "archive \""
              + reference.path()
              + "\" already exists; a docker-archive: destination does"
              + " not modify existing archives (remove it, or choose another path)");
    }
    ArchiveOutput output =
        ArchiveOutput.create(reference.path(), "archive \"" + reference.path() + "\"");
    return new DockerArchiveImageDestination(reference, List.copyOf(tags), output);
  }

  private static boolean nonEmptyFile(java.nio.file.Path path) throws ImageException {
    try {
      return Files.isRegularFile(path) && Files.size(path) > 0;
    } catch (IOException e) {
      throw new ImageException("reading \"" + path + "\" failed: " + e.getMessage(), e);
    }
  }

  @Override
  public DockerArchiveReference reference() {
    return reference;
  }

  /** Docker schema2 only: {@code manifest.json} describes schema2 images; others are converted. */
  @Override
  public List<String> supportedManifestMediaTypes() {
    return SUPPORTED;
  }

  @Override
  public boolean hasBlob(Descriptor blob) {
    return layers.contains(blob.digest()) || configs.containsKey(blob.digest());
  }

  @Override
  public void putBlob(Descriptor blob, InputStream content) throws ImageException {
    String what = "blob \"" + blob.digest() + "\"";
    if (CONFIG_TYPES.contains(MediaType.normalize(blob.mediaType()))) {
      try {
        byte[] bytes =
            BoundedInput.readAtMost(
                DigestVerifyingInputStream.of(content, blob),
                BoundedInput.MAX_CONFIG_BYTES,
                "config " + what);
        configs.put(blob.digest(), bytes);
      } catch (ImageException e) {
        throw e;
      } catch (IOException e) {
        throw new ImageException("reading config " + what + " failed: " + e.getMessage(), e);
      }
      return;
    }
    requireSha256(blob.digest());
    // A layer is there only once whole; a second put of one being written waits for the first
    // (and writes it itself when that write failed).
    synchronized (writing.computeIfAbsent(blob.digest(), d -> new Object())) {
      if (layers.contains(blob.digest())) {
        return;
      }
      output.addBlob(blob.digest().hex() + ".tar", blob, content);
      layers.add(blob.digest());
    }
  }

  @Override
  public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
    throw new ImageException(
        "a docker-archive: holds single images, not lists: copy one image of the list (without"
            + " --all) to \""
            + reference.describe()
            + "\"");
  }

  @Override
  public void putManifest(RawManifest manifest) throws ImageException {
    if (!MediaType.normalize(manifest.mediaType()).equals(MediaType.DOCKER_SCHEMA2)) {
      throw new ImageException(
          "manifest of media type \""
              + manifest.mediaType()
              + "\" cannot be stored in \""
              + reference.describe()
              + "\"; supported: "
              + MediaType.DOCKER_SCHEMA2);
    }
    byte[] bytes = manifest.bytes();
    Digest actual = manifest.digest().recompute(bytes);
    if (!actual.equals(manifest.digest())) {
      throw new DigestMismatchException(
          "manifest for \"" + reference.describe() + "\"", manifest.digest(), actual);
    }
    ManifestJson parsed =
        ArchiveJson.manifest(bytes, "manifest for \"" + reference.describe() + "\"");
    Digest configDigest = digest(parsed.config, "config");
    byte[] config = configs.get(configDigest);
    if (config == null) {
      throw new ImageException(
          "config \""
              + configDigest
              + "\" was not put before the manifest of \""
              + reference.describe()
              + "\"");
    }
    List<Digest> layerDigests = new ArrayList<>();
    for (DescriptorJson layer : parsed.layers == null ? List.<DescriptorJson>of() : parsed.layers) {
      Digest digest = digest(layer, "layer");
      if (!layers.contains(digest)) {
        throw new ImageException(
            "layer \""
                + digest
                + "\" was not put before the manifest of \""
                + reference.describe()
                + "\"");
      }
      layerDigests.add(digest);
    }
    String configName = configDigest.hex() + ".json";
    output.addBytes(configName, config);
    String lastLayerId = writeLegacyLayers(config, layerDigests);
    StringBuilder item =
        new StringBuilder("[{\"Config\":")
            .append(GoJson.quote(configName))
            .append(",\"RepoTags\":[");
    for (int i = 0; i < tags.size(); i++) {
      item.append(i > 0 ? "," : "").append(GoJson.quote(tags.get(i).toString()));
    }
    item.append("],\"Layers\":[");
    for (int i = 0; i < layerDigests.size(); i++) {
      item.append(i > 0 ? "," : "").append(GoJson.quote(layerDigests.get(i).hex() + ".tar"));
    }
    item.append("]}]");
    output.addBytes(
        DockerArchiveImageSource.MANIFEST, item.toString().getBytes(StandardCharsets.UTF_8));
    Map<String, Map<String, String>> repositories = new TreeMap<>();
    if (!lastLayerId.isEmpty()) {
      for (DockerName tag : tags) {
        repositories.computeIfAbsent(tag.name(), k -> new TreeMap<>()).put(tag.tag(), lastLayerId);
      }
    }
    output.addBytes("repositories", goMap(repositories).getBytes(StandardCharsets.UTF_8));
    output.commit();
  }

  /**
   * The legacy layout of {@code docker save} before {@code manifest.json}, as skopeo writes it: one
   * directory per layer, named by an ID chained from the layers' diff IDs.
   *
   * @return the ID of the last layer, or "" when there is none
   */
  private String writeLegacyLayers(byte[] config, List<Digest> layerDigests) throws ImageException {
    List<Digest> chain = layerDigests;
    ImageConfigJson parsed =
        ArchiveJson.config(config, "config of \"" + reference.describe() + "\"");
    if (parsed.rootfs != null
        && parsed.rootfs.diffIds != null
        && parsed.rootfs.diffIds.size() == layerDigests.size()) {
      List<Digest> diffIds = new ArrayList<>();
      for (String id : parsed.rootfs.diffIds) {
        if (!Digest.isValid(id)) {
          diffIds = null;
          break;
        }
        diffIds.add(Digest.parse(id));
      }
      if (diffIds != null) {
        chain = diffIds;
      }
    }
    JsonObject configObject = parseObject(config);
    Set<String> written = new java.util.HashSet<>();
    String chainId = "";
    String lastId = "";
    for (int i = 0; i < layerDigests.size(); i++) {
      TreeMap<String, String> layerConfig = new TreeMap<>();
      if (!lastId.isEmpty()) {
        layerConfig.put("parent", GoJson.quote(lastId));
      }
      if (i == layerDigests.size() - 1) {
        for (String key :
            List.of(
                "architecture",
                "config",
                "container",
                "container_config",
                "created",
                "docker_version",
                "os")) {
          JsonElement value = configObject == null ? null : configObject.get(key);
          layerConfig.put(key, value == null ? "null" : GoJson.compact(value.toString()));
        }
      }
      chainId =
          chainId.isEmpty()
              ? chain.get(i).toString()
              : Digest.sha256((chainId + " " + chain.get(i)).getBytes(StandardCharsets.UTF_8))
                  .toString();
      layerConfig.put("layer_id", GoJson.quote(chainId));
      String id = Digest.sha256(goObject(layerConfig).getBytes(StandardCharsets.UTF_8)).hex();
      layerConfig.remove("layer_id");
      layerConfig.put("id", GoJson.quote(id));
      if (written.add(id)) {
        output.addSymlink(id + "/layer.tar", "../" + layerDigests.get(i).hex() + ".tar");
        output.addBytes(id + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
        output.addBytes(id + "/json", goObject(layerConfig).getBytes(StandardCharsets.UTF_8));
      }
      lastId = id;
    }
    return lastId;
  }

  private static JsonObject parseObject(byte[] config) {
    try {
      JsonElement element = JsonParser.parseString(new String(config, StandardCharsets.UTF_8));
      return element.isJsonObject() ? element.getAsJsonObject() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A Go map of raw JSON values: keys sorted, as {@code json.Marshal} writes maps. */
  private static String goObject(TreeMap<String, String> rawValues) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, String> e : rawValues.entrySet()) {
      out.append(out.length() > 1 ? "," : "")
          .append(GoJson.quote(e.getKey()))
          .append(':')
          .append(e.getValue());
    }
    return out.append('}').toString();
  }

  private static String goMap(Map<String, Map<String, String>> map) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, Map<String, String>> e : map.entrySet()) {
      TreeMap<String, String> inner = new TreeMap<>();
      e.getValue().forEach((k, v) -> inner.put(k, GoJson.quote(v)));
      out.append(out.length() > 1 ? "," : "")
          .append(GoJson.quote(e.getKey()))
          .append(':')
          .append(goObject(inner));
    }
    return out.append('}').toString();
  }

  private Digest digest(DescriptorJson descriptor, String kind) throws ImageException {
    if (descriptor == null || descriptor.digest == null || !Digest.isValid(descriptor.digest)) {
      throw new ImageException(
          "the manifest for \"" + reference.describe() + "\" has no valid " + kind + " digest");
    }
    Digest digest = Digest.parse(descriptor.digest);
    requireSha256(digest);
    return digest;
  }

  private static void requireSha256(Digest digest) throws ImageException {
    if (!digest.algorithm().equals(Digest.SHA256)) {
      throw new ImageException(
          "digest \""
              + digest
              + "\" cannot be stored in a docker-archive:, which names files by SHA-256 only");
    }
  }

  @Override
  public void close() {
    output.close();
  }
}
