package dev.spyglass.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.spyglass.api.Digest;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Platform;
import dev.spyglass.it.TestImages.Blob;
import dev.spyglass.it.TestImages.ImageFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds and pushes multi-platform images: a Docker manifest list of Docker schema2 images and an
 * OCI index of OCI images, each with one image per platform of {@link #PLATFORMS} (linux/amd64,
 * linux/arm64/v8, linux/arm/v7), in its own repository under several tags. Every platform image has
 * its own config (architecture, OS and variant set; its own labels, environment and creation time)
 * and its own two layers. The platform manifests are pushed by digest before the list that names
 * them, as the registry requires.
 */
final class MultiPlatformImages {
  static final String LIST_REPOSITORY = "spyglass/multi-list";
  static final String INDEX_REPOSITORY = "spyglass/multi-index";

  /** The platforms of every list, in list order. */
  static final List<Platform> PLATFORMS =
      List.of(
          Platform.of("linux", "amd64", ""),
          Platform.of("linux", "arm64", "v8"),
          Platform.of("linux", "arm", "v7"));

  private MultiPlatformImages() {}

  /** The two kinds of list and the media types of what they hold. */
  enum Kind {
    DOCKER_LIST(
        MediaType.DOCKER_MANIFEST_LIST,
        MediaType.DOCKER_SCHEMA2,
        MediaType.DOCKER_CONFIG,
        MediaType.DOCKER_LAYER_GZIP),
    OCI_INDEX(
        MediaType.OCI_INDEX,
        MediaType.OCI_MANIFEST,
        MediaType.OCI_CONFIG,
        MediaType.OCI_LAYER_GZIP);

    final String listMediaType;
    final String manifestMediaType;
    final String configMediaType;
    final String layerMediaType;

    Kind(String list, String manifest, String config, String layer) {
      this.listMediaType = list;
      this.manifestMediaType = manifest;
      this.configMediaType = config;
      this.layerMediaType = layer;
    }
  }

  /** One platform's image as pushed: its manifest bytes and digest, its config and layers. */
  record PlatformImage(
      Platform platform,
      String mediaType,
      byte[] manifest,
      Digest digest,
      Blob config,
      List<Blob> layers,
      ImageFacts facts) {}

