package dev.spyglass.manifest.oci.internal;

import static dev.spyglass.api.InvalidManifestException.UNSUPPORTED_CONVERSION;

import dev.spyglass.api.ConvertedImage;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Platform;
import dev.spyglass.api.Quote;
import dev.spyglass.api.RawManifest;
import dev.spyglass.gojson.GoJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Converts Docker schema2 and OCI image manifests into each other as containers/image v5.23
 * (skopeo 1.9.3) does: layer media types mapped one to one (zstd and unknown types refused), the
 * manifest written as Go's {@code json.Marshal} of the target struct. Schema2 to OCI rewrites the
 * config as {@code json.Marshal} of image-spec's {@code v1.Image} decoded from it; OCI to schema2
 * keeps the config bytes.
 */
public final class ManifestConverter {
  static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
  static final String DOCKER_FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar";
  static final String DOCKER_FOREIGN_GZIP =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
  static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  static final String OCI_NONDIST = "application/vnd.oci.image.layer.nondistributable.v1.tar";
  static final String OCI_NONDIST_GZIP =
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";

  private static final Map<String, String> DOCKER_TO_OCI =
      Map.of(
          MediaType.DOCKER_LAYER_GZIP, MediaType.OCI_LAYER_GZIP,
          DOCKER_LAYER, OCI_LAYER,
          DOCKER_FOREIGN_GZIP, OCI_NONDIST_GZIP,
          DOCKER_FOREIGN, OCI_NONDIST);
  private static final Map<String, String> OCI_TO_DOCKER =
      Map.of(
          MediaType.OCI_LAYER_GZIP, MediaType.DOCKER_LAYER_GZIP,
          OCI_LAYER, DOCKER_LAYER,
          OCI_NONDIST_GZIP, DOCKER_FOREIGN_GZIP,
          OCI_NONDIST, DOCKER_FOREIGN);

  private ManifestConverter() {}

