package dev.spyglass.transport.archive;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.spyglass.api.BoundedInput;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import dev.spyglass.transport.archive.internal.ArchiveJson;
import dev.spyglass.transport.archive.internal.TarArchive;
import dev.spyglass.transport.archive.internal.json.DescriptorJson;
import dev.spyglass.transport.archive.internal.json.ManifestJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one image of a tar of an OCI layout, by offsets into the tar: nothing is extracted. The
 * image is the {@code index.json} entry the reference names, the only entry, or, when every entry
 * declares a platform, {@code index.json} itself served as an OCI index (its platform is then
 * chosen as for a registry's list). Thread safe; closing releases the file.
 */
final class OciArchiveImageSource implements ImageSource {
  static final String INDEX = "index.json";
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  static final String CONTAINERD_NAME = "io.containerd.image.name";

  private final OciArchiveReference reference;
  private final ImageOptions options;
  private final TarArchive archive;
  private final RawManifest top;

  private OciArchiveImageSource(
      OciArchiveReference reference, ImageOptions options, TarArchive archive, RawManifest top) {
    this.reference = reference;
    this.options = options;
    this.archive = archive;
    this.top = top;
  }

  static OciArchiveImageSource open(OciArchiveReference reference, ImageOptions options)
      throws ImageException {
    String what = "archive \"" + reference.path() + "\"";
    TarArchive archive = TarArchive.openMaybeCompressed(reference.path(), what);
    try {
      byte[] indexBytes = archive.read(INDEX, BoundedInput.MAX_MANIFEST_BYTES);
      ManifestJson index = ArchiveJson.manifest(indexBytes, INDEX + " of " + what);
      List<DescriptorJson> entries = index.manifests == null ? List.of() : index.manifests;
      RawManifest top;
      Optional<String> name = reference.name();
      if (name.isPresent()) {
        List<DescriptorJson> named = new ArrayList<>();
        for (DescriptorJson entry : entries) {
          Map<String, String> annotations =
              entry.annotations == null ? Map.of() : entry.annotations;
          if (name.get().equals(annotations.get(REF_NAME))
              || name.get().equals(annotations.get(CONTAINERD_NAME))) {
            named.add(entry);
          }
        }
        if (named.isEmpty()) {
          throw new NotFoundException(
              "image",
              reference.describe(),
              "no entry of " + INDEX + " in " + what + " is named \"" + name.get() + "\"");
        }
        if (named.size() > 1) {
          throw new ImageException(
              what
                  + " has "
                  + named.size()
                  + " entries named \""
                  + name.get()
                  + "\" in "
                  + INDEX
                  + "; which one is meant is ambiguous");
        }
        top = entryManifest(archive, reference, options, named.get(0));
      } else if (entries.size() == 1) {
        top = entryManifest(archive, reference, options, entries.get(0));
      } else if (entries.isEmpty()) {
        throw new NotFoundException("image", reference.describe(), what + " holds no image");
      } else if (entries.stream().allMatch(e -> e.platform != null)) {
        top = new RawManifest(indexBytes, MediaType.OCI_INDEX, Digest.sha256(indexBytes));
      } else {
        List<String> names = new ArrayList<>();
        for (DescriptorJson entry : entries) {
          String refName = entry.annotations == null ? null : entry.annotations.get(REF_NAME);
          if (refName != null) {
            names.add("\"" + refName + "\"");
          }
        }
        throw new ImageException(
            what
                + " holds "
                + entries.size()
                + " images; name one, as in \"oci-archive:"
                + reference.path()
                + ":NAME\""
                + (names.isEmpty() ? "" : " (named: " + String.join(", ", names) + ")"));
      }
      return new OciArchiveImageSource(reference, options, archive, top);
    } catch (ImageException | RuntimeException e) {
      archive.close();
      throw e;
    }
  }

  private static RawManifest entryManifest(
      TarArchive archive, OciArchiveReference reference, ImageOptions options, DescriptorJson entry)
      throws ImageException {
    if (entry.digest == null || !Digest.isValid(entry.digest)) {
      throw new InvalidManifestException(
          "invalid-digest",
          "an entry of " + INDEX + " in \"" + reference.path() + "\" has no valid digest");
    }
    Digest digest = Digest.parse(entry.digest);
    byte[] bytes = readManifest(archive, reference, digest);
    if (entry.size != null && entry.size != bytes.length) {
      throw new ImageException(
          "manifest \""
              + reference.describe()
              + "\" has "
              + bytes.length
              + " bytes, its index entry says "
              + entry.size);
    }
    String mediaType =
        entry.mediaType != null && !entry.mediaType.isEmpty()
            ? entry.mediaType
            : mediaType(reference, options, bytes, digest);
    return new RawManifest(bytes, mediaType, digest);
  }

  @Override
  public OciArchiveReference reference() {
    return reference;
  }

  @Override
  public RawManifest manifest() {
    return top;
  }

  @Override
  public RawManifest manifest(Digest digest) throws ImageException {
    if (digest.equals(top.digest())) {
      return top;
    }
    byte[] bytes = readManifest(archive, reference, digest);
    return new RawManifest(bytes, mediaType(reference, options, bytes, digest), digest);
  }

  @Override
  public InputStream blob(Descriptor blob) throws ImageException {
    TarArchive.Entry entry = archive.require(blobName(blob.digest()));
    return new DigestVerifyingInputStream(archive.open(entry), blob);
  }

  /** A layout lists no tags: skopeo prints {@code "RepoTags": []}. */
  @Override
  public List<String> tags() {
    return List.of();
  }

  @Override
  public void close() {
    archive.close();
  }

  static String blobName(Digest digest) {
    // A Digest is validated (known algorithm, exact lowercase hex): safe as names.
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }

  private static byte[] readManifest(
      TarArchive archive, OciArchiveReference reference, Digest digest) throws ImageException {
    byte[] bytes = archive.read(blobName(digest), BoundedInput.MAX_MANIFEST_BYTES);
    Digest actual = digest.recompute(bytes);
    if (!actual.equals(digest)) {
      throw new DigestMismatchException(
          "manifest \"" + reference.describe() + "@" + digest + "\"", digest, actual);
    }
    return bytes;
  }

  /**
   * The media type of a manifest known by its bytes: what a format recognises, else its own field.
   */
  private static String mediaType(
      OciArchiveReference reference, ImageOptions options, byte[] bytes, Digest digest)
      throws InvalidManifestException {
    Optional<String> guess = options.formats().guessMediaType(bytes);
    if (guess.isPresent()) {
      return guess.get();
    }
    String what = "manifest \"" + reference.describe() + "@" + digest + "\"";
    try {
      JsonElement json = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
      JsonElement type = json.isJsonObject() ? json.getAsJsonObject().get("mediaType") : null;
      if (type != null && type.isJsonPrimitive() && type.getAsJsonPrimitive().isString()) {
        return type.getAsString();
      }
    } catch (JsonParseException e) {
      throw new InvalidManifestException(
          "not-json", -1, what + " is not JSON: " + e.getMessage(), e);
    }
    throw new InvalidManifestException(
        "unknown-media-type", what + " is of no media type a manifest format recognises");
  }
}
