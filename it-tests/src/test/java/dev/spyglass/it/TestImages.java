package dev.spyglass.it;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Builds images of every manifest format with fixed content and pushes them, so that tests assert
 * on what a real registry stores: Docker schema2, OCI image manifest, and signed Docker schema1
 * (signed by {@link Schema1Images}, as the registry verifies schema1 signatures). Each image lives
 * in its own repository under two tags. Layers are small gzip tar archives made here byte for byte
 * (fixed names, modes and times), so digests are the same on every run of one JDK.
 */
final class TestImages {
  static final String SCHEMA2_REPOSITORY = "spyglass/schema2";
  static final String OCI_REPOSITORY = "spyglass/oci";
  static final String SCHEMA1_REPOSITORY = "spyglass/schema1";

  /** The gzip of an empty tar that Docker writes for schema1 layers that change no file. */
  static final byte[] EMPTY_GZIP_LAYER = {
    31, -117, 8, 0, 0, 9, 110, -120, 0, -1, 98, 24, 5, -93, 96, 20, -116, 88, 0, 8, 0, 0, -1, -1,
    46, -81, -75, -17, 0, 4, 0, 0
  };

  static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private TestImages() {}

  /** The manifest formats pushed. */
  enum Format {
    SCHEMA1,
    SCHEMA2,
    OCI
  }

  /** Content with the media type it is pushed and described as. */
  record Blob(String mediaType, byte[] bytes) {
    Digest digest() {
      return Digest.sha256(bytes);
    }

    long size() {
      return bytes.length;
    }

    Descriptor descriptor() {
      return Descriptor.of(mediaType, digest(), bytes.length);
    }
  }

  /** What the config says, as {@code inspect} reports it; {@code dockerVersion} may be empty. */
  record ImageFacts(
      String created,
      String author,
      String dockerVersion,
      String architecture,
      String variant,
      String os,
      Map<String, String> labels,
      List<String> env) {
    OffsetDateTime createdTime() {
      return OffsetDateTime.parse(created);
    }
  }

  /**
   * One pushed image. Schema2 and OCI push the same manifest under every tag; schema1 pushes one
   * signed manifest per tag (its payload names the tag), so digests are per tag.
   *
   * @param layers base layer first, as {@code ImageManifest.layers()} lists them
   * @param manifests the bytes pushed under each tag
   * @param digests the digest the registry reported for each tag's manifest
   */
  record PushedImage(
      Format format,
      String repository,
      String mediaType,
      List<String> tags,
      Map<String, byte[]> manifests,
      Map<String, Digest> digests,
      Optional<Blob> config,
      List<Blob> layers,
      ImageFacts facts) {

    String firstTag() {
      return tags.get(0);
    }

    Digest digest(String tag) {
      return require(digests, tag);
    }

    byte[] manifest(String tag) {
      return require(manifests, tag);
    }

    /** {@code docker://HOST:PORT/REPO:TAG}. */
    String byTag(String hostPort, String tag) {
      return "docker://" + hostPort + "/" + repository + ":" + tag;
    }

    /** {@code docker://HOST:PORT/REPO@DIGEST}, with the digest of {@code tag}'s manifest. */
    String byDigest(String hostPort, String tag) {
      return "docker://" + hostPort + "/" + repository + "@" + digest(tag);
    }

    private <T> T require(Map<String, T> map, String tag) {
      T value = map.get(tag);
      if (value == null) {
        throw new IllegalArgumentException(
            "tag \"" + tag + "\" was not pushed to \"" + repository + "\"; pushed: " + tags);
      }
      return value;
    }
  }

  /** The three images {@link #pushAll} pushes. */
  record Pushed(PushedImage schema1, PushedImage schema2, PushedImage oci) {
    List<PushedImage> all() {
      return List.of(schema1, schema2, oci);
    }

    PushedImage image(Format format) {
      return switch (format) {
        case SCHEMA1 -> schema1;
        case SCHEMA2 -> schema2;
        case OCI -> oci;
      };
    }
  }