  /** Schema2 ({@code config}, {@code layers}) to an OCI image manifest. */
  public static ConvertedImage schema2ToOci(
      Descriptor config, List<Descriptor> layers, byte[] configBlob)
      throws InvalidManifestException {
    byte[] ociConfig =
        GoJson.compact(ImageConfigReader.ociJson(configBlob, config.digest()))
            .getBytes(StandardCharsets.UTF_8);
    Descriptor newConfig =
        Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(ociConfig), ociConfig.length);
    List<Descriptor> newLayers = mapLayers(layers, DOCKER_TO_OCI, MediaType.OCI_MANIFEST);
    StringBuilder out =
        imageManifest(
            MediaType.OCI_MANIFEST, newConfig, newLayers, ManifestConverter::ociDescriptor);
    return result(out, MediaType.OCI_MANIFEST, newConfig, ociConfig);
  }

  /** An OCI image manifest ({@code config}, {@code layers}) to schema2; annotations are dropped. */
  public static ConvertedImage ociToSchema2(
      Descriptor config, List<Descriptor> layers, byte[] configBlob)
      throws InvalidManifestException {
    if (!config.mediaType().equals(MediaType.OCI_CONFIG)) {
      throw new InvalidManifestException(
          UNSUPPORTED_CONVERSION,
          "cannot convert OCI manifest with config \""
              + config.digest()
              + "\" of media type "
              + Quote.of(config.mediaType())
              + " to "
              + MediaType.DOCKER_SCHEMA2
              + ": it is an artifact, not an image");
    }
    ImageConfigReader.requireContent(config, configBlob);
    Descriptor newConfig =
        new Descriptor(
            MediaType.DOCKER_CONFIG, config.digest(), config.size(), config.urls(), Map.of());
    List<Descriptor> newLayers = mapLayers(layers, OCI_TO_DOCKER, MediaType.DOCKER_SCHEMA2);
    StringBuilder out =
        imageManifest(
            MediaType.DOCKER_SCHEMA2, newConfig, newLayers, ManifestConverter::schema2Descriptor);
    return result(out, MediaType.DOCKER_SCHEMA2, newConfig, configBlob);
  }

  /**
   * {@code {"schemaVersion":2,"mediaType":...,"config":...,"layers":[...]}}, as containers/image
   * serializes both image manifest types, each descriptor written by {@code descriptor}.
   */
  private static StringBuilder imageManifest(
      String mediaType,
      Descriptor config,
      List<Descriptor> layers,
      BiConsumer<StringBuilder, Descriptor> descriptor) {
    StringBuilder out = new StringBuilder();
    out.append("{\"schemaVersion\":2,\"mediaType\":")
        .append(GoJson.quote(mediaType))
        .append(",\"config\":");
    descriptor.accept(out, config);
    out.append(",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      descriptor.accept(out, layers.get(i));
    }
    out.append("]}");
    return out;
  }

  /**
   * A Docker manifest list or OCI index ({@code entries}, and for an OCI index its {@code
   * annotations}) written as {@code target}, entries in {@code instances} replaced (media type,
   * digest, size), as containers/image's {@code UpdateInstances} then {@code ConvertToMIMEType}
   * then {@code Serialize} do. Docker's entry {@code features} are not kept (Spyglass does not
   * parse them). Converting to a Docker list gives an entry without platform containers/image's
   * default, the host's (Go's {@code runtime.GOOS}/{@code GOARCH}).
   */
  public static RawManifest list(
      List<IndexEntry> entries,
      Map<String, String> annotations,
      String target,
      Map<Digest, Descriptor> instances)
      throws InvalidManifestException {
    boolean oci = target.equals(MediaType.OCI_INDEX);
    if (!oci && !target.equals(MediaType.DOCKER_MANIFEST_LIST)) {
      throw new InvalidManifestException(
          UNSUPPORTED_CONVERSION,
          "cannot write a manifest list as "
              + Quote.of(target)
              + "; it can be written as "
              + MediaType.OCI_INDEX
              + " or "
              + MediaType.DOCKER_MANIFEST_LIST);
    }
    StringBuilder out = new StringBuilder();
    out.append("{\"schemaVersion\":2,\"mediaType\":")
        .append(GoJson.quote(target))
        .append(",\"manifests\":[");
    for (int i = 0; i < entries.size(); i++) {
      IndexEntry entry = entries.get(i);
      Descriptor old = entry.descriptor();
      Descriptor now = instances.getOrDefault(old.digest(), old);
      Descriptor d =
          new Descriptor(now.mediaType(), now.digest(), now.size(), old.urls(), old.annotations());
      out.append(i > 0 ? "," : "");
      if (oci) {
        ociDescriptorOpen(out, d);
        entry.platform().ifPresent(p -> platform(out.append(",\"platform\":"), p));
        out.append('}');
      } else {
        out.append("{\"mediaType\":")
            .append(GoJson.quote(d.mediaType()))
            .append(",\"size\":")
            .append(d.size())
            .append(",\"digest\":")
            .append(GoJson.quote(d.digest().toString()));
        urls(out, d);
        platform(out.append(",\"platform\":"), entry.platform().orElseGet(ManifestConverter::host));
        out.append('}');
      }
    }
    out.append(']');
    if (oci && !annotations.isEmpty()) {
      annotations(out, annotations);
    }
    out.append('}');
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    return new RawManifest(bytes, target, Digest.sha256(bytes));
  }

  /** Go's {@code runtime.GOOS}/{@code GOARCH} for this machine. */
  private static Platform host() {
    String arch = System.getProperty("os.arch", "");
    String goArch =
        switch (arch) {
          case "x86_64", "amd64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "x86", "i386", "i686" -> "386";
          default -> arch;
        };
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String goOs = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "darwin" : os;
    return Platform.of(goOs, goArch, "");
  }

  /** image-spec {@code Platform} / Docker {@code Schema2PlatformSpec} without features. */
  private static void platform(StringBuilder out, Platform p) {
    out.append("{\"architecture\":")
        .append(GoJson.quote(p.architecture()))
        .append(",\"os\":")
        .append(GoJson.quote(p.os()));
    if (!p.osVersion().isEmpty()) {
      out.append(",\"os.version\":").append(GoJson.quote(p.osVersion()));
    }
    if (!p.osFeatures().isEmpty()) {
      out.append(",\"os.features\":[");
      for (int i = 0; i < p.osFeatures().size(); i++) {
        out.append(i > 0 ? "," : "").append(GoJson.quote(p.osFeatures().get(i)));
      }
      out.append(']');
    }
    if (!p.variant().isEmpty()) {
      out.append(",\"variant\":").append(GoJson.quote(p.variant()));
    }
    out.append('}');
  }

  /** The rule-named failure for a target this format cannot produce. */
  public static InvalidManifestException unsupported(String from, String to) {
    return new InvalidManifestException(
        UNSUPPORTED_CONVERSION,
        "converting a manifest of type "
            + Quote.of(from)
            + " to "
            + Quote.of(to)
            + " is not supported; it converts to "
            + (from.equals(MediaType.OCI_MANIFEST)
                ? MediaType.DOCKER_SCHEMA2
                : MediaType.OCI_MANIFEST));
  }

  private static ConvertedImage result(
      StringBuilder json, String mediaType, Descriptor config, byte[] configBlob) {
    byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
    return new ConvertedImage(
        new RawManifest(bytes, mediaType, Digest.sha256(bytes)), config, configBlob);
  }

  private static List<Descriptor> mapLayers(
      List<Descriptor> layers, Map<String, String> mapping, String target)
      throws InvalidManifestException {
    List<Descriptor> mapped = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      Descriptor layer = layers.get(i);
      String type = mapping.get(layer.mediaType());
      if (type == null) {
        throw new InvalidManifestException(
            UNSUPPORTED_CONVERSION,
            i,
            "cannot convert layer \""
                + layer.digest()
                + "\" of media type "
                + Quote.of(layer.mediaType())
                + " to "
                + target
                + ": "
                + (layer.mediaType().contains("zstd")
                    ? "zstd compression is not supported for docker images"
                    : "that type has no equivalent there"));
      }
      mapped.add(new Descriptor(type, layer.digest(), layer.size(), layer.urls(), Map.of()));
    }
    return mapped;
  }

  /** image-spec {@code Descriptor}: mediaType, digest, size, urls, annotations. */
  private static void ociDescriptor(StringBuilder out, Descriptor d) {
    ociDescriptorOpen(out, d);
    out.append('}');
  }

  /** An OCI descriptor without its closing brace, so that a platform may follow. */
  private static void ociDescriptorOpen(StringBuilder out, Descriptor d) {
    out.append("{\"mediaType\":")
        .append(GoJson.quote(d.mediaType()))
        .append(",\"digest\":")
        .append(GoJson.quote(d.digest().toString()))
        .append(",\"size\":")
        .append(d.size());
    urls(out, d);
    if (!d.annotations().isEmpty()) {
      annotations(out, d.annotations());
    }
  }

  /** {@code ,"annotations":{...}} with keys sorted as Go sorts map keys (by UTF-8 bytes). */
  private static void annotations(StringBuilder out, Map<String, String> annotations) {
    out.append(",\"annotations\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : sortedByBytes(annotations)) {
      out.append(first ? "" : ",")
          .append(GoJson.quote(e.getKey()))
          .append(':')
          .append(GoJson.quote(e.getValue()));
      first = false;
    }
    out.append('}');
  }

  private static List<Map.Entry<String, String>> sortedByBytes(Map<String, String> map) {
    List<Map.Entry<String, String>> entries = new ArrayList<>(map.entrySet());
    entries.sort(
        (a, b) ->
            java.util.Arrays.compareUnsigned(
                a.getKey().getBytes(StandardCharsets.UTF_8),
                b.getKey().getBytes(StandardCharsets.UTF_8)));
    return entries;
  }

  /** containers/image {@code Schema2Descriptor}: mediaType, size, digest, urls. */
  private static void schema2Descriptor(StringBuilder out, Descriptor d) {
    out.append("{\"mediaType\":")
        .append(GoJson.quote(d.mediaType()))
        .append(",\"size\":")
        .append(d.size())
        .append(",\"digest\":")
        .append(GoJson.quote(d.digest().toString()));
    urls(out, d);
    out.append('}');
  }

  private static void urls(StringBuilder out, Descriptor d) {
    if (d.urls().isEmpty()) {
      return;
    }
    out.append(",\"urls\":[");
    for (int i = 0; i < d.urls().size(); i++) {
      out.append(i > 0 ? "," : "").append(GoJson.quote(d.urls().get(i)));
    }
    out.append(']');
  }
}
