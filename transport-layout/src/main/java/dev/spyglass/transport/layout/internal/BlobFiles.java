package dev.spyglass.transport.layout.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a blob file of a layout for reading, checked against its descriptor as it is read. */
public final class BlobFiles {
  private BlobFiles() {}

  /**
   * @throws NotFoundException when the file does not exist
   */
  public static InputStream open(Path file, Descriptor blob) throws ImageException {
    try {
      return new DigestVerifyingInputStream(Files.newInputStream(file), blob);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("blob", blob.digest().toString(), "no file \"" + file + "\"");
    } catch (IOException e) {
      throw new ImageException(
          "opening blob \"" + blob.digest() + "\" at \"" + file + "\" failed: " + FileFailures.reason(e), e);
    }
  }
}
