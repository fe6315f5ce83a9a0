package dev.spyglass.cli.command;

import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Platform;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.cli.progress.CopyProgress;
import dev.spyglass.image.CopyListener;
import dev.spyglass.image.CopyResult;
import dev.spyglass.image.ImageCopier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spyglass copy SOURCE DESTINATION}: copies an image as {@code skopeo copy} does, with its
 * flag names: blobs in parallel (each verified), then the manifest, byte for byte. Progress goes to
 * stderr ({@link CopyProgress}); stdout stays empty. A manifest the destination does not take,
 * or {@code --format}, is converted (Docker schema2 and OCI).
 */
final class CopyCommand implements Callable<Integer>, RemedyFlags.PerRegistry {
  static final String NAME = "copy";

  private final Transports transports;
  private final ManifestFormats formats;
  private final PrintStream err;

  boolean all;
  final PlatformFlags platformChoice = new PlatformFlags();
  final TransferFlags transfer = new TransferFlags();
  @Nullable Path digestFile;
  boolean quiet;
  List<String> additionalTags = new ArrayList<>();
  String source = "";
  String destination = "";

  /** picocli's model of this command, bound to its fields. */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name(NAME);
    spec.usageMessage().description("Copy an image from one location to another.");
    spec.addOption(
        Binding.option(boolean.class, () -> all, v -> all = v, "-a", "--all")
            .description(
                "Copy every image of a list, and the list; without it, only this platform's"
                    + " image.")
            .build());
    platformChoice.addTo(spec);
    transfer.addTo(spec);
    spec.addOption(
        Binding.option(Path.class, () -> digestFile, v -> digestFile = v, "--digestfile")
            .paramLabel("FILE")
            .description("Write the digest of the manifest written to FILE.")
            .build());
    spec.addOption(
        Binding.option(boolean.class, () -> quiet, v -> quiet = v, "-q", "--quiet")
            .description("Print no progress.")
            .build());
    spec.addOption(
        Binding.listOption(
                String.class, () -> additionalTags, v -> additionalTags = v, "--additional-tag")
            .paramLabel("NAME:TAG")
            .description(
                "Also name the image NAME:TAG in a docker-archive: destination (repeatable).")
            .build());
    spec.addPositional(
        Binding.positional("0", "1", String.class, () -> source, v -> source = v)
            .paramLabel("SOURCE")
            .description("TRANSPORT:NAME of the image to copy.")
            .build());
    spec.addPositional(
        Binding.positional("1", "1", String.class, () -> destination, v -> destination = v)
            .paramLabel("DESTINATION")
            .description("TRANSPORT:NAME to copy it to.")
            .build());
    HelpOptions.addTo(spec);
    return spec;
  }

  CopyCommand(Transports transports, ManifestFormats formats, PrintStream err) {
    this.transports = transports;
    this.formats = formats;
    this.err = err;
  }

  @Override
  public Integer call() throws ImageException {
    CopyProgress progress = quiet ? null : new CopyProgress(err);
    ImageCopier copier = copier(progress == null ? CopyListener.NONE : progress);
    ImageReference from = transports.parse(source);
    ImageReference to = transports.parse(destination);
    ImageOptions sourceOptions = sourceOptions();
    ImageOptions destinationOptions = destinationOptions();
    CopyResult result;
    try (ImageSource in = from.newImageSource(sourceOptions);
        ImageDestination out = to.newImageDestination(destinationOptions);
        CloseOnShutdown closeIfStopped = new CloseOnShutdown(out)) {
      result = copier.copy(in, out);
    } finally {
      if (progress != null) {
        progress.close(); // a final frame, also when the copy failed
      }
    }
    if (digestFile != null) {
      writeDigest(digestFile, result);
    }
    return ExitCode.OK;
  }

  /**
   * The flags of the side whose registry is {@code registry}: the side naming it, else the only
   * side that is a registry at all (the failure may name the host an API name maps to, or a token
   * server); both sides' flags when that leaves both or neither.
   */
  @Override
  public RemedyFlags remedyFlags(String registry) {
    Optional<String> from = registryOf(source);
    Optional<String> to = registryOf(destination);
    boolean fromNamed = from.equals(Optional.of(registry));
    boolean toNamed = to.equals(Optional.of(registry));
    if (fromNamed == toNamed) {
      fromNamed = from.isPresent();
      toNamed = to.isPresent();
    }
    if (fromNamed == toNamed) {
      return RemedyFlags.EITHER_SIDE;
    }
    return fromNamed ? RemedyFlags.SOURCE : RemedyFlags.DESTINATION;
  }

  /** The registry ({@code HOST[:PORT]}) of a reference to a registry; empty for other transports. */
  private Optional<String> registryOf(String reference) {
    try {
      return transports
          .parse(reference)
          .dockerName()
          .filter(name -> name.indexOf('/') > 0)
          .map(name -> name.substring(0, name.indexOf('/')));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Checks the flags that need no I/O and builds the copier; usage errors come from here. */
  ImageCopier copier() {
    return copier(CopyListener.NONE);
  }

  private ImageCopier copier(CopyListener listener) {
    return transfer.copier(formats, all, platformChoice, listener);
  }

  ImageOptions sourceOptions() {
    return transfer.sourceOptions(formats);
  }

  ImageOptions destinationOptions() {
    return transfer
        .destinationOptions(formats)
        .toBuilder()
        .additionalTags(additionalTags)
        .build();
  }

  Platform platform() {
    return platformChoice.platform();
  }

  /** Writes the digest as skopeo does: the text alone, no newline. */
  private static void writeDigest(Path file, CopyResult result) throws ImageException {
    try {
      Files.writeString(file, result.manifestDigest().toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ImageException(
          "the image was copied, but writing its digest to \"" + file + "\" failed: " + e.getMessage(),
          e);
    }
  }
}
