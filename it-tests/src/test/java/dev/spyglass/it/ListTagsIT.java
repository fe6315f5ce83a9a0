package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.it.MultiPlatformImages.PushedList;
import dev.spyglass.it.TestImages.PushedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code spyglass list-tags docker://...} against {@code skopeo list-tags} on repositories of a
 * real registry with two and five tags, and how both fail for a repository that does not exist or a
 * name with a tag.
 */
class ListTagsIT {
  private static RegistryProcess registry;
  private static TestImages.Pushed images;
  private static MultiPlatformImages.Pushed lists;
  private static Path emptyAuthFile;

  @BeforeAll
  static void pushImages() throws Exception {
    registry = RegistryProcess.plain();
    images = TestImages.pushAll(registry.pusher());
    lists = MultiPlatformImages.pushAll(registry.pusher());
    emptyAuthFile = AuthFiles.empty(registry.newFolder("auth"));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  /** Every repository with the tags pushed to it. */
  static Stream<Arguments> repositories() {
    List<Arguments> all = new ArrayList<>();
    for (PushedImage image : images.all()) {
      all.add(Arguments.of(image.repository(), image.tags()));
    }
    for (PushedList list : lists.all()) {
      all.add(Arguments.of(list.repository(), list.tags()));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repositories")
  void listTagsPrintsWhatSkopeoPrints(String repository, List<String> pushedTags) {
    String name = "docker://" + registry.hostPort() + "/" + repository;
    String skopeo = Skopeo.run(List.of("list-tags", "--tls-verify=false", name));
    Cli.Result result = spyglass(name);
    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("", result.stderr(), "spyglass wrote to stderr");
    String spyglass = result.out();
    // Both print the tags in the order the registry lists them.
    JsonParity.assertSameValuesInSameOrder(
        JsonParity.parse("skopeo", skopeo), JsonParity.parse("spyglass", spyglass));
    assertEquals(
        skopeo, spyglass, "same JSON values, different text (escaping, spacing or newline)");
    JsonObject parsed = JsonParity.parse("spyglass", spyglass).getAsJsonObject();
    assertEquals(registry.hostPort() + "/" + repository, parsed.get("Repository").getAsString());
    assertEquals(
        pushedTags.stream().sorted().toList(),
        parsed.getAsJsonArray("Tags").asList().stream()
            .map(JsonElement::getAsString)
            .sorted()
            .toList());
  }

  @Test
  void missingRepositoryIsNotFound() {
    String repository = "spyglass/no-such-repository";
    String name = "docker://" + registry.hostPort() + "/" + repository;
    Skopeo.failure(List.of("list-tags", "--tls-verify=false", name));
    assertFailedCleanly(spyglass(name), ExitCode.NOT_FOUND, repository);
  }

  @Test
  void nameWithATagIsAUsageError() {
    PushedList list = lists.list();
    String name = list.byTag(registry.hostPort(), list.firstTag());
    String skopeoError = Skopeo.failure(List.of("list-tags", "--tls-verify=false", name));
    assertTrue(
        skopeoError.contains("No tag or digest allowed"),
        () -> "skopeo failed another way: " + skopeoError);
    assertFailedCleanly(spyglass(name), ExitCode.USAGE, name);
  }

  private static Cli.Result spyglass(String name) {
    return Cli.run("list-tags", "--tls-verify=false", "--authfile", emptyAuthFile.toString(), name);
  }

  private static void assertFailedCleanly(Cli.Result result, int exitCode, String subject) {
    String stderr = result.stderr();
    assertAll(
        () -> assertEquals(exitCode, result.exitCode(), result::toString),
        () -> assertEquals("", result.out(), "stdout must stay empty"),
        () ->
            assertTrue(
                stderr.endsWith("\n") && stderr.indexOf('\n') == stderr.length() - 1,
                () -> "stderr must be exactly one line: " + stderr),
        () ->
            assertTrue(
                stderr.contains(subject),
                () -> "stderr does not name \"" + subject + "\": " + stderr));
  }
}
