package dev.spyglass.cli.command;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.image.ImageCopier;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spyglass layers IMAGE [DIGEST...]}: what skopeo's former {@code layers} command did.
 * Creates a new directory {@code layers-*} (in the current directory, as skopeo did, or in {@code
 * --parent-dir}), writes into it through the {@code dir:} transport the named blobs of the image (a
 * layer or the config; every layer and the config when none is named) and the image's manifest,
 * and prints the directory's path on stdout. A run that fails or is stopped removes the directory.
 * The {@code dir} transport is looked up at run time; when it is not installed the command fails,
 * naming it.
 */
final class LayersCommand implements Callable<Integer> {
  static final String NAME = "layers";
  static final String DIR = "dir";

  private final Transports transports;
  private final ManifestFormats formats;
  private final PrintStream out;

  final ImageFlags registry = new ImageFlags();
  final PlatformFlags platformChoice = new PlatformFlags();
  Path parentDir = Path.of(".");
  String image = "";
  List<String> digests = new ArrayList<>();

  /** picocli's model of this command, bound to its fields. */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name(NAME);
    spec.usageMessage()
        .description(
            "Copy an image's manifest and layers into a new directory and print its path.");
    registry.addTo(spec);
    platformChoice.addTo(spec);
    spec.addOption(
        Binding.option(Path.class, () -> parentDir, v -> parentDir = v, "--parent-dir")
            .paramLabel("DIR")
            .description("Where to create the layers-* directory (default: the current directory).")
            .build());
    spec.addPositional(
        Binding.positional("0", "1", String.class, () -> image, v -> image = v)
            .paramLabel("IMAGE")
            .description("TRANSPORT:NAME of the image.")
            .build());
    spec.addPositional(
        Binding.listPositional("1..*", "0..*", String.class, () -> digests, v -> digests = v)
            .paramLabel("DIGEST")
            .description(
                "Layers (or the config) to copy, as algorithm:hex; all layers and the config"
                    + " when none.")
            .build());
    HelpOptions.addTo(spec);
    return spec;
  }

  LayersCommand(Transports transports, ManifestFormats formats, PrintStream out) {
    this.transports = transports;
    this.formats = formats;
    this.out = out;
  }

  @Override
  public Integer call() throws ImageException {
    List<Digest> wanted = new ArrayList<>();
    for (String text : digests) {
      try {
        wanted.add(Digest.parse(text));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    if (transports.get(DIR).isEmpty()) {
      throw new ImageException(
          "layers writes through the \""
              + DIR
              + "\" transport, which is not installed; installed transports: "
              + String.join(", ", transports.names()));
    }
    ImageReference from = transports.parse(image);
    ImageCopier copier =
        ImageCopier.builder(formats)
            .platforms(platformChoice.matcher())
            .build();
    try (ImageSource source = from.newImageSource(registry.toOptions(formats))) {
      Path dir = createDirectory();
      boolean done = false;
      try {
        ImageReference to = transports.parse(DIR + ":" + dir);
        try (ImageDestination destination =
                to.newImageDestination(ImageOptions.builder().formats(formats).build());
            CloseOnShutdown closeIfStopped =
                new CloseOnShutdown(
                    () -> {
                      destination.close();
                      remove(dir);
                    })) {
          copier.copyBlobs(source, destination, wanted);
        }
        done = true;
      } finally {
        if (!done) {
          remove(dir); // its path was never printed: nobody would look for what it holds
        }
      }
      out.println(dir);
      out.flush();
    }
    return ExitCode.OK;
  }

  private Path createDirectory() throws ImageException {
    try {
      return Files.createTempDirectory(parentDir, "layers-");
    } catch (IOException e) {
      throw new ImageException(
          "cannot create a layers-* directory in \"" + parentDir + "\": " + e.getMessage(), e);
    }
  }

  /** Removes the directory of a failed or stopped run and what it holds, as far as it can. */
  private static void remove(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // best effort: the failure being reported is the one that matters
    }
  }
}
