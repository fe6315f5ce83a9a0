package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.Manifest;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.Platform;
import dev.spyglass.api.RawManifest;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.image.ImageResolver;
import dev.spyglass.image.PlatformMatcher;
import dev.spyglass.image.ResolvedImage;
import dev.spyglass.it.MultiPlatformImages.Kind;
import dev.spyglass.it.MultiPlatformImages.PlatformImage;
import dev.spyglass.it.MultiPlatformImages.PushedList;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Multi-platform images (a Docker manifest list and an OCI index of linux/amd64, linux/arm64/v8 and
 * linux/arm/v7) in a real registry: {@code spyglass inspect} with and without {@code --override-*}
 * against skopeo 1.9 with the same overrides, and the library path ({@link ImageResolver} with
 * {@link PlatformMatcher}, formats and transports found by {@code ServiceLoader}).
 */
class MultiPlatformIT {
  private static RegistryProcess registry;
  private static MultiPlatformImages.Pushed pushed;
  private static Path emptyAuthFile;
  private static ImageOptions options;

  @BeforeAll
  static void pushLists() throws Exception {
    registry = RegistryProcess.plain();
    pushed = MultiPlatformImages.pushAll(registry.pusher());
    emptyAuthFile = AuthFiles.empty(registry.newFolder("auth"));
    options =
        ImageOptions.builder()
            .tlsVerify(false)
            .authFile(emptyAuthFile)
            .formats(ManifestFormats.installed())
            .build();
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  /**
   * One way of choosing a platform: the {@code --override-*} flags of {@code override} (none when
   * null: the host's platform), and the platform of the image that must be chosen.
   */
  record Choice(String name, @Nullable Platform override, Platform expected) {
    /** The {@code --override-*} flags, the same for spyglass (after the command) and skopeo. */
    List<String> flags() {
      if (override == null) {
        return List.of();
      }
      List<String> flags =
          new ArrayList<>(
              List.of("--override-os", override.os(), "--override-arch", override.architecture()));
      if (!override.variant().isEmpty()) {
        flags.addAll(List.of("--override-variant", override.variant()));
      }
      return flags;
    }

    /** The platform the library is asked for. */
    Platform wanted() {
      return override == null ? PlatformMatcher.host() : override;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Each platform of the lists by its full name, arm and arm64 without a variant, and the host. */
  static List<Choice> choices() {
    List<Choice> choices = new ArrayList<>();
    for (Platform platform : MultiPlatformImages.PLATFORMS) {
      choices.add(new Choice(platform.toString(), platform, platform));
    }
    choices.add(
        new Choice(
            "linux/arm64 picks v8",
            Platform.of("linux", "arm64", ""),
            Platform.of("linux", "arm64", "v8")));
    choices.add(
        new Choice(
            "linux/arm picks v7",
            Platform.of("linux", "arm", ""),
            Platform.of("linux", "arm", "v7")));
    Platform host = PlatformMatcher.host();
    Platform hostImage =
        MultiPlatformImages.PLATFORMS.stream()
            .filter(p -> p.os().equals(host.os()) && p.architecture().equals(host.architecture()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the host platform \""
                            + host
                            + "\" is not one of the test lists' platforms "
                            + MultiPlatformImages.PLATFORMS));
    choices.add(new Choice("host (" + host + ")", null, hostImage));
    return choices;
  }

  static Stream<Arguments> listsReferencesAndChoices() {
    return Stream.of(Kind.values())
        .flatMap(
            kind ->
                Stream.of(false, true)
                    .flatMap(
                        byDigest ->
                            choices().stream()
                                .map(choice -> Arguments.of(kind, byDigest, choice))));
  }

  static Stream<Arguments> listsAndReferences() {
    return Stream.of(Kind.values())
        .flatMap(kind -> Stream.of(Arguments.of(kind, false), Arguments.of(kind, true)));
  }

  @ParameterizedTest(name = "{0} by digest: {1}, {2}")
  @MethodSource("listsReferencesAndChoices")
  void inspectPrintsWhatSkopeoPrints(Kind kind, boolean byDigest, Choice choice) {
    PushedList list = pushed.of(kind);
    String image = reference(kind, byDigest);
    JsonElement skopeo = JsonParity.parse("skopeo", skopeo(choice, List.of(), image));
    JsonElement spyglass = JsonParity.parse("spyglass", spyglass(choice, List.of(), image));
    JsonParity.assertSameValuesInSameOrder(
        JsonParity.sortArray(skopeo, "RepoTags"), JsonParity.sortArray(spyglass, "RepoTags"));
    // Both agree; now check they agree on the right image.
    PlatformImage expected = list.image(choice.expected());
    JsonObject inspect = spyglass.getAsJsonObject();
    assertAll(
        () -> assertEquals(list.digest().toString(), inspect.get("Digest").getAsString()),
        () ->
            assertEquals(
                expected.platform().architecture(), inspect.get("Architecture").getAsString()),
        () -> assertEquals(expected.platform().os(), inspect.get("Os").getAsString()),
        () ->
            assertEquals(
                expected.layers().stream().map(layer -> layer.digest().toString()).toList(),
                inspect.getAsJsonArray("Layers").asList().stream()
                    .map(JsonElement::getAsString)
                    .toList()),
        () ->
            assertEquals(
                "PLATFORM=" + expected.platform(),
                inspect.getAsJsonArray("Env").get(1).getAsString()));
  }

  @ParameterizedTest(name = "{0} by digest: {1}, {2}")
  @MethodSource("listsReferencesAndChoices")
  void configIsSkopeos(Kind kind, boolean byDigest, Choice choice) {
    String image = reference(kind, byDigest);
    String skopeo = skopeo(choice, List.of("--config"), image);
    String spyglass = spyglass(choice, List.of("--config"), image);
    JsonParity.assertSameValuesInSameOrder(
        JsonParity.parse("skopeo", skopeo), JsonParity.parse("spyglass", spyglass));
    assertEquals(
        skopeo, spyglass, "same JSON values, different text (escaping, spacing or newline)");
    JsonObject config = JsonParity.parse("spyglass", spyglass).getAsJsonObject();
    Platform expected = choice.expected();
    assertEquals(
        expected,
        Platform.of(
            config.get("os").getAsString(),
            config.get("architecture").getAsString(),
            config.has("variant") ? config.get("variant").getAsString() : ""));
  }

  @ParameterizedTest(name = "{0} by digest: {1}, {2}")
  @MethodSource("listsReferencesAndChoices")
  void rawConfigIsSkopeosAndThePushedBlob(Kind kind, boolean byDigest, Choice choice) {
    String image = reference(kind, byDigest);
    byte[] skopeo = skopeoBytes(choice, List.of("--config", "--raw"), image);
    byte[] spyglass = spyglassBytes(choice, List.of("--config", "--raw"), image);
    assertArrayEquals(
        skopeo, spyglass, () -> "skopeo:\n" + utf8(skopeo) + "\nspyglass:\n" + utf8(spyglass));
    assertArrayEquals(
        pushed.of(kind).image(choice.expected()).config().bytes(),
        spyglass,
        () -> "spyglass printed the config of another image:\n" + utf8(spyglass));
  }

  @ParameterizedTest(name = "{0} by digest: {1}")
  @MethodSource("listsAndReferences")
  void rawIsTheListAsTheRegistryServesIt(Kind kind, boolean byDigest) throws Exception {
    PushedList list = pushed.of(kind);
    String image = reference(kind, byDigest);
    HttpResponse<byte[]> served =
        registry
            .pusher()
            .getManifest(
                list.repository(),
                byDigest ? list.digest().toString() : list.firstTag(),
                list.mediaType());
    assertArrayEquals(list.bytes(), served.body(), "the registry serves the pushed bytes");
    // The list is printed whichever platform is wanted: the host's, or one given by flags.
    List<Choice> choices =
        choices().stream()
            .filter(c -> c.override() == null || c.override().architecture().equals("arm"))
            .toList();
    for (Choice choice : choices) {
      byte[] spyglass = spyglassBytes(choice, List.of("--raw"), image);
      assertArrayEquals(
          served.body(),
          spyglass,
          () ->
              choice
                  + ": spyglass printed:\n"
                  + utf8(spyglass)
                  + "\nserved:\n"
                  + utf8(served.body()));
      assertArrayEquals(
          served.body(), skopeoBytes(choice, List.of("--raw"), image), choice::toString);
    }
  }

  /** Platforms no list has: another architecture, an older arm variant, another OS. */
  static Stream<Arguments> listsReferencesAndMissingPlatforms() {
    List<Platform> missing =
        List.of(
            Platform.of("linux", "s390x", ""),
            Platform.of("linux", "arm", "v6"),
            Platform.of("windows", "amd64", ""));
    return listsAndReferences()
        .flatMap(
            arguments ->
                missing.stream()
                    .map(
                        platform ->
                            Arguments.of(arguments.get()[0], arguments.get()[1], platform)));
  }

  @ParameterizedTest(name = "{0} by digest: {1}, {2}")
  @MethodSource("listsReferencesAndMissingPlatforms")
  void platformTheListLacksIsNotFoundNamingThePlatformsItHas(
      Kind kind, boolean byDigest, Platform missing) {
    String image = reference(kind, byDigest);
    Choice choice = new Choice(missing.toString(), missing, missing);
    List<String> skopeoArgs = new ArrayList<>(choice.flags());
    skopeoArgs.addAll(List.of("inspect", "--tls-verify=false", image));
    String skopeoError = Skopeo.failure(skopeoArgs);
    assertTrue(
        skopeoError.contains("no image found"), () -> "skopeo failed another way: " + skopeoError);
    for (List<String> flags : List.of(List.<String>of(), List.of("--config"))) {
      Cli.Result result = Cli.run(spyglassArgs(choice, flags, image));
      String stderr = result.stderr();
      assertAll(
          () -> assertEquals(ExitCode.NOT_FOUND, result.exitCode(), result::toString),
          () -> assertEquals("", result.out(), "stdout must stay empty"),
          () ->
              assertTrue(
                  stderr.endsWith("\n") && stderr.indexOf('\n') == stderr.length() - 1,
                  () -> "stderr must be exactly one line: " + stderr),
          () ->
              assertTrue(
                  stderr.contains(missing.toString()),
                  () -> "stderr does not name \"" + missing + "\": " + stderr),
          () ->
              assertAll(
                  MultiPlatformImages.PLATFORMS.stream()
                      .map(
                          platform ->
                              () ->
                                  assertTrue(
                                      stderr.contains(platform.toString()),
                                      () ->
                                          "stderr does not list \""
                                              + platform
                                              + "\": "
                                              + stderr))));
    }
  }

  static Stream<Arguments> listsAndChoices() {
    return Stream.of(Kind.values())
        .flatMap(kind -> choices().stream().map(choice -> Arguments.of(kind, choice)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("listsAndChoices")
  void resolverReadsTheChosenPlatformsImage(Kind kind, Choice choice) throws Exception {
    PushedList list = pushed.of(kind);
    PlatformImage expected = list.image(choice.expected());
    ImageResolver resolver =
        new ImageResolver(ManifestFormats.installed(), new PlatformMatcher(choice.wanted()));
    ResolvedImage image;
    try (ImageSource source =
        Sources.open(list.byTag(registry.hostPort(), list.firstTag()), options)) {
      image = resolver.resolve(source);
    }
    assertAll(
        () -> assertEquals(list.digest(), image.digest()),
        () -> assertEquals(list.mediaType(), image.top().mediaType()),
        () -> assertArrayEquals(list.bytes(), image.top().bytes()),
        () -> assertEquals(expected.digest(), image.raw().digest()),
        () -> assertEquals(expected.mediaType(), image.raw().mediaType()),
        () -> assertArrayEquals(expected.manifest(), image.raw().bytes()),
        () -> assertEquals(expected.mediaType(), image.manifest().mediaType()),
        () ->
            assertEquals(
                expected.config().descriptor(), image.manifest().configDescriptor().orElseThrow()),
        () ->
            assertEquals(
                expected.layers().stream().map(TestImages.Blob::descriptor).toList(),
                image.manifest().layers()),
        () -> assertArrayEquals(expected.config().bytes(), image.configBlob()),
        () ->
            assertEquals(
                expected.platform(), image.manifest().decodeConfig(image.configBlob()).platform()));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void listParsesToOneEntryPerPushedPlatform(Kind kind) throws Exception {
    PushedList list = pushed.of(kind);
    RawManifest raw = Sources.manifest(list.byDigest(registry.hostPort()), options);
    assertEquals(list.digest(), raw.digest());
    assertEquals(list.digest(), ManifestFormats.installed().digest(raw.bytes(), raw.mediaType()));
    Manifest manifest =
        new ImageResolver(ManifestFormats.installed(), new PlatformMatcher(PlatformMatcher.host()))
            .parse(raw);
    ManifestList parsed = assertInstanceOf(ManifestList.class, manifest);
    assertEquals(list.mediaType(), parsed.mediaType());
    assertEquals(
        list.images().stream()
            .map(
                image ->
                    IndexEntry.of(
                        Descriptor.of(image.mediaType(), image.digest(), image.manifest().length),
                        image.platform()))
            .toList(),
        parsed.entries());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void matcherRefusesAMissingPlatformNamingEveryPlatformOfTheList(Kind kind) throws Exception {
    PushedList list = pushed.of(kind);
    String name = list.byTag(registry.hostPort(), list.firstTag());
    ManifestList parsed =
        (ManifestList) ManifestFormats.installed().parse(Sources.manifest(name, options));
    Platform missing = Platform.of("linux", "s390x", "");
    NotFoundException e =
        assertThrows(
            NotFoundException.class, () -> new PlatformMatcher(missing).choose(parsed, name));
    assertAll(
        () -> assertTrue(e.getMessage().contains(missing.toString()), e::getMessage),
        () -> assertEquals(name, e.reference()),
        () ->
            assertAll(
                MultiPlatformImages.PLATFORMS.stream()
                    .map(
                        platform ->
                            () ->
                                assertTrue(
                                    e.getMessage().contains(platform.toString()), e::getMessage))));
    ImageResolver resolver =
        new ImageResolver(ManifestFormats.installed(), new PlatformMatcher(missing));
    try (ImageSource source = Sources.open(name, options)) {
      ImageException thrown = assertThrows(ImageException.class, () -> resolver.resolve(source));
      assertInstanceOf(NotFoundException.class, thrown, thrown::toString);
      assertFalse(thrown.getMessage().isBlank());
    }
  }

  private static String reference(Kind kind, boolean byDigest) {
    PushedList list = pushed.of(kind);
    return byDigest
        ? list.byDigest(registry.hostPort())
        : list.byTag(registry.hostPort(), list.firstTag());
  }

  /** skopeo with the override flags before {@code inspect}, where skopeo wants them. */
  private static String skopeo(Choice choice, List<String> flags, String image) {
    return utf8(skopeoBytes(choice, flags, image));
  }

  private static byte[] skopeoBytes(Choice choice, List<String> flags, String image) {
    List<String> args = new ArrayList<>(choice.flags());
    args.addAll(List.of("inspect", "--tls-verify=false"));
    args.addAll(flags);
    args.add(image);
    return Skopeo.runBytes(args);
  }

  private static String spyglass(Choice choice, List<String> flags, String image) {
    return utf8(spyglassBytes(choice, flags, image));
  }

  /** spyglass with the override flags after {@code inspect}; fails unless it exits 0. */
  private static byte[] spyglassBytes(Choice choice, List<String> flags, String image) {
    String[] args = spyglassArgs(choice, flags, image);
    Cli.Result result = Cli.run(args);
    assertEquals(0, result.exitCode(), () -> "spyglass " + String.join(" ", args) + ": " + result);
    assertEquals("", result.stderr(), "spyglass wrote to stderr");
    return result.stdout();
  }

  private static String[] spyglassArgs(Choice choice, List<String> flags, String image) {
    List<String> args =
        new ArrayList<>(
            List.of("inspect", "--tls-verify=false", "--authfile", emptyAuthFile.toString()));
    args.addAll(choice.flags());
    args.addAll(flags);
    args.add(image);
    return args.toArray(String[]::new);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
