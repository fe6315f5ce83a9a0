package dev.spyglass.image;

import dev.spyglass.api.BoundedInput;
import dev.spyglass.api.ConvertedImage;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Quote;
import dev.spyglass.api.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides which manifests of a copy are converted, and to what, as containers/image's {@code
 * determineManifestConversion} and {@code determineListConversion} do, and converts them: up front
 * for Docker schema2, OCI and lists, or (for Docker schema1) once the layers are copied and their
 * diff ids known. See {@link ImageCopier} for the rules.
 */
final class ManifestConversion {
  private final ManifestFormats formats;
  private final @Nullable String format;
  private final boolean preserveDigests;
  private final RetryPolicy retry;

  /**
   * @param format the media type every image manifest must be written as; null: as needed
   * @param preserveDigests whether a conversion, which changes a digest, fails instead
   */
  ManifestConversion(
      ManifestFormats formats, @Nullable String format, boolean preserveDigests, RetryPolicy retry) {
    this.formats = formats;
    this.format = format;
    this.preserveDigests = preserveDigests;
    this.retry = retry;
  }

  /**
   * The plan with its manifest converted when the destination or the forced format needs it, as
   * containers/image's {@code determineManifestConversion} decides.
   */
  CopyPlan convert(CopyPlan plan, ImageSource source, ImageDestination destination)
      throws ImageException {
    List<String> accepted =
        destination.supportedManifestMediaTypes().stream().map(MediaType::normalize).toList();
    Map<Digest, BlobTransfer.Blob> configs = new LinkedHashMap<>();
    if (plan.instances().isEmpty() && plan.images().get(0).convertsAfterLayers()) {
      ImageManifest image = plan.images().get(0);
      RawManifest raw = plan.top();
      String target =
          target(MediaType.normalize(raw.mediaType()), accepted, raw, source, destination);
      if (target == null) {
        return plan;
      }
      refuseWhenPreserving(raw, target, source, destination);
      checkConversion(image, raw, target, source, destination);
      return new CopyPlan(
          raw, List.of(), plan.images(), Map.of(), new CopyPlan.Deferred(image, target));
    }
    if (plan.instances().isEmpty()) {
      RawManifest top =
          convertImage(plan.top(), plan.images().get(0), accepted, configs, source, destination);
      return new CopyPlan(top, List.of(), plan.images(), configs);
    }
    Map<Digest, Descriptor> replaced = new LinkedHashMap<>();
    List<RawManifest> instances = new ArrayList<>();
    for (int i = 0; i < plan.instances().size(); i++) {
      RawManifest instance = plan.instances().get(i);
      RawManifest written =
          convertImage(instance, plan.images().get(i), accepted, configs, source, destination);
      instances.add(written);
      if (written != instance) {
        replaced.put(
            instance.digest(),
            Descriptor.of(written.mediaType(), written.digest(), written.size()));
      }
    }
    RawManifest top = plan.top();
    String listType = MediaType.normalize(top.mediaType());
    String listTarget = listTarget(listType, accepted, top, source, destination);
    if (listTarget.equals(listType) && replaced.isEmpty()) {
      return new CopyPlan(top, instances, plan.images(), configs);
    }
    refuseWhenPreserving(top, listTarget, source, destination);
    ManifestList list = (ManifestList) formats.parse(top);
    try {
      top = list.convertTo(listTarget, replaced);
    } catch (InvalidManifestException e) {
      throw conversionFailed(top, listType, listTarget, source, destination, e);
    }
    return new CopyPlan(top, instances, plan.images(), configs);
  }

  /** The list type to write, as containers/image's {@code determineListConversion} picks it. */
  private String listTarget(
      String listType,
      List<String> accepted,
      RawManifest top,
      ImageSource source,
      ImageDestination destination)
      throws ImageException {
    if (format != null) {
      String forced =
          format.equals(MediaType.OCI_MANIFEST)
              ? MediaType.OCI_INDEX
              : MediaType.DOCKER_MANIFEST_LIST;
      if (!accepted.isEmpty() && !accepted.contains(forced)) {
        throw new ImageException(
            "destination \""
                + destination.reference().describe()
                + "\" does not accept \""
                + forced
                + "\", the list type of the format asked for; it takes "
                + String.join(", ", accepted));
      }
      return forced;
    }
    if (accepted.isEmpty() || accepted.contains(listType)) {
      return listType;
    }
    for (String type : accepted) {
      if (type.equals(MediaType.OCI_INDEX) || type.equals(MediaType.DOCKER_MANIFEST_LIST)) {
        return type;
      }
    }
    throw notAccepted(
        "manifest list", top, listType, accepted, source, destination,
        "it takes no list type to convert it to");
  }

