package dev.spyglass.manifest.oci.internal;

import dev.spyglass.api.Quote;
import dev.spyglass.gojson.GoValue;
import dev.spyglass.manifest.oci.internal.json.DescriptorJson;
import dev.spyglass.manifest.oci.internal.json.ManifestJson;
import dev.spyglass.manifest.oci.internal.json.PlatformJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Binds an already parsed manifest to the wire records, refusing every JSON value of the wrong type
 * (a number for a string, a fraction for an integer, ...). Fields are read in document order, so the
 * first mistyped one is reported; a later duplicate key replaces the value in the place of the
 * first, as Go does; unknown fields are ignored. Written out, not bound by reflection: a
 * reflective binder costs every start a few milliseconds of annotation and record inspection.
 */
final class WireBinding {
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

  private WireBinding() {}

  /** The wire form of {@code root}, or {@link WrongType} naming the first mistyped field. */
  static ManifestJson bind(GoValue.Obj root) throws WrongType {
    Long schemaVersion = null;
    String mediaType = null;
    String artifactType = null;
    DescriptorJson config = null;
    List<@Nullable DescriptorJson> layers = null;
    List<@Nullable DescriptorJson> manifests = null;
    DescriptorJson subject = null;
    Map<String, @Nullable String> annotations = null;
    for (Map.Entry<String, GoValue> field : members(root).entrySet()) {
      String path = field.getKey();
      GoValue value = field.getValue();
      switch (field.getKey()) {
        case "schemaVersion" -> schemaVersion = integer(value, path);
        case "mediaType" -> mediaType = string(value, path);
        case "artifactType" -> artifactType = string(value, path);
        case "config" -> config = descriptor(value, path);
        case "layers" -> layers = descriptors(value, path);
        case "manifests" -> manifests = descriptors(value, path);
        case "subject" -> subject = descriptor(value, path);
        case "annotations" -> annotations = stringMap(value, path);
        default -> {} // not ours to read
      }
    }
    return new ManifestJson(
        schemaVersion, mediaType, artifactType, config, layers, manifests, subject, annotations);
  }

  private static @Nullable DescriptorJson descriptor(GoValue value, String path) {
    GoValue.Obj object = object(value, path);
    if (object == null) {
      return null;
    }
    String mediaType = null;
    String digest = null;
    Long size = null;
    List<@Nullable String> urls = null;
    Map<String, @Nullable String> annotations = null;
    String data = null;
    String artifactType = null;
    PlatformJson platform = null;
    for (Map.Entry<String, GoValue> field : members(object).entrySet()) {
      String at = path + "." + field.getKey();
      GoValue v = field.getValue();
      switch (field.getKey()) {
        case "mediaType" -> mediaType = string(v, at);
        case "digest" -> digest = string(v, at);
        case "size" -> size = integer(v, at);
        case "urls" -> urls = strings(v, at);
        case "annotations" -> annotations = stringMap(v, at);
        case "data" -> data = string(v, at);
        case "artifactType" -> artifactType = string(v, at);
        case "platform" -> platform = platform(v, at);
        default -> {}
      }
    }
    return new DescriptorJson(
        mediaType, digest, size, urls, annotations, data, artifactType, platform);
  }

  private static @Nullable PlatformJson platform(GoValue value, String path) {
    GoValue.Obj object = object(value, path);
    if (object == null) {
      return null;
    }
    String architecture = null;
    String os = null;
    String osVersion = null;
    List<@Nullable String> osFeatures = null;
    String variant = null;
    List<@Nullable String> features = null;
    for (Map.Entry<String, GoValue> field : members(object).entrySet()) {
      String at = path + "." + field.getKey();
      GoValue v = field.getValue();
      switch (field.getKey()) {
        case "architecture" -> architecture = string(v, at);
        case "os" -> os = string(v, at);
        case "os.version" -> osVersion = string(v, at);
        case "os.features" -> osFeatures = strings(v, at);
        case "variant" -> variant = string(v, at);
        case "features" -> features = strings(v, at);
        default -> {}
      }
    }
    return new PlatformJson(architecture, os, osVersion, osFeatures, variant, features);
  }

  private static @Nullable List<@Nullable DescriptorJson> descriptors(GoValue value, String path) {
    List<GoValue> elements = array(value, path);
    if (elements == null) {
      return null;
    }
    List<@Nullable DescriptorJson> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      out.add(descriptor(elements.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  private static @Nullable List<@Nullable String> strings(GoValue value, String path) {
    List<GoValue> elements = array(value, path);
    if (elements == null) {
      return null;
    }
    List<@Nullable String> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      out.add(string(elements.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  private static @Nullable Map<String, @Nullable String> stringMap(GoValue value, String path) {
    GoValue.Obj object = object(value, path);
    if (object == null) {
      return null;
    }
    Map<String, @Nullable String> out = new LinkedHashMap<>();
    for (Map.Entry<String, GoValue> entry : members(object).entrySet()) {
      out.put(entry.getKey(), string(entry.getValue(), path + "." + entry.getKey()));
    }
    return out;
  }

  /** The members by name, in document order; a later duplicate replaces the value in place. */
  private static Map<String, GoValue> members(GoValue.Obj object) {
    Map<String, GoValue> members = new LinkedHashMap<>();
    for (GoValue.Member member : object.members()) {
      members.put(member.name(), member.value());
    }
    return members;
  }

  private static GoValue.@Nullable Obj object(GoValue value, String path) {
    if (value instanceof GoValue.Null) {
      return null;
    }
    if (value instanceof GoValue.Obj object) {
      return object;
    }
    throw wrongType(value, path, "an object");
  }

  private static @Nullable List<GoValue> array(GoValue value, String path) {
    if (value instanceof GoValue.Null) {
      return null;
    }
    if (value instanceof GoValue.Arr array) {
      return array.elements();
    }
    throw wrongType(value, path, "an array");
  }

  private static @Nullable String string(GoValue value, String path) {
    if (value instanceof GoValue.Null) {
      return null;
    }
    if (value instanceof GoValue.Str s) {
      return s.value();
    }
    throw wrongType(value, path, "a string");
  }

  private static @Nullable Long integer(GoValue value, String path) {
    if (value instanceof GoValue.Null) {
      return null;
    }
    if (!(value instanceof GoValue.Num number)) {
      throw wrongType(value, path, "an integer");
    }
    String literal = number.literal();
    if (INTEGER.matcher(literal).matches()) {
      try {
        return Long.valueOf(literal);
      } catch (NumberFormatException e) {
        // out of range: reported below
      }
    }
    throw new WrongType(path, "is the number " + literal + ", expected an integer");
  }

  private static WrongType wrongType(GoValue value, String path, String expected) {
    String found;
    if (value instanceof GoValue.Arr) {
      found = "an array";
    } else if (value instanceof GoValue.Obj) {
      found = "an object";
    } else if (value instanceof GoValue.Str s) {
      found = "the string " + Quote.of(s.value());
    } else if (value instanceof GoValue.Num n) {
      found = "the number " + n.literal();
    } else if (value instanceof GoValue.Bool b) {
      found = "the bool " + b.value();
    } else {
      found = value.kind();
    }
    return new WrongType(path, "is " + found + ", expected " + expected);
  }

  /**
   * A JSON value of the wrong type at {@code path} ({@code layers[2].size}; empty for the root).
   */
  static final class WrongType extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    WrongType(String path, String message) {
      super(message);
      this.path = path;
    }

    String path() {
      return path;
    }
  }
}
