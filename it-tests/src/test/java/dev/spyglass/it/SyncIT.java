package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.image.PlatformMatcher;
import dev.spyglass.it.MultiPlatformImages.PushedList;
import dev.spyglass.it.RegistryAccessLog.Entry;
import dev.spyglass.it.TestImages.PushedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code spyglass sync} between two real registries and local directories, with skopeo 1.9's {@code
 * sync} as the oracle for destination names, and the registries' access logs as the judge of what a
 * re-sync of an unchanged mirror costs.
 */
class SyncIT {
  private static final Pattern DESTINATION = Pattern.compile("-> \"([^\"]+)\": (copied|skipped)");

  private static RegistryProcess source;
  private static RegistryProcess mirror;
  private static PushedImage app;
  private static PushedImage oci;
  private static PushedList list;

  @BeforeAll
  static void pushImages() throws Exception {
    source = RegistryProcess.plain();
    mirror = RegistryProcess.plain();
    app = TestImages.pushSchema2(source.pusher(), "team/app", List.of("1.0", "latest"));
    oci = TestImages.pushOci(source.pusher(), "team/oci", List.of("2.0"));
    list =
        MultiPlatformImages.push(
            source.pusher(), MultiPlatformImages.Kind.DOCKER_LIST, "team/multi", List.of("3.1"));
    for (int i = 0; i < 6; i++) {
      TestImages.pushSchema2(source.pusher(), "fleet/svc" + i, List.of("1." + i));
    }
  }

  @AfterAll
  static void stopRegistries() {
    try {
      if (source != null) {
        source.close();
      }
    } finally {
      if (mirror != null) {
        mirror.close();
      }
    }
  }

