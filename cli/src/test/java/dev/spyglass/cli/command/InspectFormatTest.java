package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.cli.Main;
import dev.spyglass.testing.MemoryImage;
import dev.spyglass.testing.MemoryTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code spyglass inspect --format}: the expected outputs are what skopeo 1.9.3 (Debian) prints for
 * the same images, which are the dir: layouts in src/test/resources/dev/spyglass/cli/format.
 */
class InspectFormatTest {
  /**
   * The "app" layout as skopeo saw it in a registry: pushed to it and copied back as a dir: layout.
   */
  private static final String APP_NAME = "127.0.0.1:5000/team/app";

  private static final List<String> APP_TAGS = List.of("2.0", "latest", "1.0");

  private static Arguments row2(String template, String message) {
    return Arguments.of(template, message);
  }

  private static Arguments row(String image, String template, String expected) {
    return Arguments.of(image, template, expected);
  }

  /**
   * Each expected output is what this printed (docker-registry on 127.0.0.1:5000 for "app", after
   * {@code skopeo copy dir:format/app docker://127.0.0.1:5000/team/app:T} for T = 2.0, latest,
   * 1.0): {@code skopeo inspect --tls-verify=false --format TEMPLATE
   * docker://127.0.0.1:5000/team/app:1.0} and {@code skopeo inspect --format TEMPLATE
   * dir:format/IMAGE} for the others.
   */
  static Stream<Arguments> templatesAndWhatSkopeoPrints() {
    return Stream.of(
        row(
            "app",
            "{{.Digest}}",
            "sha256:6f128ff98961efe6fbe1d43318ebe5504ca3c6a88f4600751c708cf9a65c2626\n"),
        row("app", "{{.Name}}:{{.Tag}}", "127.0.0.1:5000/team/app:\n"),
        row(
            "app",
            "{{.Name}}@{{.Digest}}",
            "127.0.0.1:5000/team/app@sha256:6f128ff98961efe6fbe1d43318ebe5504ca3c6a88f4600751c708cf9a65c2626\n"),
        row(
            "app",
            "Name: {{.Name}} Digest: {{.Digest}}",
            "Name: 127.0.0.1:5000/team/app Digest:"
                + " sha256:6f128ff98961efe6fbe1d43318ebe5504ca3c6a88f4600751c708cf9a65c2626\n"),
        row("app", "{{.Architecture}}/{{.Os}} {{.DockerVersion}}", "amd64/linux 20.10.7\n"),
        row("app", "{{index .Labels \"maintainer\"}}", "dev@example.com\n"),
        row("app", "{{index .Labels \"org.example.a\"}}", "one <&> x\n"),
        row("app", "[{{index .Labels \"missing\"}}]", "[]\n"),
        row("app", "{{.Labels.maintainer}}", "dev@example.com\n"),
        row("app", "{{.Labels.missing}}", "<no value>\n"),
        row(
            "app",
            "{{index .Labels .Os}}|{{index .Layers 1}}|{{index .RepoTags 0}}",
            "|sha256:503dd8dbfe0af140cd7053a9cb54993809f1e6bc97831d722c482381e6fe1c56|2.0\n"),
        row("app", "{{range .RepoTags}}{{.}} {{end}}", "2.0 latest 1.0 \n"),
        row("app", "{{range $i, $t := .RepoTags}}{{$i}}={{$t}};{{end}}", "0=2.0;1=latest;2=1.0;\n"),
        row(
            "app",
            "{{range $t := .Layers}}{{$t}},{{end}}",
            "sha256:c3eda4a414ad3231e17d72f58007daeb684e99e9b3a6e7067500cd862a29fbe1,sha256:503dd8dbfe0af140cd7053a9cb54993809f1e6bc97831d722c482381e6fe1c56,\n"),
        row(
            "app",
            "{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}",
            "maintainer=dev@example.com;org.example.a=one <&> x;org.example.b=two;\n"),
        row("app", "{{range .Labels}}{{.}};{{end}}", "dev@example.com;one <&> x;two;\n"),
        row("app", "{{range .RepoTags}}x{{else}}none{{end}}", "xxx\n"),
        row("app", "{{if .Tag}}tag {{.Tag}}{{else}}no tag{{end}}", "no tag\n"),
        row("app", "{{if .Tag}}t{{else if .Name}}n{{else}}-{{end}}", "n\n"),
        row("app", "{{if .Labels}}labelled{{end}}{{if .Labels.missing}}!{{end}}", "labelled\n"),
        row("app", "{{if len .Env}}{{len .Env}} variables{{end}}", "2 variables\n"),
        row(
            "app",
            "{{len .Layers}} {{len .Labels}} {{len .Digest}} {{len .RepoTags}} {{len"
                + " .Labels.maintainer}}",
            "2 3 71 3 15\n"),
        row("app", "{{.RepoTags}}", "[2.0 latest 1.0]\n"),
        row(
            "app",
            "{{.Layers}}",
            "[sha256:c3eda4a414ad3231e17d72f58007daeb684e99e9b3a6e7067500cd862a29fbe1"
                + " sha256:503dd8dbfe0af140cd7053a9cb54993809f1e6bc97831d722c482381e6fe1c56]\n"),
        row(
            "app",
            "{{.Labels}}",
            "map[maintainer:dev@example.com org.example.a:one <&> x org.example.b:two]\n"),
        row("app", "{{.Env}}", "[PATH=/usr/bin A=<b>&c]\n"),
        row("app", "{{.Created}}", "2020-01-02 03:04:05.5 +0000 UTC\n"),
        row(
            "app",
            "{{.}}",
            "{127.0.0.1:5000/team/app "
                + " sha256:6f128ff98961efe6fbe1d43318ebe5504ca3c6a88f4600751c708cf9a65c2626 [2.0"
                + " latest 1.0] 2020-01-02 03:04:05.5 +0000 UTC 20.10.7"
                + " map[maintainer:dev@example.com org.example.a:one <&> x org.example.b:two] amd64"
                + " linux [sha256:c3eda4a414ad3231e17d72f58007daeb684e99e9b3a6e7067500cd862a29fbe1"
                + " sha256:503dd8dbfe0af140cd7053a9cb54993809f1e6bc97831d722c482381e6fe1c56]"
                + " [PATH=/usr/bin A=<b>&c]}\n"),
        row("app", "{{\"literal\"}} {{`raw`}} {{12}} {{-3}}", "literal raw 12 -3\n"),
        row(
            "app",
            "{{\"a\\\"b\\\\c\"}} {{\"\\u00e9\\x41\\101\\U0001F600\"}}",
            "a\"b\\c \u00e9AA\ud83d\ude00\n"),
        row("app", "x {{- \" y \" -}} z", "x y z\n"),
        row("app", "{{- /* a comment */ -}}   {{.Os}}{{/* another */}}", "linux\n"),
        row("app", "{{.Architecture}}\\n{{.Os}}", "amd64\nlinux\n"),
        row("app", "{{.Os}}\\n", "linux\n"),
        row("app", "{{range .Env}}{{.}}\\n{{end}}", "PATH=/usr/bin\nA=<b>&c\n\n"),
        row("app", "{{.Os}}\n", "linux\n"),
        row("app", "{{.Os}}\n\n", "linux\n\n"),
        row("app", "line1\n{{- .Os}}", "line1linux\n"),
        row("bare", "{{.Name}}:{{.Tag}}|{{.DockerVersion}}|{{.Os}}", ":||linux\n"),
        row("bare", "{{.Created}}", "2021-06-07 08:09:10.123456789 +0200 +0200\n"),
        row(
            "bare",
            "{{.Labels}}|{{.Env}}|{{len .Labels}}|{{index .Labels \"x\"}}|{{.Labels.x}}|{{if"
                + " .Labels}}y{{else}}n{{end}}|{{range .Env}}e{{else}}none{{end}}",
            "map[]|[]|0||<no value>|n|none\n"),
        row(
            "bare",
            "{{.}}",
            "{  sha256:92ad1b628fde7fb186a0ff015f824547dcf2cf22b77623940b670bb4b2eea7b7 []"
                + " 2021-06-07 08:09:10.123456789 +0200 +0200  map[] arm64 linux"
                + " [sha256:77ea7eee3d80b1a38f83906dd3048e2689457eb90e18a7d12f839c5ae37106a2]"
                + " []}\n"),
        row(
            "nocreated",
            "{{.Created}}|{{if .Created}}set{{end}}|{{.Labels}}|{{.Env}}",
            "0001-01-01 00:00:00 +0000 UTC|set|map[]|[]\n"),
        // Not recorded from skopeo: Go's time.Parse keeps an offset beyond Java's +-18:00 (here
        // +23:59) as a fixed zone, which String() prints as -0700 twice.
        row("farzone", "{{.Created}}", "2020-01-02 03:04:05.5 +2359 +2359\n"));
  }

