package dev.spyglass.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The set of manifest formats in use, by media type. Built from {@link ServiceLoader} by {@link
 * #installed()} or from explicit instances by {@link #of(List)}. Immutable and thread safe.
 */
public final class ManifestFormats {
  private static volatile @org.jspecify.annotations.Nullable ManifestFormats installed;

  private final Map<String, ManifestFormat> byMediaType;
  private final List<String> mediaTypes;
  private final List<ManifestFormat> formats;

  private ManifestFormats(List<ManifestFormat> formats) {
    Map<String, ManifestFormat> map = new LinkedHashMap<>();
    for (ManifestFormat format : formats) {
      for (String type : format.mediaTypes()) {
        ManifestFormat previous = map.putIfAbsent(MediaType.normalize(type), format);
        if (previous != null) {
          throw new IllegalStateException(
              "media type \""
                  + type
                  + "\" is provided by both "
                  + previous.getClass().getName()
                  + " and "
                  + format.getClass().getName());
        }
      }
    }
    this.byMediaType = map;
    this.mediaTypes = List.copyOf(map.keySet());
    this.formats = List.copyOf(formats);
  }

  /** The formats found by {@link ServiceLoader}; loaded once per JVM. */
  public static ManifestFormats installed() {
    ManifestFormats result = installed;
    if (result == null) {
      List<ManifestFormat> found = new ArrayList<>();
      ServiceLoader.load(ManifestFormat.class).forEach(found::add);
      result = new ManifestFormats(found);
      installed = result;
    }
    return result;
  }

  /**
   * The given formats.
   *
   * @throws IllegalStateException when two formats claim one media type, naming both classes
   */
  public static ManifestFormats of(List<ManifestFormat> formats) {
    return new ManifestFormats(formats);
  }

  /** Every media type some format parses, in provider order: what to put in {@code Accept}. */
  public List<String> mediaTypes() {
    return mediaTypes;
  }

  public Optional<ManifestFormat> forMediaType(String mediaType) {
    return Optional.ofNullable(byMediaType.get(MediaType.normalize(mediaType)));
  }

  /**
   * Parses {@code bytes} with the format of {@code mediaType}.
   *
   * @throws InvalidManifestException rule {@link InvalidManifestException#UNSUPPORTED_MEDIA_TYPE} when no format parses it
   */
  public Manifest parse(byte[] bytes, String mediaType) throws InvalidManifestException {
    return require(mediaType).parse(bytes, MediaType.normalize(mediaType));
  }

  public Manifest parse(RawManifest raw) throws InvalidManifestException {
    return parse(raw.bytes(), raw.mediaType());
  }

  /** The canonical digest; SHA-256 of the bytes for a media type no format knows. */
  public Digest digest(byte[] bytes, String mediaType) throws InvalidManifestException {
    Optional<ManifestFormat> format = forMediaType(mediaType);
    return format.isPresent()
        ? format.get().digest(bytes, MediaType.normalize(mediaType))
        : Digest.sha256(bytes);
  }

  /** Recognises the media type of a manifest from its bytes, asking each format in turn. */
  public Optional<String> guessMediaType(byte[] bytes) {
    for (ManifestFormat format : formats) {
      Optional<String> guess = format.guessMediaType(bytes);
      if (guess.isPresent()) {
        return guess;
      }
    }
    return Optional.empty();
  }

  private ManifestFormat require(String mediaType) throws InvalidManifestException {
    return forMediaType(mediaType)
        .orElseThrow(
            () ->
                new InvalidManifestException(
                    InvalidManifestException.UNSUPPORTED_MEDIA_TYPE,
                    "manifest media type "
                        + Quote.of(mediaType)
                        + " is not supported; supported: "
                        + String.join(", ", byMediaType.keySet())));
  }
}