  private static Cli.Result sync(String... args) {
    List<String> all =
        new ArrayList<>(List.of("sync", "--src-tls-verify=false", "--dest-tls-verify=false"));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  private static Digest digestAt(String reference) throws Exception {
    try (ImageSource in =
        Sources.open(
            reference,
            ImageOptions.builder().tlsVerify(false).formats(ManifestFormats.installed()).build())) {
      return in.manifest().digest();
    }
  }

  private static boolean exists(String reference) throws Exception {
    try {
      digestAt(reference);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static List<String> destinations(String stderr) {
    List<String> found = new ArrayList<>();
    Matcher m = DESTINATION.matcher(stderr);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void mirrorsARepositoryAndAnUnchangedReSyncOnlyHeadsEachManifestOnce() throws Exception {
    Path digests = source.newFolder("digests").resolve("digests.txt");
    String src = source.hostPort() + "/team/app";
    String dst = mirror.hostPort() + "/resync";

    Cli.Result first =
        sync("--src", "docker", "--dest", "docker", "--digestfile", digests.toString(), src, dst);

    assertEquals(ExitCode.OK, first.exitCode(), first.toString());
    assertEquals("", first.out());
    for (String tag : app.tags()) {
      assertEquals(app.digest(tag), digestAt("docker://" + dst + "/app:" + tag));
    }
    assertTrue(first.stderr().contains("Summary: 2 copied, 0 skipped, 0 failed"), first.stderr());
    assertTrue(first.stderr().strip().endsWith("Synced 2 images from 1 sources"), first.stderr());
    Set<String> lines = new TreeSet<>(Files.readAllLines(digests, StandardCharsets.UTF_8));
    Set<String> expected = new TreeSet<>();
    for (String tag : app.tags()) {
      expected.add(app.digest(tag) + " docker://" + dst + "/app:" + tag);
    }
    assertEquals(expected, lines);

    int sourceMark = RegistryAccessLog.read(source.logFile()).size();
    int mirrorMark = RegistryAccessLog.read(mirror.logFile()).size();
    Cli.Result again = sync("--src", "docker", "--dest", "docker", src, dst);

    assertEquals(ExitCode.OK, again.exitCode(), again.toString());
    assertTrue(again.stderr().contains("Summary: 0 copied, 2 skipped, 0 failed"), again.stderr());
    List<Entry> atSource =
        RegistryAccessLog.awaitSince(source.logFile(), sourceMark, 3, Duration.ofSeconds(5));
    List<Entry> atMirror =
        RegistryAccessLog.awaitSince(mirror.logFile(), mirrorMark, 2, Duration.ofSeconds(5));
    List<Entry> perImage = new ArrayList<>();
    Stream.concat(atSource.stream(), atMirror.stream())
        .filter(e -> !e.path().equals("/v2/") && !e.path().contains("/tags/list"))
        .forEach(perImage::add);
    assertEquals(4, perImage.size(), "two requests per image: " + atSource + " " + atMirror);
    perImage.forEach(e -> assertEquals("HEAD", e.method(), perImage.toString()));
    perImage.forEach(e -> assertTrue(e.path().contains("/manifests/"), perImage.toString()));
  }

  @Test
  void namesDirDestinationsAsSkopeoDoes() throws Exception {
    String src = source.hostPort() + "/team/app";
    for (boolean scoped : List.of(false, true)) {
      Path work = source.newFolder("oracle-dir-" + scoped);
      List<String> flags = scoped ? List.of("--scoped") : List.of();
      List<String> skopeo =
          new ArrayList<>(
              List.of("sync", "--src", "docker", "--dest", "dir", "--src-tls-verify=false"));
      skopeo.addAll(flags);
      skopeo.addAll(List.of(src, work.resolve("skopeo").toString()));
      Skopeo.run(skopeo);
      List<String> ours = new ArrayList<>(List.of("--src", "docker", "--dest", "dir"));
      ours.addAll(flags);
      ours.addAll(List.of(src, work.resolve("spyglass").toString()));
      Cli.Result result = sync(ours.toArray(String[]::new));
      assertEquals(ExitCode.OK, result.exitCode(), result.toString());

      assertEquals(
          tree(work.resolve("skopeo")), tree(work.resolve("spyglass")), "scoped " + scoped);
    }
  }

  @Test
  void yamlSourceMirrorsTagsAndRegexAsSkopeoDoesAndSemverBeyondIt() throws Exception {
    Path work = source.newFolder("oracle-yaml");
    String shared =
        source.hostPort()
            + ":\n"
            + "  tls-verify: false\n"
            + "  images:\n"
            + "    team/app:\n"
            + "      - \"1.0\"\n"
            + "  images-by-tag-regex:\n"
            + "    fleet/svc1: ^1\\.[0-9]$\n"
            + "    team/oci: '2'\n";
    Path skopeoYaml = Files.writeString(work.resolve("skopeo.yaml"), shared);
    Skopeo.run(
        List.of(
            "sync", "--src", "yaml", "--dest", "dir", skopeoYaml.toString(),
            work.resolve("skopeo").toString()));
    Path oursYaml = Files.writeString(work.resolve("spyglass.yaml"), shared);
    Cli.Result result =
        sync("--src", "yaml", "--dest", "dir", oursYaml.toString(), work.resolve("spyglass").toString());
    assertEquals(ExitCode.OK, result.exitCode(), result.toString());
    assertEquals(tree(work.resolve("skopeo")), tree(work.resolve("spyglass")));
    assertTrue(result.stderr().contains("3 copied"), result.stderr());

    // skopeo 1.9 has no images-by-semver: 1.3, 1.4 and 1.5 of fleet/svc3..5 are ">= 1.4.0" or not.
    StringBuilder semver =
        new StringBuilder(source.hostPort() + ":\n  tls-verify: false\n  images-by-semver:\n");
    for (int i = 3; i < 6; i++) {
      semver.append("    fleet/svc").append(i).append(": \">= 1.4.0, < 2\"\n");
    }
    Path semverYaml = Files.writeString(work.resolve("semver.yaml"), semver.toString());
    Cli.Result bySemver =
        sync("--src", "yaml", "--dest", "dir", semverYaml.toString(), work.resolve("semver").toString());
    assertEquals(ExitCode.OK, bySemver.exitCode(), bySemver.toString());
    assertTrue(bySemver.stderr().contains("2 copied"), bySemver.stderr());
    assertTrue(bySemver.stderr().contains("svc4:1.4\": copied"), bySemver.stderr());
    assertTrue(bySemver.stderr().contains("svc5:1.5\": copied"), bySemver.stderr());
    assertFalse(bySemver.stderr().contains("svc3:1.3"), bySemver.stderr());
  }

  @Test
  void aYamlMistakeIsAUsageErrorNamingItsLineBeforeAnyRequest() throws Exception {
    Path work = source.newFolder("yaml-mistake");
    Path yaml =
        Files.writeString(
            work.resolve("bad.yaml"),
            source.hostPort() + ":\n  tls-verify: false\n  imagez:\n    team/app: []\n");
    int before = RegistryAccessLog.read(source.logFile()).size();
    Cli.Result result =
        sync("--src", "yaml", "--dest", "dir", yaml.toString(), work.resolve("out").toString());
    assertEquals(ExitCode.USAGE, result.exitCode(), result.toString());
    assertTrue(result.stderr().contains("bad.yaml:3:"), result.stderr());
    assertTrue(result.stderr().contains("imagez"), result.stderr());
    Thread.sleep(200);
    assertEquals(before, RegistryAccessLog.read(source.logFile()).size(), "no request was made");
  }

  @Test
  void namesRegistryDestinationsFromDirSourcesAsSkopeoDoes() throws Exception {
    Path work = source.newFolder("oracle-dir-source");
    Path tree = work.resolve("tree");
    Cli.Result made =
        sync(
            "--src",
            "docker",
            "--dest",
            "dir",
            "--scoped",
            source.hostPort() + "/team/app",
            tree.toString());
    assertEquals(ExitCode.OK, made.exitCode(), made.toString());
    for (boolean scoped : List.of(false, true)) {
      String namespace = scoped ? "scoped" : "plain";
      List<String> skopeo =
          new ArrayList<>(
              List.of("sync", "--src", "dir", "--dest", "docker", "--dest-tls-verify=false"));
      List<String> ours = new ArrayList<>(List.of("--src", "dir", "--dest", "docker"));
      if (scoped) {
        skopeo.add("--scoped");
        ours.add("--scoped");
      }
      // A scoped dir tree of a registry with a port cannot be pushed back scoped (the port is no
      // repository path component), so the scoped run takes the tree below the host.
      String from = scoped ? tree.resolve(source.hostPort()).toString() : tree.toString();
      skopeo.addAll(List.of(from, mirror.hostPort() + "/skopeo-" + namespace));
      ours.addAll(List.of(from, mirror.hostPort() + "/spyglass-" + namespace));
      Skopeo.run(skopeo);
      Cli.Result result = sync(ours.toArray(String[]::new));
      assertEquals(ExitCode.OK, result.exitCode(), result.toString());

      Map<String, String> bySkopeo = new TreeMap<>();
      Map<String, String> bySpyglass = new TreeMap<>();
      for (String tag : app.tags()) {
        String path = scoped ? "/team/app:" + tag : "/app:" + tag;
        bySkopeo.put(
            path,
            digestAt("docker://" + mirror.hostPort() + "/skopeo-" + namespace + path).toString());
        bySpyglass.put(
            path,
            digestAt("docker://" + mirror.hostPort() + "/spyglass-" + namespace + path).toString());
      }
      assertEquals(bySkopeo, bySpyglass);
      assertEquals(app.digest("1.0").toString(), bySpyglass.values().iterator().next());
    }
  }

  @Test
  void ociDestinationHoldsOneLayoutPerRepositoryAndGoesBackToARegistry() throws Exception {
    Path out = source.newFolder("oci-dest").resolve("layouts");
    Cli.Result first =
        sync("--src", "docker", "--dest", "oci", source.hostPort() + "/team/oci", out.toString());
    assertEquals(ExitCode.OK, first.exitCode(), first.toString());
    Path layout = out.resolve("oci");
    assertTrue(Files.isRegularFile(layout.resolve("oci-layout")));
    JsonElement index = JsonParser.parseString(Files.readString(layout.resolve("index.json")));
    JsonElement entry = index.getAsJsonObject().getAsJsonArray("manifests").get(0);
    assertEquals(
        "2.0",
        entry
            .getAsJsonObject()
            .getAsJsonObject("annotations")
            .get("org.opencontainers.image.ref.name")
            .getAsString());
    assertEquals(oci.digest("2.0").toString(), entry.getAsJsonObject().get("digest").getAsString());

    Cli.Result again =
        sync("--src", "docker", "--dest", "oci", source.hostPort() + "/team/oci", out.toString());
    assertTrue(again.stderr().contains("0 copied, 1 skipped"), again.toString());

    Cli.Result back =
        sync("--src", "oci", "--dest", "docker", out.toString(), mirror.hostPort() + "/from-oci");
    assertEquals(ExitCode.OK, back.exitCode(), back.toString());
    assertEquals(
        oci.digest("2.0"), digestAt("docker://" + mirror.hostPort() + "/from-oci/oci:2.0"));
  }

  @Test
  void aDockerImageConvertedIntoAnOciLayoutIsSkippedOnReSyncWithoutReadingLayers()
      throws Exception {
    Path out = source.newFolder("oci-convert").resolve("layouts");
    String src = source.hostPort() + "/team/app:1.0";
    // An oci: layout keeps Docker manifests as they are; --format oci asks for the conversion.
    Cli.Result first =
        sync("--src", "docker", "--dest", "oci", "--format", "oci", src, out.toString());
    assertEquals(ExitCode.OK, first.exitCode(), first.toString());
    int mark = RegistryAccessLog.read(source.logFile()).size();

    Cli.Result again =
        sync("--src", "docker", "--dest", "oci", "--format", "oci", src, out.toString());

    assertTrue(again.stderr().contains("0 copied, 1 skipped"), again.toString());
    List<Entry> requests =
        RegistryAccessLog.awaitSince(source.logFile(), mark, 3, Duration.ofSeconds(5));
    // HEAD (digest differs: converted), GET manifest and GET config to plan the conversion.
    assertEquals(3, requests.size(), requests.toString());
    Digest config = app.config().orElseThrow().descriptor().digest();
    assertTrue(
        requests.stream()
            .noneMatch(e -> e.path().contains("/blobs/") && !e.path().endsWith(config.toString())),
        requests.toString());
  }

  @Test
  void withAllTheListIsMirroredAndWithoutItThePlatformImageWhichAReSyncSkips() throws Exception {
    String src = source.hostPort() + "/team/multi:3.1";
    Cli.Result all =
        sync("--src", "docker", "--dest", "docker", "--all", src, mirror.hostPort() + "/all");
    assertEquals(ExitCode.OK, all.exitCode(), all.toString());
    assertEquals(list.digest(), digestAt("docker://" + mirror.hostPort() + "/all/multi:3.1"));

    Cli.Result one = sync("--src", "docker", "--dest", "docker", src, mirror.hostPort() + "/one");
    assertEquals(ExitCode.OK, one.exitCode(), one.toString());
    Digest platform = list.find(PlatformMatcher.host()).orElseThrow().digest();
    assertEquals(platform, digestAt("docker://" + mirror.hostPort() + "/one/multi:3.1"));

    int mark = RegistryAccessLog.read(source.logFile()).size();
    Cli.Result again = sync("--src", "docker", "--dest", "docker", src, mirror.hostPort() + "/one");
    assertTrue(again.stderr().contains("0 copied, 1 skipped"), again.toString());
    List<Entry> requests =
        RegistryAccessLog.awaitSince(source.logFile(), mark, 3, Duration.ofSeconds(5));
    // HEAD of the list, GET of the list and of the image chosen: no blob.
    assertEquals(3, requests.size(), requests.toString());
    assertTrue(requests.stream().noneMatch(e -> e.path().contains("/blobs/")), requests.toString());
  }

  @Test
  void dryRunCopiesNothingAndAMissingTagFailsIt() throws Exception {
    String dst = mirror.hostPort() + "/dry";
    Cli.Result dry =
        sync(
            "--src",
            "docker",
            "--dest",
            "docker",
            "--dry-run",
            source.hostPort() + "/team/app",
            dst);
    assertEquals(ExitCode.OK, dry.exitCode(), dry.toString());
    assertEquals(2, dry.stderr().split("would copy", -1).length - 1, dry.stderr());
    assertTrue(dry.stderr().contains("Would have synced 2 images from 1 sources"), dry.stderr());
    assertFalse(exists("docker://" + dst + "/app:1.0"));

    Cli.Result missing =
        sync(
            "--src",
            "docker",
            "--dest",
            "docker",
            "--dry-run",
            source.hostPort() + "/team/app:nope",
            dst);
    assertEquals(ExitCode.NOT_FOUND, missing.exitCode(), missing.toString());
    assertTrue(missing.stderr().contains("failed:"), missing.stderr());
  }

  @Test
  void keepGoingCopiesTheOtherImagesAndExitsOneListingTheFailure() throws Exception {
    Path out = source.newFolder("keep-going").resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("app:1.0"), "a file where the image would go");
    String src = source.hostPort() + "/team/app";

    Cli.Result stop = sync("--src", "docker", "--dest", "dir", "-j", "1", src, out.toString());
    assertNotEquals(ExitCode.OK, stop.exitCode(), stop.toString());
    assertTrue(stop.stderr().contains("app:1.0"), stop.stderr());

    Cli.Result going =
        sync("--src", "docker", "--dest", "dir", "--keep-going", src, out.toString());
    assertEquals(ExitCode.FAILURE, going.exitCode(), going.toString());
    assertTrue(Files.isRegularFile(out.resolve("app:latest").resolve("manifest.json")));
    assertTrue(going.stderr().contains("1 failed"), going.stderr());
    assertTrue(going.stderr().contains("  failed: \"docker://" + src + ":1.0\""), going.stderr());
  }

  @Test
  void aStoppedSyncRunAgainCopiesOnlyWhatIsMissing() throws Exception {
    String src = source.hostPort() + "/team/app";
    String dst = mirror.hostPort() + "/resume";
    Cli.Result part = sync("--src", "docker", "--dest", "docker", src + ":1.0", dst);
    assertEquals(ExitCode.OK, part.exitCode(), part.toString());
    Cli.Result rest = sync("--src", "docker", "--dest", "docker", src, dst);
    assertTrue(rest.stderr().contains("1 copied, 1 skipped"), rest.toString());
  }

  @Test
  void shardProcessesCoverEveryRepositoryExactlyOnce() throws Exception {
    Path work = source.newFolder("shards");
    Path tree = work.resolve("tree");
    for (int i = 0; i < 6; i++) {
      Cli.Result made =
          sync(
              "--src",
              "docker",
              "--dest",
              "dir",
              "--scoped",
              source.hostPort() + "/fleet/svc" + i,
              tree.toString());
      assertEquals(ExitCode.OK, made.exitCode(), made.toString());
    }
    String from = tree.resolve(source.hostPort()).toString();
    int shards = 3;
    List<Set<String>> taken = new ArrayList<>();
    for (int k = 0; k < shards; k++) {
      SpyglassProcess.Result result =
          SpyglassProcess.run(
              work.resolve("run" + k),
              Map.of("HOME", work.toString()),
              "sync",
              "--src",
              "dir",
              "--dest",
              "docker",
              "--dest-tls-verify=false",
              "--scoped",
              "--shard",
              k + "/" + shards,
              from,
              mirror.hostPort() + "/sharded");
      assertEquals(0, result.exitCode(), result.toString());
      taken.add(new HashSet<>(destinations(result.stderr())));
    }
    Set<String> union = new TreeSet<>();
    int total = 0;
    for (Set<String> share : taken) {
      union.addAll(share);
      total += share.size();
    }
    assertEquals(6, union.size(), taken.toString());
    assertEquals(6, total, "no image in two shares: " + taken);
    for (int i = 0; i < 6; i++) {
      assertTrue(exists("docker://" + mirror.hostPort() + "/sharded/fleet/svc" + i + ":1." + i));
    }
  }

  @Test
  void basicAuthSourceNeedsItsCredentials() throws Exception {
    try (RegistryProcess locked = RegistryProcess.basicAuth("sync-user", "s3cret-Pass")) {
      TestImages.pushSchema2(locked.pusher(), "private/app", List.of("1.0"));
      String src = locked.hostPort() + "/private/app";
      Cli.Result denied =
          sync("--src", "docker", "--dest", "docker", src, mirror.hostPort() + "/basic");
      assertEquals(ExitCode.AUTHENTICATION, denied.exitCode(), denied.toString());
      assertTrue(denied.stderr().contains("--src-creds"), denied.stderr());

      Cli.Result ok =
          sync(
              "--src",
              "docker",
              "--dest",
              "docker",
              "--src-creds",
              "sync-user:s3cret-Pass",
              src,
              mirror.hostPort() + "/basic");
      assertEquals(ExitCode.OK, ok.exitCode(), ok.toString());
      assertTrue(exists("docker://" + mirror.hostPort() + "/basic/app:1.0"));
    }
  }

  @Test
  void preserveDigestsRefusesAConversionAndCopiesWhatNeedsNone() throws Exception {
    Path out = source.newFolder("preserve").resolve("layouts");
    Cli.Result docker =
        sync(
            "--src",
            "docker",
            "--dest",
            "oci",
            "--format",
            "oci",
            "--preserve-digests",
            source.hostPort() + "/team/app:1.0",
            out.toString());
    assertEquals(ExitCode.FAILURE, docker.exitCode(), docker.toString());
    assertTrue(docker.stderr().contains("digest"), docker.stderr());
    assertFalse(Files.exists(out.resolve("app").resolve("index.json")));

    // Without --format, the Docker manifest is stored as it is: nothing to refuse.
    Cli.Result kept =
        sync(
            "--src",
            "docker",
            "--dest",
            "oci",
            "--preserve-digests",
            source.hostPort() + "/team/app:1.0",
            out.toString());
    assertEquals(ExitCode.OK, kept.exitCode(), kept.toString());

    Cli.Result ociImage =
        sync(
            "--src",
            "docker",
            "--dest",
            "oci",
            "--preserve-digests",
            source.hostPort() + "/team/oci:2.0",
            out.toString());
    assertEquals(ExitCode.OK, ociImage.exitCode(), ociImage.toString());
  }

  @Test
  void dirToDirIsRefusedAsSkopeoRefusesIt() {
    Cli.Result refused = sync("--src", "dir", "--dest", "dir", "/nonexistent", "/nowhere");
    assertEquals(ExitCode.USAGE, refused.exitCode(), refused.toString());
    assertTrue(
        refused
            .stderr()
            .contains("sync from 'dir' to 'dir' not implemented, consider using rsync instead"),
        refused.stderr());
  }

  /** Every file below {@code root} by relative path, with the bytes of each manifest.json. */
  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(p).toString();
        files.put(
            rel, p.getFileName().toString().equals("manifest.json") ? Files.readString(p) : "");
      }
    }
    return files;
  }
}