  /**
   * {@code Created} keeps the offset the config writes, as Go's {@code MarshalJSON} does, even one
   * Java cannot hold ({@code +23:59}); it was printed shifted to UTC.
   */
  @Test
  void printsCreatedWithAnOffsetBeyondJavasRangeAsWritten() throws IOException {
    String json = inspect("layout:farzone");

    assertEquals(
        "2020-01-02T03:04:05.5+23:59",
        JsonParser.parseString(json).getAsJsonObject().get("Created").getAsString());
    assertTrue(json.contains("\n    \"Created\": \"2020-01-02T03:04:05.5+23:59\",\n"), json);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("templatesAndWhatSkopeoPrints")
  void printsWhatSkopeoPrints(String image, String template, String expected) throws IOException {
    assertEquals(expected, inspect("--format", template, "layout:" + image));
  }

  /**
   * Templates outside the subset, each rejected before any request: the image is on a port where
   * nothing listens, so a request would end in UNREACHABLE, not USAGE. Those marked "skopeo: ok"
   * work in skopeo 1.9.3 (Spyglass refuses them rather than print something else); skopeo fails on
   * the others too.
   */
  static Stream<Arguments> templatesOutsideTheSubset() {
    return Stream.of(
        row2(
            "{{.Nope}}",
            "--format template at column 3: unknown field \"Nope\" in \".Nope\" (fields: Name, Tag,"
                + " Digest, RepoTags, Created, DockerVersion, Labels, Architecture, Os, Layers,"
                + " Env)"),
        row2(
            "{{.os}}",
            "--format template at column 3: unknown field \"os\" in \".os\" (fields: Name, Tag,"
                + " Digest, RepoTags, Created, DockerVersion, Labels, Architecture, Os, Layers,"
                + " Env)"),
        row2(
            "{{.Digest.Algorithm}}",
            "--format template at column 3: \".Digest\" is a string, which has no field"
                + " \"Algorithm\" (methods are not supported)"), // skopeo: ok
        row2(
            "{{.Created.Year}}",
            "--format template at column 3: \".Created\" is a time, which has no field \"Year\""
                + " (methods are not supported)"), // skopeo: ok
        row2(
            "{{range .Layers}}{{.Os}}{{end}}",
            "--format template at column 20: \".\" is a string, which has no field \"Os\""),
        row2(
            "{{.Labels.maintainer.x}}",
            "--format template at column 3: \".Labels.maintainer\" is a string, which has no field"
                + " \"x\""),
        row2(
            "{{foo .Digest}}",
            "--format template at column 3: function \"foo\" is not defined (supported: index,"
                + " json, len)"),
        row2(
            "{{printf \"%s\" .Digest}}",
            "--format template at column 3: function \"printf\" is not supported (supported: index,"
                + " json, len)"), // skopeo: ok
        row2(
            "{{.Digest | printf \"%s\"}}",
            "--format template at column 11: pipelines (\"|\") are not supported"), // skopeo: ok
        row2(
            "{{(len .Layers)}}",
            "--format template at column 3: parentheses are not supported"), // skopeo: ok
        row2("{{$x}}", "--format template at column 3: undefined variable \"$x\""),
        row2(
            "{{$}}",
            "--format template at column 3: variable \"$\" is not supported (skopeo 1.9 binds it to"
                + " a list holding the image)"), // skopeo: ok, prints a list holding the image
        row2(
            "{{$.Os}}",
            "--format template at column 3: variable \"$\" is not supported (skopeo 1.9 binds it to"
                + " a list holding the image)"),
        row2(
            "{{$x := .Os}}",
            "--format template at column 3: variable declaration \"$x :=\" is not supported outside"
                + " range"), // skopeo: ok
        row2("{{.Digest", "--format template at column 1: action \"{{\" has no closing \"}}\""),
        row2(
            "x\\n{{.Digest",
            "--format template at line 2, column 1: action \"{{\" has no closing \"}}\""),
        row2("{{\"abc}}", "--format template at column 3: unterminated quoted string"),
        row2("{{`abc}}", "--format template at column 3: unterminated raw string"),
        row2("{{.Os}", "--format template at column 6: unexpected character \"}\" in action"),
        row2(
            "{{/* c */ .Os}}",
            "--format template at column 1: comment must end right before \"}}\""),
        row2("{{/* c", "--format template at column 1: comment \"/*\" has no closing \"*/\""),
        row2("{{}}", "--format template at column 1: empty action \"{{}}\""),
        row2("{{end}}", "--format template at column 1: unexpected \"{{end}}\""),
        row2(
            "{{else}}",
            "--format template at column 1: unexpected \"{{else}}\""), // skopeo: ok, as the else of
        // its hidden range
        row2("{{if .Tag}}x", "--format template at column 1: \"{{if}}\" has no \"{{end}}\""),
        row2(
            "{{range .Layers}}", "--format template at column 1: \"{{range}}\" has no \"{{end}}\""),
        row2(
            "{{range .Os}}{{end}}",
            "--format template at column 9: range can't iterate over a string"),
        row2(
            "{{range .Created}}{{end}}",
            "--format template at column 9: range can't iterate over a time"),
        row2(
            "{{range .Layers}}{{else if .Os}}{{end}}",
            "--format template at column 25: \"{{else if}}\" is only allowed in \"{{if}}\""),
        row2("{{if}}{{end}}", "--format template at column 1: \"{{if}}\" needs a value"),
        row2("{{len .Created}}", "--format template at column 7: \"len\" can't measure a time"),
        row2("{{len .Os .Os}}", "--format template at column 3: \"len\" takes 1 argument, not 2"),
        row2("{{index .Created 0}}", "--format template at column 9: \"index\" can't index a time"),
        row2(
            "{{index .Layers \"a\"}}",
            "--format template at column 17: \"index\" of a list needs an integer key, not a"
                + " string"),
        row2(
            "{{index .Labels 0}}",
            "--format template at column 17: \"index\" of a map needs a string key, not an"
                + " integer"),
        row2(
            "{{index .Labels \"a\" \"b\"}}",
            "--format template at column 3: \"index\" takes 2 arguments (a map or list and one"
                + " key), not 3"),
        row2(
            "{{index .Labels}}",
            "--format template at column 3: \"index\" takes 2 arguments (a map or list and one"
                + " key), not 1"), // skopeo: ok
        row2(
            "{{with .Labels}}{{end}}",
            "--format template at column 3: action \"with\" is not supported (supported: if, else,"
                + " range, end)"), // skopeo: ok
        row2(
            "{{.Os .Digest}}",
            "--format template at column 7: \".Os\" is not a function, so it takes no arguments"),
        row2(
            "{{true}}",
            "--format template at column 3: constant \"true\" is not supported"), // skopeo: ok
        row2("{{nil}}", "--format template at column 3: constant \"nil\" is not supported"),
        row2(
            "{{1.5}}",
            "--format template at column 3: number \"1.5\" is not supported (only decimal integers"
                + " are)"), // skopeo: ok
        row2(
            "{{0x1F}}",
            "--format template at column 3: number \"0x1F\" is not supported (only decimal integers"
                + " are)"), // skopeo: ok
        row2(
            "{{'a'}}",
            "--format template at column 3: character constants are not supported"), // skopeo: ok
        row2("{{\"\\q\"}}", "--format template at column 4: invalid escape \"\\q\" in string"),
        row2(
            "{{\"\\xff\"}}",
            "--format template at column 4: byte escape \"\\xff\" above 0x7f is not supported (use"
                + " \\u)"), // skopeo: ok, prints nothing
        row2(
            "{{len index}}",
            "--format template at column 7: \"index\" as an argument would need parentheses, which"
                + " are not supported"),
        row2(
            "a\\tb",
            "--format template at column 2: tab characters are not supported (skopeo aligns"
                + " tab-separated output into columns)"), // skopeo: ok, prints nothing
        row2(
            "table {{.Os}}",
            "--format template at column 1: \"table\" templates (aligned columns)"
                + " are not supported"), // skopeo: ok
        row2("{{.Os}}{{end .Os}}", "--format template at column 8: unexpected \"{{end}}\""),
        row2(
            "{{range $a, $b, $c := .Layers}}{{end}}",
            "--format template at column 20: range declaration must be \"$v :=\" or \"$i, $v"
                + " :=\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templatesOutsideTheSubset")
  void rejectsTemplatesOutsideTheSubsetBeforeAnyRequest(String template, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "inspect",
            "--tls-verify=false",
            "--format",
            template,
            "docker://127.0.0.1:9/app:1");
    assertEquals(ExitCode.USAGE, code, err.toString(StandardCharsets.UTF_8));
    assertEquals(
        "spyglass: " + message + "; see 'spyglass --help'",
        err.toString(StandardCharsets.UTF_8).strip());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsOneResultPerImageInInputOrder() throws IOException {
    // skopeo takes one image; these are its outputs for each, one after the other.
    assertEquals(
        "127.0.0.1:5000/team/app amd64\n arm64\n127.0.0.1:5000/team/app amd64\n",
        inspect("-f", "{{.Name}} {{.Architecture}}", "layout:app", "layout:bare", "layout:app"));
  }

  @Test
  void jsonFunctionPrintsCompactJsonWithSortedKeysAndNoHtmlEscaping() throws IOException {
    // skopeo 1.9 has no json function; 1.10 and later (containers/common's report package)
    // print json.Marshal's compact form with HTML escaping off, which is what this follows.
    assertEquals(
        "{\"maintainer\":\"dev@example.com\",\"org.example.a\":\"one <&> x\",\"org.example.b\":\"two\"}"
            + " [\"2.0\",\"latest\",\"1.0\"]\n",
        inspect("--format", "{{json .Labels}} {{json .RepoTags}}", "layout:app"));
  }

  @Test
  void jsonFormatsPrintTheOrdinaryJson() throws IOException {
    // skopeo 1.9.3 prints its ordinary JSON for each of these (report.IsJSON).
    String plain = inspect("layout:app");
    for (String format : List.of("json", " {{json}} ", "{{ json . }}", "{{json .}}", "")) {
      assertEquals(plain, inspect("--format", format, "layout:app"), format);
    }
    assertTrue(plain.contains("\"Name\": \"127.0.0.1:5000/team/app\""), plain);
  }

  @Test
  void completesALastLineThatSkopeoWouldDrop() throws IOException {
    // skopeo 1.9.3 prints nothing for this (its output writer drops an unterminated last line).
    assertEquals("linux\n", inspect("--format", "{{.Os -}}", "layout:app"));
  }

  @Test
  void indexOutOfRangeFailsNamingThePosition() {
    // skopeo: "error calling index: index out of range: 5", exit 1.
    UsageException e =
        assertThrows(
            UsageException.class, () -> inspect("--format", "x{{index .Layers 5}}", "layout:app"));
    assertEquals(
        "--format template at column 4: index 5 is out of range (the list has 2 items)",
        e.getMessage());
  }

  @Test
  void lengthOfAMissingLabelFailsNamingThePosition() {
    // skopeo: "error calling len: reflect: call of reflect.Value.Type on zero Value", exit 1.
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> inspect("--format", "{{len .Labels.missing}}", "layout:app"));
    assertEquals("--format template at column 3: \"len\" of a missing value", e.getMessage());
  }

  @Test
  void formatWithRawIsAUsageError() {
    // skopeo: "raw output does not support format option".
    UsageException e =
        assertThrows(
            UsageException.class, () -> inspect("--raw", "--format", "json", "layout:app"));
    assertEquals(
        "--format cannot be used with --raw, which prints the bytes as served", e.getMessage());
  }

  @Test
  void templateWithConfigIsAUsageError() {
    // skopeo runs the template over the OCI config; Spyglass does not (yet).
    UsageException e =
        assertThrows(
            UsageException.class, () -> inspect("--config", "--format", "{{.Os}}", "layout:app"));
    assertEquals(
        "--format TEMPLATE with --config is not supported; --config prints the config as JSON",
        e.getMessage());
  }

  @Test
  void helpListsTheFormatOption() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        "inspect",
        "--help");
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains("-f, --format=TEMPLATE"),
        out.toString(StandardCharsets.UTF_8));
  }

  private static String inspect(String... args) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    InspectCommand command =
        new InspectCommand(
            Transports.of(List.of(layouts())),
            ManifestFormats.installed(),
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            InputStream.nullInputStream());
    new CommandLine(command.spec()).parseArgs(args);
    assertEquals(ExitCode.OK, command.call());
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * {@code layout:NAME}: the kit's in-memory transport holding the dir: layout format/NAME, as
   * skopeo's dir: transport reads it; "app" has the name and tags its registry gave it.
   */
  private static MemoryTransport layouts() throws IOException {
    MemoryTransport transport = new MemoryTransport("layout");
    for (String name : List.of("app", "bare", "nocreated", "farzone")) {
      MemoryImage image = transport.image(name);
      Path folder = folder(name);
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.toList()) {
          String fileName = file.getFileName().toString();
          if (!fileName.equals("manifest.json") && !fileName.equals("version")) {
            image.addBlob(Files.readAllBytes(file));
          }
        }
      }
      byte[] bytes = Files.readAllBytes(folder.resolve("manifest.json"));
      String mediaType =
          JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8))
              .getAsJsonObject()
              .get("mediaType")
              .getAsString();
      image.setManifest(new RawManifest(bytes, mediaType, Digest.sha256(bytes)));
    }
    transport.image("app").dockerName(APP_NAME).tags(APP_TAGS);
    return transport;
  }

  private static Path folder(String name) {
    URL version = InspectFormatTest.class.getResource("format/" + name + "/version");
    try {
      return Path.of(Objects.requireNonNull(version, "no layout format/" + name).toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