  /**
   * The manifest to write for one image: {@code raw} itself, or its conversion, whose rewritten
   * config (if any) is added to {@code configs}.
   */
  private RawManifest convertImage(
      RawManifest raw,
      ImageManifest image,
      List<String> accepted,
      Map<Digest, BlobTransfer.Blob> configs,
      ImageSource source,
      ImageDestination destination)
      throws ImageException {
    String sourceType = MediaType.normalize(raw.mediaType());
    String target = target(sourceType, accepted, raw, source, destination);
    if (target == null) {
      return raw;
    }
    refuseWhenPreserving(raw, target, source, destination);
    if (image.convertsAfterLayers()) {
      throw new ImageException(
          "cannot convert Docker schema1 manifest \""
              + raw.digest()
              + "\" of \""
              + source.reference().describe()
              + "\" to \""
              + target
              + "\" for \""
              + destination.reference().describe()
              + "\": a schema1 image inside a list is not converted; copy it to a destination"
              + " that stores schema1, such as docker:// or dir:, or copy that image alone");
    }
    Optional<Descriptor> oldConfig = image.configDescriptor();
    byte[] config = oldConfig.isPresent() ? readConfig(source, oldConfig.get()) : new byte[0];
    ConvertedImage converted;
    try {
      converted = image.convertTo(target, config);
    } catch (InvalidManifestException e) {
      throw conversionFailed(raw, sourceType, target, source, destination, e);
    }
    if (oldConfig.isPresent() && !oldConfig.get().digest().equals(converted.config().digest())) {
      configs.put(
          oldConfig.get().digest(),
          new BlobTransfer.Blob(
              converted.config(), CopyListener.BlobKind.CONFIG, converted.configBlob()));
    }
    return converted.manifest();
  }

  /** Fails when digests must be kept: converting {@code raw} to {@code target} would change it. */
  private void refuseWhenPreserving(
      RawManifest raw, String target, ImageSource source, ImageDestination destination)
      throws ImageException {
    if (!preserveDigests) {
      return;
    }
    String from = MediaType.normalize(raw.mediaType());
    String why =
        format != null
            ? "the format asked for is \"" + format + "\""
            : "destination \""
                + destination.reference().describe()
                + "\" does not take \""
                + from
                + "\"";
    throw new ImageException(
        "cannot keep the digest of manifest \""
            + raw.digest()
            + "\" of \""
            + source.reference().describe()
            + "\": it would be converted from \""
            + from
            + "\" to \""
            + target
            + "\", because "
            + why);
  }

  private static ImageException conversionFailed(
      RawManifest raw,
      String from,
      String to,
      ImageSource source,
      ImageDestination destination,
      InvalidManifestException e) {
    return new ImageException(
        "cannot convert manifest \""
            + raw.digest()
            + "\" of \""
            + source.reference().describe()
            + "\" from "
            + Quote.of(from)
            + " to \""
            + to
            + "\" for \""
            + destination.reference().describe()
            + "\": "
            + e.getMessage(),
        e);
  }

  /** The media type to convert to; null to keep the manifest as it is. */
  private @Nullable String target(
      String sourceType,
      List<String> accepted,
      RawManifest top,
      ImageSource source,
      ImageDestination destination)
      throws ImageException {
    if (format != null) {
      if (!accepted.isEmpty() && !accepted.contains(format)) {
        throw new ImageException(
            "destination \""
                + destination.reference().describe()
                + "\" does not accept the format asked for, \""
                + format
                + "\": it takes "
                + String.join(", ", accepted));
      }
      return format.equals(sourceType) ? null : format;
    }
    if (accepted.isEmpty() || accepted.contains(sourceType)) {
      return null;
    }
    List<String> candidates = new ArrayList<>();
    // skopeo's order: schema2 first, then the destination's own order; a destination that names
    // OCI first (an OCI layout, which stores Docker types as they are) converts to OCI, as
    // skopeo's OCI layout, which takes OCI only, does.
    boolean ociFirst = accepted.get(0).equals(MediaType.OCI_MANIFEST);
    for (String preferred : List.of(MediaType.DOCKER_SCHEMA2, MediaType.DOCKER_SCHEMA1_SIGNED)) {
      if (accepted.contains(preferred) && !ociFirst) {
        candidates.add(preferred);
      }
    }
    for (String type : accepted) {
      if (!candidates.contains(type)) {
        candidates.add(type);
      }
    }
    for (String candidate : candidates) {
      if (CONVERSIONS.getOrDefault(sourceType, Set.of()).contains(candidate)) {
        return candidate;
      }
    }
    throw notAccepted(
        "manifest", top, sourceType, accepted, source, destination,
        "it cannot be converted to any of them");
  }

