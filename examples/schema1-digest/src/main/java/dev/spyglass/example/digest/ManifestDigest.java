package dev.spyglass.example.digest;

import dev.spyglass.api.Digest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.manifest.schema1.Schema1Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Prints the digest a registry gives a manifest file: for a signed schema1 manifest the SHA-256 of
 * its JWS payload, for anything else the SHA-256 of the file. Usage: {@code ManifestDigest FILE}.
 */
public final class ManifestDigest {
  private ManifestDigest() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ManifestDigest FILE");
      System.exit(2);
    }
    byte[] bytes = Files.readAllBytes(Path.of(args[0]));
    Schema1Format schema1 = new Schema1Format();
    Optional<String> type = schema1.guessMediaType(bytes);
    try {
      Digest digest = type.isPresent() ? schema1.digest(bytes, type.get()) : Digest.sha256(bytes);
      System.out.println(digest);
    } catch (InvalidManifestException e) {
      System.err.println("\"" + args[0] + "\": " + e.getMessage());
      System.exit(1);
    }
  }
}
