package dev.spyglass.cli.command;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Quote;
import dev.spyglass.image.CopyListener;
import dev.spyglass.image.ImageCopier;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The flags {@code copy} and {@code sync} share, with skopeo's names: how to reach each side
 * ({@code --src-*}, {@code --dest-*}, {@code --authfile}), retries, blobs at once and {@code
 * --format}.
 */
final class TransferFlags {
  @Nullable String srcCreds;
  @Nullable String destCreds;
  boolean srcTlsVerify = true;
  boolean destTlsVerify = true;
  @Nullable Path srcCertDir;
  @Nullable Path destCertDir;
  @Nullable Path authFile;
  @Nullable Path srcAuthFile;
  @Nullable Path destAuthFile;
  final RetryFlags retries = new RetryFlags();
  int parallelCopies = ImageCopier.DEFAULT_PARALLEL_COPIES;
  @Nullable String format;
  boolean preserveDigests;

  /** Adds the flags to {@code spec}, bound to this object's fields. */
  void addTo(CommandSpec spec) {
    spec.addOption(
        Binding.option(String.class, () -> srcCreds, v -> srcCreds = v, "--src-creds")
            .paramLabel("USER[:PASSWORD]")
            .description("Credentials for the source registry.")
            .build());
    spec.addOption(
        Binding.option(String.class, () -> destCreds, v -> destCreds = v, "--dest-creds")
            .paramLabel("USER[:PASSWORD]")
            .description("Credentials for the destination registry.")
            .build());
    spec.addOption(
        Binding.trueByDefault(() -> srcTlsVerify, v -> srcTlsVerify = v, "--src-tls-verify")
            .description(
                "Verify the source's TLS certificates (default true); false also allows plain"
                    + " HTTP.")
            .build());
    spec.addOption(
        Binding.trueByDefault(() -> destTlsVerify, v -> destTlsVerify = v, "--dest-tls-verify")
            .description(
                "Verify the destination's TLS certificates (default true); false also allows"
                    + " plain HTTP.")
            .build());
    spec.addOption(
        Binding.option(Path.class, () -> srcCertDir, v -> srcCertDir = v, "--src-cert-dir")
            .paramLabel("DIR")
            .description("CA certificates and client keys for the source.")
            .build());
    spec.addOption(
        Binding.option(Path.class, () -> destCertDir, v -> destCertDir = v, "--dest-cert-dir")
            .paramLabel("DIR")
            .description("CA certificates and client keys for the destination.")
            .build());
    spec.addOption(
        Binding.option(Path.class, () -> authFile, v -> authFile = v, "--authfile")
            .paramLabel("FILE")
            .description("Auth file for both source and destination.")
            .build());
    spec.addOption(
        Binding.option(Path.class, () -> srcAuthFile, v -> srcAuthFile = v, "--src-authfile")
            .paramLabel("FILE")
            .description("Auth file for the source (instead of --authfile).")
            .build());
    spec.addOption(
        Binding.option(Path.class, () -> destAuthFile, v -> destAuthFile = v, "--dest-authfile")
            .paramLabel("FILE")
            .description("Auth file for the destination (instead of --authfile).")
            .build());
    retries.addTo(
        spec,
        "Retry a failed step (a blob, a manifest) that may pass N more times (default 0; single"
            + " requests are retried without it).");
    spec.addOption(
        Binding.option(
                int.class, () -> parallelCopies, v -> parallelCopies = v, "--image-parallel-copies")
            .paramLabel("N")
            .description(
                "Copy at most N blobs at once (default "
                    + ImageCopier.DEFAULT_PARALLEL_COPIES
                    + ").")
            .build());
    spec.addOption(
        Binding.option(String.class, () -> format, v -> format = v, "-f", "--format")
            .paramLabel("FORMAT")
            .description(
                "Manifest type to write, converting when the source's differs (oci, v2s2; v2s1 is"
                    + " refused).")
            .build());
    spec.addOption(
        Binding.option(
                boolean.class,
                () -> preserveDigests,
                v -> preserveDigests = v,
                "--preserve-digests")
            .description("Fail instead of converting a manifest (which would change its digest).")
            .build());
  }

  /**
   * A copier with these flags (checked first: usage errors come from here), the command's {@code
   * --all} and platform choice, reading manifests with {@code formats} and telling {@code
   * listener}.
   */
  ImageCopier copier(
      ManifestFormats formats, boolean all, PlatformFlags platformChoice, CopyListener listener) {
    return copierBuilder(formats)
        .all(all)
        .platforms(platformChoice.matcher())
        .listener(listener)
        .build();
  }

  private ImageCopier.Builder copierBuilder(ManifestFormats formats) {
    String manifestType = manifestType();
    if (parallelCopies < 1) {
      throw new UsageException("--image-parallel-copies must be 1 or more, not " + parallelCopies);
    }
    ImageCopier.Builder builder =
        ImageCopier.builder(formats)
            .format(manifestType)
            .preserveDigests(preserveDigests)
            .parallelCopies(parallelCopies)
            .retryTimes(retries.times());
    retries.fixedDelay().ifPresent(builder::fixedRetryDelay);
    return builder;
  }

  /** The media type {@code --format} names, as skopeo's names; null without the flag. */
  @Nullable String manifestType() {
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

  ImageOptions sourceOptions(ManifestFormats formats) {
    return options(formats, "--src-creds", srcCreds, srcTlsVerify, srcCertDir, srcAuthFile);
  }

  ImageOptions destinationOptions(ManifestFormats formats) {
    return options(formats, "--dest-creds", destCreds, destTlsVerify, destCertDir, destAuthFile);
  }

  private ImageOptions options(
      ManifestFormats formats,
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
      Credentials credentials =
          ImageFlags.parseCreds(credsFlag, creds, TerminalPassword::ask);
      b.credentials(credentials);
    }
    return b.build();
  }
}