  private static ImageException notAccepted(
      String what,
      RawManifest manifest,
      String type,
      List<String> accepted,
      ImageSource source,
      ImageDestination destination,
      String why) {
    return new ImageException(
        "destination \""
            + destination.reference().describe()
            + "\" does not accept "
            + what
            + " \""
            + manifest.digest()
            + "\" of \""
            + source.reference().describe()
            + "\": its type "
            + Quote.of(type)
            + " is not one of "
            + String.join(", ", accepted)
            + ", and "
            + why);
  }

  /** Which image manifest types convert into which. */
  private static final Map<String, Set<String>> CONVERSIONS =
      Map.of(
          MediaType.DOCKER_SCHEMA2, Set.of(MediaType.OCI_MANIFEST),
          MediaType.OCI_MANIFEST, Set.of(MediaType.DOCKER_SCHEMA2),
          MediaType.DOCKER_SCHEMA1, Set.of(MediaType.DOCKER_SCHEMA2, MediaType.OCI_MANIFEST),
          MediaType.DOCKER_SCHEMA1_SIGNED,
              Set.of(MediaType.DOCKER_SCHEMA2, MediaType.OCI_MANIFEST));

  /**
   * Converts {@code image} once with placeholder layer sizes and diff ids, so that a conversion
   * that cannot work (its config, its target) fails before any blob moves.
   */
  private static void checkConversion(
      ImageManifest image,
      RawManifest raw,
      String target,
      ImageSource source,
      ImageDestination destination)
      throws ImageException {
    List<Descriptor> layers = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    for (Descriptor layer : image.layers()) {
      layers.add(Descriptor.of(layer.mediaType(), layer.digest(), 0));
      diffIds.add(layer.digest());
    }
    try {
      image.convertTo(target, layers, diffIds);
    } catch (InvalidManifestException e) {
      throw conversionFailed(
          raw, MediaType.normalize(raw.mediaType()), target, source, destination, e);
    }
  }

  /** Converts a schema1 image with what copying its layers learnt. */
  ConvertedImage convertCopied(
      CopyPlan plan,
      CopyPlan.Deferred deferred,
      Map<Digest, BlobTransfer.CopiedLayer> copied,
      ImageSource source,
      ImageDestination destination)
      throws ImageException {
    List<Descriptor> layers = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    for (Descriptor layer : deferred.image().layers()) {
      BlobTransfer.CopiedLayer c = copied.get(layer.digest());
      if (c == null) {
        throw new IllegalStateException("layer \"" + layer.digest() + "\" was not copied");
      }
      layers.add(Descriptor.of(layer.mediaType(), layer.digest(), c.size()));
      diffIds.add(c.diffId());
    }
    try {
      return deferred.image().convertTo(deferred.target(), layers, diffIds);
    } catch (InvalidManifestException e) {
      RawManifest raw = plan.top();
      throw conversionFailed(
          raw, MediaType.normalize(raw.mediaType()), deferred.target(), source, destination, e);
    }
  }

  /** The config blob, bounded and verified against its descriptor. */
  private byte[] readConfig(ImageSource source, Descriptor config) throws ImageException {
    try {
      return retry.run(
          () -> {
            try (InputStream in = DigestVerifyingInputStream.of(source.blob(config), config)) {
              // read to the end, so the stream has checked size and digest
              return BoundedInput.readAtMost(
                  in, BoundedInput.MAX_CONFIG_BYTES, "config \"" + config.digest() + "\"");
            }
          },
          (a, n, e) -> {});
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "reading config \""
              + config.digest()
              + "\" of \""
              + source.reference().describe()
              + "\" failed: "
              + e.getMessage(),
          e);
    }
  }
}
