package dev.spyglass.testing;

import dev.spyglass.api.ConvertedImage;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Manifest;
import dev.spyglass.api.ManifestFormat;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Platform;
import dev.spyglass.api.RawManifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A manifest format of one-line texts, for tests of what works on any format (resolution, copy,
 * conversion) without JSON:
 *
 * <ul>
 *   <li>an image is {@code MEDIATYPE|CONFIG|LAYER,LAYER,...} (digests; {@code CONFIG} is empty for
 *       a format without a config blob, see {@link #TextManifestFormat(Set, Set, Set)});
 *   <li>a list is {@code list|MEDIATYPE|ENTRY,ENTRY,...}, each entry {@code
 *       ENTRYTYPE@DIGEST@OS/ARCH[/VARIANT]} ({@code -} for no platform).
 * </ul>
 *
 * <p>Configs decode from {@code "architecture":"..."} and {@code "os":"..."} in their text;
 * {@link ImageManifest#ociConfigJson} is the config's text. Conversions change the media type, and
 * converting an image to {@link MediaType#OCI_MANIFEST} rewrites its config to {@code "oci:" +
 * config} (as containers/image rewrites a Docker config); a format without a config converts after
 * its layers with the config {@code "config:" + diff ids} (as Docker schema1 does). A test can make
 * conversions fail ({@link #refuseConversions}) and see each conversion ({@link #conversions()},
 * {@link #onConversion}). Thread safe.
 */
public final class TextManifestFormat implements ManifestFormat {
  /** The media type of layers in parsed images. */
  public static final String LAYER = "application/x-layer";
  /** The media type of config blobs in parsed images. */
  public static final String CONFIG = "application/x-config";

  private static final Pattern FIELD = Pattern.compile("\"(architecture|os)\"\\s*:\\s*\"([^\"]*)\"");

  private final Set<String> imageTypes;
  private final Set<String> listTypes;
  private final Set<String> configless;
  private final List<Conversion> conversions = new CopyOnWriteArrayList<>();
  private volatile @Nullable String refusal;
  private volatile Consumer<Conversion> onConversion = c -> {};

  /**
   * What one conversion was asked: from and to which media type, and, for one after the layers,
   * the layers as copied and their diff ids (empty otherwise).
   */
  public record Conversion(
      String from, String target, List<Descriptor> copiedLayers, List<Digest> diffIds) {
    public Conversion {
      copiedLayers = List.copyOf(copiedLayers);
      diffIds = List.copyOf(diffIds);
    }
  }

  /**
   * Docker schema2, OCI manifests and Docker schema1 (signed, without config) as images; Docker
   * manifest lists and OCI indexes as lists.
   */
  public TextManifestFormat() {
    this(
        Set.of(MediaType.DOCKER_SCHEMA2, MediaType.OCI_MANIFEST, MediaType.DOCKER_SCHEMA1_SIGNED),
        Set.of(MediaType.DOCKER_MANIFEST_LIST, MediaType.OCI_INDEX),
        Set.of(MediaType.DOCKER_SCHEMA1_SIGNED));
  }

  /**
   * @param imageTypes media types parsed as images
   * @param listTypes media types parsed as lists
   * @param configless image types without a config blob, converted after their layers
   */
  public TextManifestFormat(Set<String> imageTypes, Set<String> listTypes, Set<String> configless) {
    this.imageTypes = Set.copyOf(imageTypes);
    this.listTypes = Set.copyOf(listTypes);
    this.configless = Set.copyOf(configless);
  }

  /** This format alone, as {@link ManifestFormats}. */
  public ManifestFormats formats() {
    return ManifestFormats.of(List.of(this));
  }

  /** An image manifest of {@code mediaType}; {@code config} null for a configless type. */
  public static RawManifest image(String mediaType, @Nullable Digest config, Digest... layers) {
    return raw(
        mediaType,
        mediaType
            + "|"
            + (config == null ? "" : config.toString())
            + "|"
            + String.join(",", Arrays.stream(layers).map(Digest::toString).toList()));
  }

  /** A list of {@code mediaType} pointing at {@code images}, each for its platform. */
  @SafeVarargs
  public static RawManifest list(String mediaType, Map.Entry<RawManifest, Platform>... images) {
    List<IndexEntry> entries = new ArrayList<>();
    for (Map.Entry<RawManifest, Platform> image : images) {
      RawManifest m = image.getKey();
      entries.add(
          IndexEntry.of(Descriptor.of(m.mediaType(), m.digest(), m.size()), image.getValue()));
    }
    return list(mediaType, entries);
  }

  /** A list of {@code mediaType} with these entries. */
  public static RawManifest list(String mediaType, List<IndexEntry> entries) {
    List<String> texts = new ArrayList<>();
    for (IndexEntry entry : entries) {
      Descriptor d = entry.descriptor();
      String platform =
          entry
              .platform()
              .map(
                  p ->
                      p.os()
                          + "/"
                          + p.architecture()
                          + (p.variant().isEmpty() ? "" : "/" + p.variant()))
              .orElse("-");
      texts.add(d.mediaType() + "@" + d.digest() + "@" + platform);
    }
    return raw(mediaType, "list|" + mediaType + "|" + String.join(",", texts));
  }

  /** {@code text} as a manifest of {@code mediaType}, digest SHA-256 of its UTF-8 bytes. */
  public static RawManifest raw(String mediaType, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new RawManifest(bytes, mediaType, Digest.sha256(bytes));
  }

  /** From now on every conversion fails with rule {@code unsupported-conversion} and {@code why}. */
  public TextManifestFormat refuseConversions(String why) {
    this.refusal = why;
    return this;
  }

  /** Runs {@code hook} at each conversion, e.g. to see what a destination holds by then. */
  public TextManifestFormat onConversion(Consumer<Conversion> hook) {
    this.onConversion = hook;
    return this;
  }

  /** The conversions asked so far, in order. */
  public List<Conversion> conversions() {
    return List.copyOf(conversions);
  }

  @Override
  public Set<String> mediaTypes() {
    Set<String> all = new LinkedHashSet<>(imageTypes);
    all.addAll(listTypes);
    return all;
  }

  @Override
  public Manifest parse(byte[] bytes, String mediaType) throws InvalidManifestException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    String[] parts = text.split("\\|", -1);
    try {
      if (listTypes.contains(mediaType)) {
        if (parts.length != 3 || !parts[0].equals("list")) {
          throw new InvalidManifestException("text-format", "list \"" + text + "\" is not list|TYPE|ENTRIES");
        }
        return new TextList(mediaType, parseEntries(parts[2]));
      }
      if (parts.length != 3) {
        throw new InvalidManifestException("text-format", "image \"" + text + "\" is not TYPE|CONFIG|LAYERS");
      }
      Optional<Descriptor> config =
          parts[1].isEmpty()
              ? Optional.empty()
              : Optional.of(Descriptor.of(CONFIG, Digest.parse(parts[1]), -1));
      List<Descriptor> layers =
          parts[2].isEmpty()
              ? List.of()
              : Arrays.stream(parts[2].split(","))
                  .map(d -> Descriptor.of(LAYER, Digest.parse(d), -1))
                  .toList();
      return new TextImage(mediaType, config, layers);
    } catch (IllegalArgumentException e) {
      throw new InvalidManifestException("text-format", "manifest \"" + text + "\": " + e.getMessage());
    }
  }

  private static List<IndexEntry> parseEntries(String text) {
    List<IndexEntry> entries = new ArrayList<>();
    if (text.isEmpty()) {
      return entries;
    }
    for (String entry : text.split(",")) {
      String[] parts = entry.split("@", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException("entry \"" + entry + "\" is not TYPE@DIGEST@PLATFORM");
      }
      Descriptor d = Descriptor.of(parts[0], Digest.parse(parts[1]), -1);
      if (parts[2].equals("-")) {
        entries.add(IndexEntry.withoutPlatform(d));
      } else {
        String[] p = parts[2].split("/", -1);
        entries.add(IndexEntry.of(d, Platform.of(p[0], p[1], p.length > 2 ? p[2] : "")));
      }
    }
    return entries;
  }

  private void converting(Conversion conversion) throws InvalidManifestException {
    String why = refusal;
    if (why != null) {
      throw new InvalidManifestException("unsupported-conversion", why);
    }
    conversions.add(conversion);
    onConversion.accept(conversion);
  }

  private final class TextList implements ManifestList {
    private final String mediaType;
    private final List<IndexEntry> entries;

    TextList(String mediaType, List<IndexEntry> entries) {
      this.mediaType = mediaType;
      this.entries = List.copyOf(entries);
    }

    @Override
    public List<IndexEntry> entries() {
      return entries;
    }

    @Override
    public RawManifest convertTo(String target, Map<Digest, Descriptor> instances)
        throws InvalidManifestException {
      converting(new Conversion(mediaType, target, List.of(), List.of()));
      List<IndexEntry> converted = new ArrayList<>();
      for (IndexEntry entry : entries) {
        Descriptor d = instances.getOrDefault(entry.descriptor().digest(), entry.descriptor());
        converted.add(
            entry.platform().isPresent()
                ? IndexEntry.of(d, entry.platform().get())
                : IndexEntry.withoutPlatform(d));
      }
      return list(target, converted);
    }

    @Override
    public String mediaType() {
      return mediaType;
    }
  }

  private final class TextImage implements ImageManifest {
    private final String mediaType;
    private final Optional<Descriptor> config;
    private final List<Descriptor> layers;

    TextImage(String mediaType, Optional<Descriptor> config, List<Descriptor> layers) {
      this.mediaType = mediaType;
      this.config = config;
      this.layers = List.copyOf(layers);
    }

    @Override
    public List<Descriptor> layers() {
      return layers;
    }

    @Override
    public Optional<Descriptor> configDescriptor() {
      return config;
    }

    @Override
    public ImageConfig decodeConfig(byte[] configBlob) {
      String architecture = "";
      String os = "";
      Matcher m = FIELD.matcher(new String(configBlob, StandardCharsets.UTF_8));
      while (m.find()) {
        if (m.group(1).equals("architecture")) {
          architecture = m.group(2);
        } else {
          os = m.group(2);
        }
      }
      return new ImageConfig(null, "", "", architecture, os, "", null, null);
    }

    @Override
    public String ociConfigJson(byte[] configBlob) {
      return new String(configBlob, StandardCharsets.UTF_8);
    }

    @Override
    public ConvertedImage convertTo(String target, byte[] configBlob)
        throws InvalidManifestException {
      if (config.isEmpty() || !config.get().digest().matches(configBlob)) {
        throw new IllegalStateException(
            "convertTo was given a config that is not this image's (" + config + ")");
      }
      converting(new Conversion(mediaType, target, List.of(), List.of()));
      byte[] newConfig =
          target.equals(MediaType.OCI_MANIFEST)
              ? ("oci:" + new String(configBlob, StandardCharsets.UTF_8))
                  .getBytes(StandardCharsets.UTF_8)
              : configBlob;
      Descriptor d = Descriptor.of(CONFIG, Digest.sha256(newConfig), newConfig.length);
      return new ConvertedImage(
          image(target, d.digest(), layers.stream().map(Descriptor::digest).toArray(Digest[]::new)),
          d,
          newConfig);
    }

    @Override
    public boolean convertsAfterLayers() {
      return configless.contains(mediaType);
    }

    @Override
    public ConvertedImage convertTo(
        String target, List<Descriptor> copiedLayers, List<Digest> diffIds)
        throws InvalidManifestException {
      converting(new Conversion(mediaType, target, copiedLayers, diffIds));
      byte[] newConfig =
          ("config:" + String.join(",", diffIds.stream().map(Digest::toString).toList()))
              .getBytes(StandardCharsets.UTF_8);
      Descriptor d = Descriptor.of(CONFIG, Digest.sha256(newConfig), newConfig.length);
      return new ConvertedImage(
          image(target, d.digest(), copiedLayers.stream().map(Descriptor::digest).toArray(Digest[]::new)),
          d,
          newConfig);
    }

    @Override
    public String mediaType() {
      return mediaType;
    }
  }
}
