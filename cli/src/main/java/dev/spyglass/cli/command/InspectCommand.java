package dev.spyglass.cli.command;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.cli.output.JsonText;
import dev.spyglass.cli.output.InspectJson;
import dev.spyglass.cli.template.GoTemplate;
import dev.spyglass.cli.template.TemplateData;
import dev.spyglass.cli.template.TemplateException;
import dev.spyglass.image.ImageResolver;
import dev.spyglass.image.Inspector;
import dev.spyglass.image.ResolvedImage;
import dev.spyglass.image.RetryPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spyglass inspect}: prints skopeo's inspect JSON for one image, or a JSON array for several
 * (inspected concurrently, printed in input order); {@code --raw} and {@code --config} print the
 * manifest or config of one image; {@code --format} prints each image through a {@link GoTemplate}.
 */
final class InspectCommand implements Callable<Integer> {
  static final String NAME = "inspect";

  private final Transports transports;
  private final ManifestFormats formats;
  private final PrintStream out;
  private final InputStream in;

  final ImageFlags registry = new ImageFlags();
  boolean raw;
  boolean config;
  @Nullable String format;
  boolean noTags;
  final PlatformFlags platformChoice = new PlatformFlags();
  final RetryFlags retries = new RetryFlags();
  List<String> images = List.of();

  /** picocli's model of this command, bound to its fields. */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name(NAME);
    spec.usageMessage().description("Inspect images in a registry or local layout.");
    registry.addTo(spec);
    spec.addOption(
        Binding.option(boolean.class, () -> raw, v -> raw = v, "--raw")
            .description("Print the manifest (with --config, the config) as served.")
            .build());
    spec.addOption(
        Binding.option(boolean.class, () -> config, v -> config = v, "--config")
            .description("Print the image config instead of the summary.")
            .build());
    spec.addOption(
        Binding.option(String.class, () -> format, v -> format = v, "-f", "--format")
            .paramLabel("TEMPLATE")
            .description(
                "Print each image through this Go template (a subset: {{.Field}}, {{index"
                    + " .Labels \"k\"}}, {{len .Layers}}, {{if}}, {{range}}), or 'json'.")
            .build());
    spec.addOption(
        Binding.option(boolean.class, () -> noTags, v -> noTags = v, "-n", "--no-tags")
            .description("Do not list the repository's tags.")
            .build());
    platformChoice.addTo(spec);
    retries.addTo(
        spec,
        "Retry an inspection that failed in a way that may pass N more times (default 0; single"
            + " requests are retried without it).");
    spec.addPositional(
        Binding.listPositional("*", "1..*", String.class, () -> images, v -> images = v)
            .paramLabel("IMAGE")
            .description(
                "TRANSPORT:NAME, e.g. docker://registry.example/app:1.0; '-' reads names from"
                    + " stdin.")
            .build());
    HelpOptions.addTo(spec);
    return spec;
  }

  InspectCommand(
      Transports transports,
      ManifestFormats formats,
      PrintStream out,
      InputStream in) {
    this.transports = transports;
    this.formats = formats;
    this.out = out;
    this.in = in;
  }

  @Override
  public Integer call() throws IOException {
    @Nullable GoTemplate template = template();
    List<ImageReference> references = new ArrayList<>();
    for (String name : names()) {
      references.add(transports.parse(name));
    }
    if (references.isEmpty()) {
      throw new UsageException("no image names were given on standard input");
    }
    retries.times(); // checked before any request
    ImageOptions options = registry.toOptions(formats);
    ImageResolver resolver = new ImageResolver(formats, platformChoice.matcher());
    if (raw || config) {
      if (references.size() != 1) {
        throw new UsageException("--raw and --config take exactly one image");
      }
      ImageReference reference = references.get(0);
      byte[] bytes =
          retrying(
              () -> {
                try (ImageSource source = reference.newImageSource(options)) {
                  return one(source, resolver);
                }
              });
      out.write(bytes, 0, bytes.length);
    } else {
      // One image goes through the same pool as many: the class-data archive made on a first
      // single inspect then holds what a many-image inspect runs too.
      List<JsonElement> inspections =
          ConcurrentInspections.run(
              references, ImageReference::describe, ref -> inspect(ref, options, resolver));
      if (template != null) {
        StringBuilder text = new StringBuilder();
        for (JsonElement e : inspections) {
          text.append(execute(template, e));
        }
        out.print(text);
      } else if (references.size() == 1 && !images.contains("-")) {
        out.println(JsonText.indent(inspections.get(0)));
      } else {
        JsonArray all = new JsonArray();
        for (JsonElement e : inspections) {
          all.add(e);
        }
        out.println(JsonText.indent(all));
      }
    }
    out.flush();
    return ExitCode.OK;
  }

  /**
   * Parses {@code --format} before any request; null when the output is JSON. Like skopeo, refuses
   * it with {@code --raw}; a template over {@code --config}'s data is not supported.
   */
  private @Nullable GoTemplate template() {
    if (format == null || format.isEmpty()) {
      return null;
    } else if (raw) {
      throw new UsageException(
          "--format cannot be used with --raw, which prints the bytes as served");
    } else if (GoTemplate.isJson(format)) {
      return null;
    } else if (config) {
      throw new UsageException(
          "--format TEMPLATE with --config is not supported; --config prints the config as JSON");
    }
    try {
      return GoTemplate.parse(format);
    } catch (TemplateException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /** One image through the template; data that fails it is a usage error, as a bad template is. */
  private static String execute(GoTemplate template, JsonElement inspection) {
    try {
      return template.execute(TemplateData.of(inspection.getAsJsonObject()));
    } catch (TemplateException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  private JsonElement inspect(ImageReference reference, ImageOptions options, ImageResolver resolver)
      throws ImageException {
    return retrying(
        () -> {
          try (ImageSource source = reference.newImageSource(options)) {
            return InspectJson.of(new Inspector(resolver).inspect(source, !noTags));
          }
        });
  }

  /**
   * Runs a whole inspection again on failures that may pass, {@code --retry-times} times; single
   * requests are already retried by the transport.
   */
  private <T> T retrying(RetryPolicy.Step<T> step) throws ImageException {
    RetryPolicy policy =
        retries
            .fixedDelay()
            .map(delay -> RetryPolicy.fixed(retries.times(), delay))
            .orElseGet(() -> new RetryPolicy(retries.times(), Duration.ofSeconds(1)));
    try {
      return policy.run(step, (attempt, attempts, cause) -> {});
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(e.getMessage(), e);
    }
  }

  /** What {@code --raw} or {@code --config} print for one image. */
  private byte[] one(ImageSource source, ImageResolver resolver) throws ImageException {
    if (raw && !config) {
      return source.manifest().bytes();
    }
    ResolvedImage image = resolver.resolve(source);
    if (raw) {
      return image.configBlob();
    }
    return (image.manifest().ociConfigJson(image.configBlob()) + System.lineSeparator())
        .getBytes(StandardCharsets.UTF_8);
  }

  private List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    for (String image : images) {
      if (image.equals("-")) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
          String trimmed = line.strip();
          if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
            names.add(trimmed);
          }
        }
      } else {
        names.add(image);
      }
    }
    return names;
  }

}
