package dev.spyglass.manifest.oci.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Platform;
import dev.spyglass.api.Quote;
import dev.spyglass.gojson.GoJson;
import dev.spyglass.manifest.oci.internal.json.DescriptorJson;
import dev.spyglass.manifest.oci.internal.json.PlatformJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts wire descriptors and platforms to API values, checking what both specs require: a
 * well-formed media type, a valid digest, a size of 0 or more, strings in urls and annotations.
 * {@code field} names the descriptor in messages ({@code layers[2]}); {@code index} is the entry
 * index reported with failures, -1 for config and subject.
 */
final class DescriptorReader {
  private DescriptorReader() {}

  static Descriptor read(@Nullable DescriptorJson json, String field, int index)
      throws InvalidManifestException {
    if (json == null) {
      throw new InvalidManifestException(
          Rules.FIELD_TYPE, index, field + " is null, expected a descriptor object");
    }
    String mediaType = mediaType(json.mediaType(), field + ".mediaType", index);
    String digestText = json.digest();
    if (digestText == null) {
      throw new InvalidManifestException(InvalidManifestException.INVALID_DIGEST, index, field + ".digest is missing");
    }
    Digest digest;
    try {
      digest = Digest.parse(digestText);
    } catch (IllegalArgumentException e) {
      throw new InvalidManifestException(
          InvalidManifestException.INVALID_DIGEST,
          index,
          field + ".digest: " + e.getMessage(),
          e);
    }
    Long size = json.size();
    if (size == null) {
      throw new InvalidManifestException(Rules.INVALID_SIZE, index, field + ".size is missing");
    }
    if (size < 0) {
      throw new InvalidManifestException(
          Rules.INVALID_SIZE, index, field + ".size " + size + " is negative");
    }
    if (json.data() != null && !GoJson.isBase64(json.data())) {
      throw new InvalidManifestException(
          Rules.FIELD_TYPE, index, field + ".data is not valid base64");
    }
    return new Descriptor(
        mediaType,
        digest,
        size,
        strings(json.urls(), field + ".urls", index),
        annotations(json.annotations(), field + ".annotations", index));
  }

  /** A required, well-formed media type. */
  static String mediaType(@Nullable String mediaType, String field, int index)
      throws InvalidManifestException {
    if (mediaType == null || mediaType.isEmpty()) {
      throw new InvalidManifestException(Rules.MISSING_MEDIA_TYPE, index, field + " is missing");
    }
    if (!KnownMediaTypes.isWellFormed(mediaType)) {
      throw new InvalidManifestException(
          Rules.INVALID_MEDIA_TYPE,
          index,
          field + " " + Quote.of(mediaType) + " is not a media type (type/subtype)");
    }
    return mediaType;
  }

  /** The platform of a list entry; os and architecture are required. */
  static Platform platform(PlatformJson json, String field, int index)
      throws InvalidManifestException {
    String os = required(json.os(), field + ".os", index);
    String architecture = required(json.architecture(), field + ".architecture", index);
    return new Platform(
        os,
        architecture,
        json.variant() == null ? "" : json.variant(),
        json.osVersion() == null ? "" : json.osVersion(),
        strings(json.osFeatures(), field + ".os.features", index));
  }

  static Map<String, String> annotations(
      @Nullable Map<String, @Nullable String> annotations, String field, int index)
      throws InvalidManifestException {
    if (annotations == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, @Nullable String> entry : annotations.entrySet()) {
      String value = entry.getValue();
      if (value == null) {
        throw new InvalidManifestException(
            Rules.FIELD_TYPE,
            index,
            field + "[" + Quote.of(entry.getKey()) + "] is null, expected a string");
      }
      out.put(entry.getKey(), value);
    }
    return out;
  }

  private static List<String> strings(
      @Nullable List<@Nullable String> strings, String field, int index)
      throws InvalidManifestException {
    if (strings == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(strings.size());
    for (int i = 0; i < strings.size(); i++) {
      String value = strings.get(i);
      if (value == null) {
        throw new InvalidManifestException(
            Rules.FIELD_TYPE, index, field + "[" + i + "] is null, expected a string");
      }
      out.add(value);
    }
    return out;
  }

  private static String required(@Nullable String value, String field, int index)
      throws InvalidManifestException {
    if (value == null || value.isEmpty()) {
      throw new InvalidManifestException(Rules.INVALID_PLATFORM, index, field + " is missing");
    }
    return value;
  }
}
