package dev.spyglass.cli.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spyglass.api.DockerName;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Transports;
import dev.spyglass.transport.docker.DockerTransport;
import dev.spyglass.transport.layout.DirTransport;
import dev.spyglass.transport.layout.OciReference;
import dev.spyglass.transport.layout.OciTransport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Destination names as skopeo 1.9's sync.go forms them (and Spyglass's --dest oci). */
class SyncNamesTest {
  private final Transports transports =
      Transports.of(List.of(new DockerTransport(), new DirTransport(), new OciTransport()));

  /** As the planner makes them: the suffix is the fully qualified name. */
  private SyncImage docker(String text) {
    DockerName name = DockerName.parse(text);
    return new SyncImage(
        name.name(),
        transports.parse("docker://" + name.fullName()),
        ImageOptions.defaults(),
        name.fullName());
  }

  private String name(
      SyncKind kind, String destination, boolean scoped, String suffix, SyncImage image) {
    return new SyncNames(transports, kind, destination, scoped, suffix).reference(image).describe();
  }

  @Test
  void aRegistryImageKeepsItsLastPathElementUnlessScoped() {
    SyncImage image = docker("registry.example:5000/team/app:1.0");
    assertEquals(
        "docker://mirror.local/ns/app:1.0",
        name(SyncKind.DOCKER, "mirror.local/ns", false, "", image));
    assertEquals(
        "docker://mirror.local/ns/registry.example/team/app:1.0",
        name(
            SyncKind.DOCKER, "mirror.local/ns", true, "", docker("registry.example/team/app:1.0")));
    // As with skopeo, a port cannot be part of a repository path: scoped into a registry, refused.
    assertThrows(
        InvalidReferenceException.class,
        () -> name(SyncKind.DOCKER, "mirror.local/ns", true, "", image));
    assertEquals("dir:/media/usb/app:1.0", name(SyncKind.DIR, "/media/usb", false, "", image));
    assertEquals(
        "dir:/media/usb/registry.example:5000/team/app:1.0",
        name(SyncKind.DIR, "/media/usb", true, "", image));
  }

  @Test
  void aDockerHubImageIsNamedFullyQualifiedWhenScoped() {
    SyncImage image = docker("busybox:1.36");
    assertEquals(
        "dir:usb/docker.io/library/busybox:1.36", name(SyncKind.DIR, "usb", true, "", image));
    assertEquals("dir:usb/busybox:1.36", name(SyncKind.DIR, "usb/", false, "", image));
  }

  @Test
  void appendSuffixGoesAfterTheTag() {
    SyncImage image = docker("registry.example/busybox:latest");
    assertEquals(
        "docker://my-registry.local.lan/busybox:latest-mirror",
        name(SyncKind.DOCKER, "my-registry.local.lan", false, "-mirror", image));
  }

  @Test
  void anImageNamedByDigestKeepsItsDigest() {
    String digest = "sha256:" + "a".repeat(64);
    SyncImage image = docker("registry.example/app@" + digest);
    assertEquals(
        "docker://mirror.local/app@" + digest,
        name(SyncKind.DOCKER, "mirror.local", false, "", image));
  }

  @Test
  void ociDestinationIsOneLayoutPerRepositoryWithTheTagAsRefName() {
    SyncImage image = docker("registry.example:5000/team/app:1.0");
    ImageReference plain =
        new SyncNames(transports, SyncKind.OCI, "/srv/mirror", false, "").reference(image);
    OciReference oci = (OciReference) plain;
    assertEquals(Path.of("/srv/mirror/app"), oci.path());
    assertEquals(Optional.of("1.0"), oci.name());

    OciReference scoped =
        (OciReference)
            new SyncNames(transports, SyncKind.OCI, "/srv/mirror", true, "-m").reference(image);
    assertEquals(Path.of("/srv/mirror/registry.example:5000/team/app"), scoped.path());
    assertEquals(Optional.of("1.0-m"), scoped.name());
  }

  @Test
  void ociDestinationOfADigestHasNoRefNameAndADirWithoutTagIsLatest() {
    String digest = "sha256:" + "b".repeat(64);
    OciReference byDigest =
        (OciReference)
            new SyncNames(transports, SyncKind.OCI, "/m", false, "")
                .reference(docker("registry.example/app@" + digest));
    assertEquals(Path.of("/m/app"), byDigest.path());
    assertEquals(Optional.empty(), byDigest.name());

    SyncImage dir =
        new SyncImage("app", transports.parse("dir:/src/app"), ImageOptions.defaults(), "/app");
    OciReference latest =
        (OciReference) new SyncNames(transports, SyncKind.OCI, "/m", false, "").reference(dir);
    assertEquals(Optional.of("latest"), latest.name());
  }

  @Test
  void aDirImageGoesToTheRegistryUnderItsDirectoryName() {
    SyncImage dir =
        new SyncImage(
            "ns/app", transports.parse("dir:/src/ns/app:2"), ImageOptions.defaults(), "/ns/app:2");
    assertEquals(
        "docker://reg.example/m/app:2", name(SyncKind.DOCKER, "reg.example/m", false, "", dir));
    assertEquals(
        "docker://reg.example/m/ns/app:2", name(SyncKind.DOCKER, "reg.example/m", true, "", dir));
  }

  @Test
  void aNameInvalidAtTheDestinationIsRefused() {
    SyncImage image = docker("registry.example/app:1.0");
    assertThrows(
        InvalidReferenceException.class,
        () -> name(SyncKind.DOCKER, "Mirror.Local/UPPER", false, "", image));
  }
}