  /**
   * One pushed list or index: the same bytes under every tag.
   *
   * @param images one per platform, in list order
   */
  record PushedList(
      Kind kind,
      String repository,
      List<String> tags,
      byte[] bytes,
      Digest digest,
      List<PlatformImage> images) {

    String mediaType() {
      return kind.listMediaType;
    }

    String firstTag() {
      return tags.get(0);
    }

    /** {@code docker://HOST:PORT/REPO:TAG}. */
    String byTag(String hostPort, String tag) {
      return "docker://" + hostPort + "/" + repository + ":" + tag;
    }

    /** {@code docker://HOST:PORT/REPO@DIGEST} with the list's digest. */
    String byDigest(String hostPort) {
      return "docker://" + hostPort + "/" + repository + "@" + digest;
    }

    /** The image of exactly {@code platform} (OS, architecture and variant equal). */
    PlatformImage image(Platform platform) {
      return find(platform)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "\"" + repository + "\" has no image for \"" + platform + "\""));
    }

    Optional<PlatformImage> find(Platform platform) {
      return images.stream()
          .filter(
              image ->
                  image.platform().os().equals(platform.os())
                      && image.platform().architecture().equals(platform.architecture())
                      && image.platform().variant().equals(platform.variant()))
          .findFirst();
    }
  }

  /** The Docker list and the OCI index {@link #pushAll} pushes. */
  record Pushed(PushedList list, PushedList index) {
    List<PushedList> all() {
      return List.of(list, index);
    }

    PushedList of(Kind kind) {
      return switch (kind) {
        case DOCKER_LIST -> list;
        case OCI_INDEX -> index;
      };
    }
  }

  /** Pushes the Docker list and the OCI index, each in its own repository, each under five tags. */
  static Pushed pushAll(RegistryPusher pusher) throws IOException, InterruptedException {
    return new Pushed(
        push(
            pusher,
            Kind.DOCKER_LIST,
            LIST_REPOSITORY,
            List.of("3.1", "latest", "3", "edge", "3.1.4")),
        push(
            pusher,
            Kind.OCI_INDEX,
            INDEX_REPOSITORY,
            List.of("7.0", "stable", "7", "beta", "7.0.2")));
  }

  /** Pushes the platform images of {@link #PLATFORMS} and a list of {@code kind} naming them. */
  static PushedList push(RegistryPusher pusher, Kind kind, String repository, List<String> tags)
      throws IOException, InterruptedException {
    return push(pusher, kind, repository, tags, PLATFORMS);
  }

  /** Pushes one image per platform of {@code platforms} and a list of {@code kind} naming them. */
  static PushedList push(
      RegistryPusher pusher,
      Kind kind,
      String repository,
      List<String> tags,
      List<Platform> platforms)
      throws IOException, InterruptedException {
    List<PlatformImage> images = new ArrayList<>();
    int index = 0;
    for (Platform platform : platforms) {
      images.add(pushImage(pusher, kind, repository, platform, index++));
    }
    JsonObject list = new JsonObject();
    list.addProperty("schemaVersion", 2);
    list.addProperty("mediaType", kind.listMediaType);
    JsonArray manifests = new JsonArray();
    for (PlatformImage image : images) {
      JsonObject entry =
          TestImages.descriptorJson(new Blob(image.mediaType(), image.manifest()), Map.of());
      JsonObject platform = new JsonObject();
      platform.addProperty("architecture", image.platform().architecture());
      platform.addProperty("os", image.platform().os());
      if (!image.platform().variant().isEmpty()) {
        platform.addProperty("variant", image.platform().variant());
      }
      entry.add("platform", platform);
      manifests.add(entry);
    }
    list.add("manifests", manifests);
    if (kind == Kind.OCI_INDEX) {
      JsonObject annotations = new JsonObject();
      annotations.addProperty("org.opencontainers.image.ref.name", repository);
      list.add("annotations", annotations);
    }
    byte[] bytes = TestImages.GSON.toJson(list).getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(bytes);
    for (String tag : tags) {
      Digest reported = pusher.pushManifest(repository, tag, bytes, kind.listMediaType);
      if (!reported.equals(digest)) {
        throw new IOException(
            "the registry reported \""
                + reported
                + "\" for the list pushed as \""
                + repository
                + ":"
                + tag
                + "\", expected \""
                + digest
                + "\"");
      }
    }
    return new PushedList(kind, repository, tags, bytes, digest, images);
  }

  private static PlatformImage pushImage(
      RegistryPusher pusher, Kind kind, String repository, Platform platform, int index)
      throws IOException, InterruptedException {
    String name = kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + platformName(platform);
    Map<String, String> labels = new LinkedHashMap<>(TestImages.labels(name));
    labels.put("dev.spyglass.platform", platform.toString());
    ImageFacts facts =
        new ImageFacts(
            String.format(
                "2025-%02d-%02dT10:20:%02d.%dZ", index % 12 + 1, index % 18 + 10, index, index + 1),
            "Spyglass IT <it@spyglass.dev>",
            kind == Kind.DOCKER_LIST ? "25.0." + index : "",
            platform.architecture(),
            platform.variant(),
            platform.os(),
            labels,
            List.of("PATH=/usr/bin:/bin", "PLATFORM=" + platform));
    List<byte[]> tars = new ArrayList<>();
    List<Blob> layers = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      byte[] tar =
          TestImages.tar(
              "opt/spyglass/" + name + "-layer-" + i + ".txt",
              name + " layer " + i + " for " + platform + "\n");
      tars.add(tar);
      layers.add(new Blob(kind.layerMediaType, TestImages.gzip(tar)));
    }
    Blob config = new Blob(kind.configMediaType, TestImages.configJson(facts, tars));
    for (Blob layer : layers) {
      pusher.pushBlob(repository, layer.bytes());
    }
    pusher.pushBlob(repository, config.bytes());
    JsonObject manifest = new JsonObject();
    manifest.addProperty("schemaVersion", 2);
    manifest.addProperty("mediaType", kind.manifestMediaType);
    manifest.add("config", TestImages.descriptorJson(config, Map.of()));
    JsonArray layerArray = new JsonArray();
    layers.forEach(layer -> layerArray.add(TestImages.descriptorJson(layer, Map.of())));
    manifest.add("layers", layerArray);
    byte[] bytes = TestImages.GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(bytes);
    Digest reported =
        pusher.pushManifest(repository, digest.toString(), bytes, kind.manifestMediaType);
    if (!reported.equals(digest)) {
      throw new IOException(
          "the registry reported \""
              + reported
              + "\" for the "
              + platform
              + " manifest pushed to \""
              + repository
              + "\" as \""
              + digest
              + "\"");
    }
    return new PlatformImage(
        platform, kind.manifestMediaType, bytes, digest, config, List.copyOf(layers), facts);
  }

  /** {@code linux-arm64-v8}: a platform as a file-name part. */
  static String platformName(Platform platform) {
    return platform.toString().replace('/', '-');
  }
}
