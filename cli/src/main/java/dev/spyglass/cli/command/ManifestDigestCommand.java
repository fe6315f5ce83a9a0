package dev.spyglass.cli.command;

import dev.spyglass.api.BoundedInput;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Quote;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.manifest.schema1.Schema1Signatures;
import dev.spyglass.manifest.schema1.SignatureCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spyglass manifest-digest FILE}: prints the canonical digest of a manifest file, as {@code
 * skopeo manifest-digest} does: for content that looks like a signed schema1 manifest the SHA-256
 * of its JWS payload, for any other bytes (other formats, or no manifest at all) the SHA-256 of the
 * bytes. A broken signature envelope is an {@link InvalidManifestException}.
 *
 * <p>Under {@code --debug} (debug logging on), the signatures of a signed schema1 manifest are also
 * checked and each result logged; an invalid one is a warning only, since the digest, not the
 * ephemeral schema1 key, is what protects the content (containers/image does not check them).
 */
final class ManifestDigestCommand implements Callable<Integer> {
  static final String NAME = "manifest-digest";
  private static final System.Logger LOG = System.getLogger(ManifestDigestCommand.class.getName());

  private final ManifestFormats formats;
  private final PrintStream out;

  Path file = Path.of("");

  /** picocli's model of this command, bound to its fields. */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name(NAME);
    spec.usageMessage().description("Print the canonical digest of a manifest file.");
    spec.addPositional(
        Binding.positional("0", "1", Path.class, () -> file, v -> file = v)
            .paramLabel("MANIFEST")
            .description("The manifest file.")
            .build());
    HelpOptions.addTo(spec);
    return spec;
  }

  ManifestDigestCommand(ManifestFormats formats, PrintStream out) {
    this.formats = formats;
    this.out = out;
  }

  @Override
  public Integer call() throws ImageException {
    String what = "manifest \"" + file + "\"";
    byte[] bytes = read(file, what);
    Optional<String> guessed = formats.guessMediaType(bytes);
    boolean signedSchema1 = guessed.isPresent() && guessed.get().equals(MediaType.DOCKER_SCHEMA1_SIGNED);
    Digest digest;
    try {
      digest = signedSchema1 ? formats.digest(bytes, MediaType.DOCKER_SCHEMA1_SIGNED) : Digest.sha256(bytes);
    } catch (InvalidManifestException e) {
      throw new InvalidManifestException(
          e.rule(),
          e.index().orElse(-1),
          "cannot compute the digest of " + what + ": " + e.getMessage(),
          e);
    }
    if (signedSchema1 && LOG.isLoggable(Level.DEBUG)) {
      logSignatures(bytes, what);
    }
    out.print(digest + "\n");
    out.flush();
    return ExitCode.OK;
  }

  /** Reads at most {@link BoundedInput#MAX_MANIFEST_BYTES}; the failure names the file. */
  static byte[] read(Path file, String what) throws ImageException {
    if (Files.isDirectory(file)) {
      throw new ImageException("cannot read " + what + ": it is a directory");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return BoundedInput.readAtMost(in, BoundedInput.MAX_MANIFEST_BYTES, what);
    } catch (ImageException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw new ImageException("cannot read " + what + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new ImageException("cannot read " + what + ": permission denied", e);
    } catch (IOException e) {
      throw new ImageException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  private static void logSignatures(byte[] bytes, String what) {
    try {
      for (SignatureCheck check : Schema1Signatures.verify(bytes)) {
        String subject =
            "schema1 signature "
                + check.index()
                + " of "
                + what
                + " (key "
                + Quote.of(check.keyId())
                + ", alg "
                + Quote.of(check.algorithm())
                + ")";
        if (check.valid()) {
          LOG.log(Level.DEBUG, subject + " is valid");
        } else {
          LOG.log(
              Level.WARNING,
              subject
                  + " is invalid: "
                  + check.problem()
                  + "; the digest is still that of the signed payload");
        }
      }
    } catch (InvalidManifestException e) {
      LOG.log(Level.WARNING, "cannot check the schema1 signatures of " + what + ": " + e.getMessage());
    }
  }
}
