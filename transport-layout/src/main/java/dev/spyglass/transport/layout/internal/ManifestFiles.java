package dev.spyglass.transport.layout.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.spyglass.api.BoundedInput;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads manifests and small JSON files from disk, bounded, and recognises their media type. */
public final class ManifestFiles {
  private ManifestFiles() {}

  /**
   * Reads at most {@link BoundedInput#MAX_MANIFEST_BYTES} of {@code file}.
   *
   * @param kind what the file holds, for {@link NotFoundException#kind()}
   * @param name what the file was looked for by
   */
  public static byte[] read(Path file, String kind, String name) throws ImageException {
    try (InputStream in = Files.newInputStream(file)) {
      return BoundedInput.readAtMost(
          in, BoundedInput.MAX_MANIFEST_BYTES, kind + " \"" + name + "\" (\"" + file + "\")");
    } catch (NoSuchFileException e) {
      throw new NotFoundException(kind, name, "no file \"" + file + "\"");
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "reading " + kind + " \"" + name + "\" from \"" + file + "\" failed: " + FileFailures.reason(e),
          e);
    }
  }

  /**
   * The media type of a manifest known only by its bytes: what a format recognises, else the
   * manifest's own {@code mediaType} field.
   *
   * @throws InvalidManifestException rule {@code "unknown-media-type"} when neither says
   */
  public static String mediaType(byte[] bytes, ManifestFormats formats, String what)
      throws InvalidManifestException {
    Optional<String> guess = formats.guessMediaType(bytes);
    if (guess.isPresent()) {
      return guess.get();
    }
    try {
      JsonElement json = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
      if (json.isJsonObject()) {
        JsonObject object = json.getAsJsonObject();
        JsonElement type = object.get("mediaType");
        if (type != null && type.isJsonPrimitive() && type.getAsJsonPrimitive().isString()) {
          return type.getAsString();
        }
      }
    } catch (JsonParseException e) {
      throw new InvalidManifestException(
          "not-json", -1, what + " is not JSON: " + e.getMessage(), e);
    }
    throw new InvalidManifestException(
        "unknown-media-type", what + " is of no media type a manifest format recognises");
  }
}