  /** Pushes the schema2, OCI and schema1 images, each in its own repository. */
  static Pushed pushAll(RegistryPusher pusher) throws IOException, InterruptedException {
    return new Pushed(
        Schema1Images.push(pusher, SCHEMA1_REPOSITORY, List.of("v1", "latest")),
        pushSchema2(pusher, SCHEMA2_REPOSITORY, List.of("1.0", "latest")),
        pushOci(pusher, OCI_REPOSITORY, List.of("2.0", "stable")));
  }

  /** A Docker schema2 image of three layers, linux/amd64. */
  static PushedImage pushSchema2(RegistryPusher pusher, String repository, List<String> tags)
      throws IOException, InterruptedException {
    ImageFacts facts =
        new ImageFacts(
            "2024-02-29T12:34:56.789012345Z",
            "Spyglass IT <it@spyglass.dev>",
            "24.0.7",
            "amd64",
            "",
            "linux",
            labels("schema2"),
            List.of(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "GREETING=hello world"));
    List<Blob> layers = new ArrayList<>();
    List<byte[]> tars = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      byte[] tar = tar("etc/spyglass/schema2-layer-" + i + ".txt", "schema2 layer " + i + "\n");
      tars.add(tar);
      layers.add(new Blob(MediaType.DOCKER_LAYER_GZIP, gzip(tar)));
    }
    Blob config = new Blob(MediaType.DOCKER_CONFIG, configJson(facts, tars));
    JsonObject manifest = new JsonObject();
    manifest.addProperty("schemaVersion", 2);
    manifest.addProperty("mediaType", MediaType.DOCKER_SCHEMA2);
    manifest.add("config", descriptorJson(config, Map.of()));
    JsonArray layerArray = new JsonArray();
    layers.forEach(layer -> layerArray.add(descriptorJson(layer, Map.of())));
    manifest.add("layers", layerArray);
    return push(
        pusher,
        Format.SCHEMA2,
        repository,
        tags,
        MediaType.DOCKER_SCHEMA2,
        manifest,
        config,
        layers,
        facts);
  }

  /** An OCI image of two layers (one annotated), linux/arm64/v8, with no Docker version. */
  static PushedImage pushOci(RegistryPusher pusher, String repository, List<String> tags)
      throws IOException, InterruptedException {
    ImageFacts facts =
        new ImageFacts(
            "2023-11-05T08:09:10.5Z",
            "",
            "",
            "arm64",
            "v8",
            "linux",
            labels("oci"),
            List.of("PATH=/usr/bin:/bin", "LANG=C.UTF-8"));
    byte[] first = tar("usr/share/spyglass/oci-base.txt", "oci base layer\n");
    byte[] second = tar("usr/share/spyglass/oci-app.txt", "oci application layer\n");
    List<Blob> layers =
        List.of(
            new Blob(MediaType.OCI_LAYER_GZIP, gzip(first)),
            new Blob(MediaType.OCI_LAYER_GZIP, gzip(second)));
    Blob config = new Blob(MediaType.OCI_CONFIG, configJson(facts, List.of(first, second)));
    JsonObject manifest = new JsonObject();
    manifest.addProperty("schemaVersion", 2);
    manifest.addProperty("mediaType", MediaType.OCI_MANIFEST);
    manifest.add("config", descriptorJson(config, Map.of()));
    JsonArray layerArray = new JsonArray();
    layerArray.add(descriptorJson(layers.get(0), Map.of()));
    layerArray.add(
        descriptorJson(layers.get(1), Map.of("org.opencontainers.image.title", "oci-app.tar.gz")));
    manifest.add("layers", layerArray);
    JsonObject annotations = new JsonObject();
    annotations.addProperty("org.opencontainers.image.created", facts.created());
    manifest.add("annotations", annotations);
    return push(
        pusher,
        Format.OCI,
        repository,
        tags,
        MediaType.OCI_MANIFEST,
        manifest,
        config,
        layers,
        facts);
  }

  /** Labels in deliberately unsorted order, with characters HTML escaping would mangle. */
  static Map<String, String> labels(String flavour) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.title", "spyglass-it-" + flavour);
    labels.put("maintainer", "Spyglass IT <it@spyglass.dev>");
    labels.put("com.example.expression", "a=b&c<d>");
    return labels;
  }

  private static PushedImage push(
      RegistryPusher pusher,
      Format format,
      String repository,
      List<String> tags,
      String mediaType,
      JsonObject manifest,
      Blob config,
      List<Blob> layers,
      ImageFacts facts)
      throws IOException, InterruptedException {
    for (Blob layer : layers) {
      pusher.pushBlob(repository, layer.bytes());
    }
    pusher.pushBlob(repository, config.bytes());
    byte[] bytes = GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> manifests = new LinkedHashMap<>();
    Map<String, Digest> digests = new LinkedHashMap<>();
    for (String tag : tags) {
      manifests.put(tag, bytes);
      digests.put(tag, pusher.pushManifest(repository, tag, bytes, mediaType));
    }
    return new PushedImage(
        format,
        repository,
        mediaType,
        tags,
        manifests,
        digests,
        Optional.of(config),
        layers,
        facts);
  }

  /** A schema2/OCI image config (Docker's field names, which OCI shares). */
  static byte[] configJson(ImageFacts facts, List<byte[]> tars) {
    JsonObject config = new JsonObject();
    config.addProperty("created", facts.created());
    if (!facts.author().isEmpty()) {
      config.addProperty("author", facts.author());
    }
    config.addProperty("architecture", facts.architecture());
    if (!facts.variant().isEmpty()) {
      config.addProperty("variant", facts.variant());
    }
    config.addProperty("os", facts.os());
    if (!facts.dockerVersion().isEmpty()) {
      config.addProperty("docker_version", facts.dockerVersion());
    }
    config.add("config", runConfigJson(facts));
    JsonObject rootfs = new JsonObject();
    rootfs.addProperty("type", "layers");
    JsonArray diffIds = new JsonArray();
    JsonArray history = new JsonArray();
    for (int i = 0; i < tars.size(); i++) {
      diffIds.add(Digest.sha256(tars.get(i)).toString());
      JsonObject entry = new JsonObject();
      entry.addProperty("created", facts.created());
      entry.addProperty("created_by", "/bin/sh -c #(nop) ADD layer " + (i + 1));
      history.add(entry);
    }
    rootfs.add("diff_ids", diffIds);
    config.add("rootfs", rootfs);
    config.add("history", history);
    return GSON.toJson(config).getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code config} object of an image config: environment, labels, command. */
  static JsonObject runConfigJson(ImageFacts facts) {
    JsonObject run = new JsonObject();
    JsonArray env = new JsonArray();
    facts.env().forEach(env::add);
    run.add("Env", env);
    JsonArray cmd = new JsonArray();
    cmd.add("/bin/sh");
    run.add("Cmd", cmd);
    run.addProperty("WorkingDir", "/");
    JsonObject labels = new JsonObject();
    facts.labels().forEach(labels::addProperty);
    run.add("Labels", labels);
    return run;
  }

  static JsonObject descriptorJson(Blob blob, Map<String, String> annotations) {
    JsonObject descriptor = new JsonObject();
    descriptor.addProperty("mediaType", blob.mediaType());
    descriptor.addProperty("size", blob.size());
    descriptor.addProperty("digest", blob.digest().toString());
    if (!annotations.isEmpty()) {
      JsonObject map = new JsonObject();
      annotations.forEach(map::addProperty);
      descriptor.add("annotations", map);
    }
    return descriptor;
  }

  /** A deterministic layer id for schema1 history: the hex of SHA-256 of {@code seed}. */
  static String layerId(String seed) {
    return Digest.sha256(seed.getBytes(StandardCharsets.UTF_8)).hex();
  }

  /** A ustar archive with one regular file, fixed owner, mode 0644 and time. */
  static byte[] tar(String name, String content) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", data.length));
    put(header, 136, String.format("%011o", 1_700_000_000L));
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    put(header, 265, "root");
    put(header, 297, "root");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    header[155] = ' ';
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    out.writeBytes(data);
    out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
