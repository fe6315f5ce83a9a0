package dev.spyglass.cli.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.sync.config.ImageEntry;
import dev.spyglass.cli.sync.config.RegistrySource;
import dev.spyglass.cli.sync.config.SyncConfig;
import dev.spyglass.transport.docker.DockerTransport;
import dev.spyglass.transport.layout.DirTransport;
import dev.spyglass.transport.layout.OciTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a source holds, for the sources that need no registry (ITs cover registry tag lists). */
class SyncPlannerTest {
  private final Transports transports =
      Transports.of(List.of(new DockerTransport(), new DirTransport(), new OciTransport()));
  private final List<String> warnings = new ArrayList<>();

  @TempDir Path tmp;

  private SyncPlanner planner(Shard shard) {
    return new SyncPlanner(transports, ImageOptions.defaults(), shard, warnings::add);
  }

  private void dirImage(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("manifest.json"), "{}");
  }

  private static List<String> sources(SyncPlanner.Plan plan) {
    return plan.groups().stream()
        .flatMap(g -> g.images().stream())
        .map(SyncImage::describe)
        .toList();
  }

  @Test
  void walksDirImagesInNameOrderAndStopsAtEachManifestAsSkopeoDoes() throws Exception {
    Path src = tmp.resolve("src");
    dirImage(src.resolve("b/app:2"));
    dirImage(src.resolve("a/app:1"));
    // After manifest.json in name order: skopeo's walk never sees it.
    dirImage(src.resolve("a/app:1/zz"));
    // Before manifest.json in name order: skopeo's walk descends into it first.
    dirImage(src.resolve("a/app:1/aa"));
    String root = src.toString();

    SyncPlanner.Plan plan = planner(Shard.ALL).plan(SyncKind.DIR, root);

    assertEquals(
        List.of(
            "dir:" + root + "/a/app:1/aa", "dir:" + root + "/a/app:1", "dir:" + root + "/b/app:2"),
        sources(plan));
    assertEquals(
        List.of("/a/app:1/aa", "/a/app:1", "/b/app:2"),
        plan.groups().get(0).images().stream().map(SyncImage::suffix).toList());
    assertEquals(1, plan.groups().size());
  }

  @Test
  void aDirSourceThatIsOneImageIsNamedAfterItsDirectory() throws Exception {
    dirImage(tmp.resolve("busybox:1.36"));
    SyncPlanner.Plan plan =
        planner(Shard.ALL).plan(SyncKind.DIR, tmp.resolve("busybox:1.36").toString());
    assertEquals(
        List.of("busybox:1.36"),
        plan.groups().get(0).images().stream().map(SyncImage::suffix).toList());
  }

  @Test
  void anEmptyOrMissingDirectoryIsAFailure() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    assertThrows(
        ImageException.class,
        () -> planner(Shard.ALL).plan(SyncKind.DIR, tmp.resolve("empty").toString()));
    assertThrows(
        ImageException.class,
        () -> planner(Shard.ALL).plan(SyncKind.DIR, tmp.resolve("missing").toString()));
  }

  @Test
  void findsTheNamedImagesOfOciLayoutsAndWarnsAboutUnnamedOnes() throws Exception {
    Path layout = tmp.resolve("src/team/app");
    Files.createDirectories(layout);
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}");
    String digest = "sha256:" + "c".repeat(64);
    Files.writeString(
        layout.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":["
            + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
            + digest
            + "\",\"size\":1,\"annotations\":{\"org.opencontainers.image.ref.name\":\"1.0\"}},"
            + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
            + digest
            + "\",\"size\":1}]}");
    String root = tmp.resolve("src").toString();

    SyncPlanner.Plan plan = planner(Shard.ALL).plan(SyncKind.OCI, root);

    assertEquals(List.of("oci:" + layout + ":1.0"), sources(plan));
    SyncImage image = plan.groups().get(0).images().get(0);
    assertEquals("/team/app:1.0", image.suffix());
    assertEquals("/team/app", image.repository());
    assertEquals(1, warnings.size(), warnings.toString());
  }

  @Test
  void yamlEntriesNameTagsAndDigestsWithTheRegistrysOptions() {
    String digest = "sha256:" + "d".repeat(64);
    RegistrySource registry =
        new RegistrySource(
            "registry.example:5000",
            List.of(new ImageEntry.Tagged("team/app", List.of("1.0", digest))),
            Optional.of(new Credentials("alice", "secret")),
            Optional.of(false),
            Optional.of(Path.of("/certs")));

    SyncPlanner.Plan plan = planner(Shard.ALL).plan(new SyncConfig(List.of(registry)));

    assertEquals(
        List.of(
            "docker://registry.example:5000/team/app:1.0",
            "docker://registry.example:5000/team/app@" + digest),
        sources(plan));
    ImageOptions options = plan.groups().get(0).images().get(0).sourceOptions();
    assertEquals(Optional.of(new Credentials("alice", "secret")), options.credentials());
    assertEquals(false, options.tlsVerify());
    assertEquals(Optional.of(Path.of("/certs")), options.certDir());
    assertEquals(
        "registry.example:5000/team/app", plan.groups().get(0).images().get(0).repository());
  }

  @Test
  void shardsTakeDisjointRepositoriesOfAYamlSourceBeforeAnyRequest() {
    List<ImageEntry> entries = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      entries.add(new ImageEntry.Tagged("team/app" + i, List.of("1.0")));
    }
    SyncConfig config =
        new SyncConfig(
            List.of(
                new RegistrySource(
                    "registry.example",
                    entries,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty())));
    List<String> union = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      union.addAll(sources(planner(new Shard(k, 3)).plan(config)));
    }
    assertEquals(40, union.size());
    assertEquals(40, union.stream().distinct().count());
    assertTrue(sources(planner(new Shard(0, 3)).plan(config)).size() < 40);
  }

  @Test
  void aYamlEntryWithATagInItsRepositoryIsAUsageError() {
    SyncConfig config =
        new SyncConfig(
            List.of(
                new RegistrySource(
                    "registry.example",
                    List.of(new ImageEntry.Tagged("app:1.0", List.of())),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty())));
    assertThrows(InvalidReferenceException.class, () -> planner(Shard.ALL).plan(config));
  }
}
