package dev.spyglass.cli.command;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Quote;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.cli.progress.SyncProgress;
import dev.spyglass.cli.sync.Shard;
import dev.spyglass.cli.sync.SyncKind;
import dev.spyglass.cli.sync.SyncNames;
import dev.spyglass.cli.sync.SyncPlanner;
import dev.spyglass.cli.sync.SyncRunner;
import dev.spyglass.cli.sync.config.SyncConfigException;
import dev.spyglass.image.ImageCopier;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
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
 * {@code spyglass sync --src KIND --dest KIND SOURCE DESTINATION}: copies many images as {@code
 * skopeo sync} (1.9, with 1.15's {@code --append-suffix}) does, with its flags and destination
 * names; an image the destination already holds is skipped after two {@code HEAD}s; {@code -j}
 * images at once; {@code --shard K/N} takes one share of the repositories. One line per image and a
 * summary go to stderr; stdout stays empty.
 */
final class SyncCommand implements Callable<Integer>, RemedyFlags.PerRegistry {
  static final String NAME = "sync";

  /** Images copied at once unless told otherwise. */
  static final int DEFAULT_JOBS = 4;

  private final Transports transports;
  private final ManifestFormats formats;
  private final PrintStream err;

  @Nullable String sourceKind;
  @Nullable String destinationKind;
  boolean scoped;
  boolean all;
  boolean dryRun;
  boolean keepGoing;
  String appendSuffix = "";
  @Nullable Path digestFile;
  int jobs = DEFAULT_JOBS;
  @Nullable String shard;
  boolean quiet;
  final PlatformFlags platformChoice = new PlatformFlags();
  final TransferFlags transfer = new TransferFlags();
  String source = "";
  String destination = "";

  /** picocli's model of this command, bound to its fields. */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name(NAME);
    spec.usageMessage()
        .description(
            "Synchronize images from one location to another.",
            "Source kinds (--src): docker, dir, oci, yaml; destination kinds (--dest): docker,"
                + " dir, oci.");
    spec.addOption(
        Binding.option(String.class, () -> sourceKind, v -> sourceKind = v, "-s", "--src")
            .paramLabel("KIND")
            .description("Source kind: docker, dir, oci or yaml.")
            .build());
    spec.addOption(
        Binding.option(
                String.class, () -> destinationKind, v -> destinationKind = v, "-d", "--dest")
            .paramLabel("KIND")
            .description("Destination kind: docker, dir or oci.")
            .build());
    spec.addOption(
        Binding.option(boolean.class, () -> scoped, v -> scoped = v, "--scoped")
            .description("Name images at the destination with their whole source path.")
            .build());
    spec.addOption(
        Binding.option(boolean.class, () -> all, v -> all = v, "-a", "--all")
            .description("Copy every image of a list, and the list.")
            .build());
    spec.addOption(
        Binding.option(boolean.class, () -> dryRun, v -> dryRun = v, "--dry-run")
            .description("Copy nothing: list what would be copied and check that it exists.")
            .build());
    spec.addOption(
        Binding.option(boolean.class, () -> keepGoing, v -> keepGoing = v, "--keep-going")
            .description("Do not stop at the first image that fails.")
            .build());
    spec.addOption(
        Binding.option(String.class, () -> appendSuffix, v -> appendSuffix = v, "--append-suffix")
            .paramLabel("SUFFIX")
            .description("Append SUFFIX to every destination tag.")
            .build());
    spec.addOption(
        Binding.option(Path.class, () -> digestFile, v -> digestFile = v, "--digestfile")
            .paramLabel("FILE")
            .description("Write one line \"DIGEST REFERENCE\" per image copied to FILE.")
            .build());
    spec.addOption(
        Binding.option(int.class, () -> jobs, v -> jobs = v, "-j", "--jobs")
            .paramLabel("N")
            .description("Copy N images at once (default " + DEFAULT_JOBS + ").")
            .build());
    spec.addOption(
        Binding.option(String.class, () -> shard, v -> shard = v, "--shard")
            .paramLabel("K/N")
            .description("Sync only the K-th (0-based) of N disjoint shares of the repositories.")
            .build());
    spec.addOption(
        Binding.option(boolean.class, () -> quiet, v -> quiet = v, "-q", "--quiet")
            .description("No live progress on a terminal.")
            .build());
    platformChoice.addTo(spec);
    transfer.addTo(spec);
    spec.addPositional(
        Binding.positional("0", "1", String.class, () -> source, v -> source = v)
            .paramLabel("SOURCE")
            .description("Repository, image, directory or YAML file.")
            .build());
    spec.addPositional(
        Binding.positional("1", "1", String.class, () -> destination, v -> destination = v)
            .paramLabel("DESTINATION")
            .description("Registry (and namespace) or directory.")
            .build());
    HelpOptions.addTo(spec);
    return spec;
  }

  SyncCommand(Transports transports, ManifestFormats formats, PrintStream err) {
    this.transports = transports;
    this.formats = formats;
    this.err = err;
  }

  @Override
  public Integer call() throws ImageException, InterruptedException {
    SyncKind from =
        kind(
            "--src",
            "A source transport",
            sourceKind,
            List.of(SyncKind.DOCKER, SyncKind.DIR, SyncKind.OCI, SyncKind.YAML));
    SyncKind to =
        kind(
            "--dest",
            "A destination transport",
            destinationKind,
            List.of(SyncKind.DOCKER, SyncKind.DIR, SyncKind.OCI));
    if (from == to && (from == SyncKind.DIR || from == SyncKind.OCI)) {
      throw new UsageException(
          "sync from '"
              + from.flagName()
              + "' to '"
              + to.flagName()
              + "' not implemented, consider using rsync instead");
    }
    if (jobs < 1) {
      throw new UsageException("--jobs must be 1 or more, not " + jobs);
    }
    Shard share;
    try {
      share = shard == null ? Shard.ALL : Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    SyncProgress progress = new SyncProgress(err, !quiet);
    ImageCopier copier = copier(progress);
    ImageOptions sourceOptions = transfer.sourceOptions(formats);
    ImageOptions destinationOptions = transfer.destinationOptions(formats);
    long start = System.nanoTime();
    SyncPlanner.Plan plan;
    try {
      plan = new SyncPlanner(transports, sourceOptions, share, progress::line).plan(from, source);
    } catch (SyncConfigException e) {
      throw new UsageException(e.getMessage(), e);
    }
    if (dryRun) {
      progress.line("Running in dry-run mode: nothing is copied");
    }
    for (SyncPlanner.Failure failure : plan.failures()) {
      progress.line(failure.subject() + ": failed: " + SyncRunner.reason(failure.cause()));
    }
    List<SyncRunner.Outcome> outcomes = List.of();
    if (plan.failures().isEmpty() || keepGoing) {
      SyncNames names = new SyncNames(transports, to, destination, scoped, appendSuffix);
      try (Writer digests = digestWriter()) {
        SyncRunner runner =
            new SyncRunner(
                copier,
                names,
                to,
                destinationOptions,
                jobs,
                keepGoing,
                dryRun,
                progress,
                digests,
                CloseOnShutdown::new);
        outcomes = runner.run(plan.groups());
      } catch (IOException e) {
        throw new ImageException("closing the digest file failed: " + e.getMessage(), e);
      } finally {
        progress.close();
      }
    } else {
      progress.close();
    }
    return summarize(plan, outcomes, Duration.ofNanos(System.nanoTime() - start));
  }

  private @Nullable Writer digestWriter() throws ImageException {
    if (digestFile == null || dryRun) {
      return null;
    }
    try {
      return Files.newBufferedWriter(digestFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ImageException(
          "opening the digest file "
              + Quote.of(digestFile.toString())
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  /** Prints the summary and skopeo's closing sentence; the exit code, or the failure to report. */
  private int summarize(SyncPlanner.Plan plan, List<SyncRunner.Outcome> outcomes, Duration elapsed)
      throws ImageException {
    int copied = 0;
    int skipped = 0;
    int notStarted = 0;
    long bytes = 0;
    List<String> failed = new ArrayList<>();
    Exception first = null;
    String firstSubject = "";
    for (SyncPlanner.Failure f : plan.failures()) {
      failed.add(f.subject() + ": " + SyncRunner.reason(f.cause()));
      if (first == null) {
        first = f.cause();
        firstSubject = f.subject();
      }
    }
    for (SyncRunner.Outcome o : outcomes) {
      switch (o.status()) {
        case COPIED, WOULD_COPY -> copied++;
        case SKIPPED, WOULD_SKIP -> skipped++;
        case NOT_STARTED -> notStarted++;
        case FAILED -> {
          failed.add(Quote.of(o.image().describe()) + ": " + SyncRunner.reason(o.failure()));
          if (first == null) {
            first = o.failure();
            firstSubject = o.image().describe();
          }
        }
      }
      bytes += o.bytes();
    }
    err.println(
        (dryRun
                ? "Summary (dry run): " + copied + " to copy, " + skipped + " already present, "
                : "Summary: " + copied + " copied, " + skipped + " skipped, ")
            + failed.size()
            + " failed"
            + (notStarted > 0 ? ", " + notStarted + " not started" : "")
            + "; "
            + SyncProgress.size(bytes)
            + " moved in "
            + SyncProgress.seconds(elapsed));
    for (String f : failed) {
      err.println("  failed: " + f);
    }
    int synced = copied + skipped;
    err.println(
        (dryRun ? "Would have synced " : "Synced ")
            + synced
            + " images from "
            + plan.groups().size()
            + " sources");
    err.flush();
    if (first == null) {
      return ExitCode.OK;
    }
    if (!keepGoing) {
      throw new ImageFailedException(firstSubject, first);
    }
    throw new ImageException(
        "sync failed for "
            + failed.size()
            + " of "
            + (outcomes.size() + plan.failures().size())
            + " images or repositories (listed above)");
  }

  private static SyncKind kind(
      String flag, String what, @Nullable String text, List<SyncKind> allowed) {
    if (text == null || text.isEmpty()) {
      throw new UsageException(what + " must be specified (" + flag + ")");
    }
    Optional<SyncKind> kind = SyncKind.of(text).filter(allowed::contains);
    if (kind.isEmpty()) {
      throw new UsageException(
          Quote.of(text)
              + " is not a valid "
              + (flag.equals("--src") ? "source" : "destination")
              + " transport; choose "
              + String.join(", ", allowed.stream().map(SyncKind::flagName).toList()));
    }
    return kind.get();
  }

  /** Checks the flags that need no I/O and builds the copier. */
  ImageCopier copier(dev.spyglass.image.CopyListener listener) {
    return transfer.copier(formats, all, platformChoice, listener);
  }

  /** The source's flags for a failure on the source's registry, else the destination's. */
  @Override
  public RemedyFlags remedyFlags(String registry) {
    boolean sourceNamed =
        SyncKind.of(String.valueOf(sourceKind)).orElse(SyncKind.DIR) != SyncKind.DIR
            && (source.startsWith(registry + "/") || source.equals(registry));
    boolean destinationNamed =
        "docker".equals(destinationKind)
            && (destination.startsWith(registry + "/") || destination.equals(registry));
    if (sourceNamed == destinationNamed) {
      return RemedyFlags.EITHER_SIDE;
    }
    return sourceNamed ? RemedyFlags.SOURCE : RemedyFlags.DESTINATION;
  }
}
