package dev.spyglass.cli.command;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Platform;
import dev.spyglass.api.Quote;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.cli.progress.CopyProgress;
import dev.spyglass.image.CopyListener;
import dev.spyglass.image.CopyResult;
import dev.spyglass.image.ImageCopier;
import jakarta.inject.Inject;
import jakarta.inject.Named;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spyglass copy SOURCE DESTINATION}: copies an image as {@code skopeo copy} does, with its
 * flag names: blobs in parallel (each verified), then the manifest, byte for byte. Progress goes to
 * stderr ({@link CopyProgress}); stdout stays empty. A manifest the destination does not take,
 * or {@code --format}, is converted (Docker schema2 and OCI).
 */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description = "Copy an image from one location to another.")
final class CopyCommand implements Callable<Integer>, RemedyFlags.PerRegistry {
  private final Transports transports;
  private final ManifestFormats formats;
  private final PrintStream err;

  @Option(
      names = {"-a", "--all"},
      description = "Copy every image of a list, and the list; without it, only this platform's image.")
  boolean all;

  @Mixin PlatformMixin platformChoice = new PlatformMixin();

  @Option(names = "--src-creds", paramLabel = "USER[:PASSWORD]", description = "Credentials for the source registry.")
  @Nullable String srcCreds;

  @Option(names = "--dest-creds", paramLabel = "USER[:PASSWORD]", description = "Credentials for the destination registry.")
  @Nullable String destCreds;

  @Option(
      names = "--src-tls-verify",
      arity = "0..1",
      defaultValue = "true",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "Verify the source's TLS certificates (default true); false also allows plain HTTP.")
  boolean srcTlsVerify = true;

  @Option(
      names = "--dest-tls-verify",
      arity = "0..1",
      defaultValue = "true",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "Verify the destination's TLS certificates (default true); false also allows plain HTTP.")
  boolean destTlsVerify = true;

  @Option(names = "--src-cert-dir", paramLabel = "DIR", description = "CA certificates and client keys for the source.")
  @Nullable Path srcCertDir;

  @Option(names = "--dest-cert-dir", paramLabel = "DIR", description = "CA certificates and client keys for the destination.")
  @Nullable Path destCertDir;

  @Option(names = "--authfile", paramLabel = "FILE", description = "Auth file for both source and destination.")
  @Nullable Path authFile;

  @Option(names = "--src-authfile", paramLabel = "FILE", description = "Auth file for the source (instead of --authfile).")
  @Nullable Path srcAuthFile;

  @Option(names = "--dest-authfile", paramLabel = "FILE", description = "Auth file for the destination (instead of --authfile).")
  @Nullable Path destAuthFile;

  @Option(names = "--digestfile", paramLabel = "FILE", description = "Write the digest of the manifest written to FILE.")
  @Nullable Path digestFile;

  @Option(
      names = "--retry-times",
      paramLabel = "N",
      description =
          "Retry a failed step (a blob, a manifest) that may pass N more times (default 0; single"
              + " requests are retried without it).")
  int retryTimes;

  @Option(
      names = "--retry-delay",
      paramLabel = "DURATION",
      converter = GoDuration.Converter.class,
      description = "Fixed delay between --retry-times retries, e.g. 2s (default: 1s, doubling).")
  @Nullable Duration retryDelay;

  @Option(
      names = "--image-parallel-copies",
      paramLabel = "N",
      description = "Copy at most N blobs at once (default " + ImageCopier.DEFAULT_PARALLEL_COPIES + ").")
  int parallelCopies = ImageCopier.DEFAULT_PARALLEL_COPIES;

  @Option(names = {"-q", "--quiet"}, description = "Print no progress.")
  boolean quiet;

  @Option(
      names = "--additional-tag",
      paramLabel = "NAME:TAG",
      description = "Also name the image NAME:TAG in a docker-archive: destination (repeatable).")
  List<String> additionalTags = new ArrayList<>();

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description = "Manifest type to write, converting when the source's differs (oci, v2s2; v2s1 is refused).")
  @Nullable String format;

  @Option(
      names = "--preserve-digests",
      description = "Fail instead of converting a manifest (which would change its digest).")
  boolean preserveDigests;

  @Parameters(index = "0", arity = "1", paramLabel = "SOURCE", description = "TRANSPORT:NAME of the image to copy.")
  String source = "";

  @Parameters(index = "1", arity = "1", paramLabel = "DESTINATION", description = "TRANSPORT:NAME to copy it to.")
  String destination = "";

  @Inject
  CopyCommand(Transports transports, ManifestFormats formats, @Named("err") PrintStream err) {
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
    String manifestType = manifestType();
    if (parallelCopies < 1) {
      throw new UsageException("--image-parallel-copies must be 1 or more, not " + parallelCopies);
    }
    if (retryTimes < 0) {
      throw new UsageException("--retry-times must be 0 or more, not " + retryTimes);
    }
    ImageCopier.Builder builder =
        ImageCopier.builder(formats)
            .all(all)
            .format(manifestType)
            .preserveDigests(preserveDigests)
            .platforms(platformChoice.matcher())
            .parallelCopies(parallelCopies)
            .retryTimes(retryTimes)
            .listener(listener);
    if (retryDelay != null) {
      builder.fixedRetryDelay(retryDelay);
    }
    return builder.build();
  }

  /** The media type {@code --format} names, as skopeo's names; null without the flag. */
  private @Nullable String manifestType() {
    if (format == null) {
      return null;
    }
    return switch (format) {
      case "oci" -> MediaType.OCI_MANIFEST;
      case "v2s2" -> MediaType.DOCKER_SCHEMA2;
      case "v2s1" ->
          throw new UsageException(
              "--format v2s1 asks for a conversion to Docker schema1, which is not supported;"
                  + " use oci or v2s2");
      default ->
          throw new UsageException(
              "--format "
                  + Quote.of(format)
                  + " is not a manifest format; choose oci, v2s1 or v2s2");
    };
  }

  ImageOptions sourceOptions() {
    return options("--src-creds", srcCreds, srcTlsVerify, srcCertDir, srcAuthFile);
  }

  ImageOptions destinationOptions() {
    return options("--dest-creds", destCreds, destTlsVerify, destCertDir, destAuthFile)
        .toBuilder()
        .additionalTags(additionalTags)
        .build();
  }

  private ImageOptions options(
      String credsFlag,
      @Nullable String creds,
      boolean tlsVerify,
      @Nullable Path certDir,
      @Nullable Path ownAuthFile) {
    ImageOptions.Builder b = ImageOptions.builder().tlsVerify(tlsVerify).formats(formats);
    if (certDir != null) {
      b.certDir(certDir);
    }
    Path auth = ownAuthFile != null ? ownAuthFile : authFile;
    if (auth != null) {
      b.authFile(auth);
    }
    if (creds != null) {
      Credentials credentials = ImageOptionsMixin.parseCreds(credsFlag, creds, TerminalPassword::ask);
      b.credentials(credentials);
    }
    return b.build();
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
