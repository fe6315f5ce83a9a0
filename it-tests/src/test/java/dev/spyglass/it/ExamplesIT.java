package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of {@code examples/}, built as an outside project builds them: the libraries are
 * installed ({@code -Ppublish install}, from a copy of the sources) into a local repository of
 * their own, both examples are built with Maven against it, the plug-in jar is dropped into a
 * plug-in directory, and the launcher copies an image into and out of its transport and lists it.
 *
 * <p>Maven reads the local repository this build uses (its path comes from the pom) as a file
 * repository, before Maven Central: nothing that build already has is downloaded.
 */
class ExamplesIT {
  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
  /** The payload digest of the shared fixture containers-image/schema1.json (see INDEX.tsv). */
  private static final String SCHEMA1_DIGEST =
      "sha256:5a26403ca5f91c7f04300e397efc83960afbfe2d2b34314383a53e267a604455";

  @TempDir static Path tmp;
  private static Path settings;
  private static Path repository;
  private static boolean testKit;

  /** Installs api, manifest-schema1 (and the test kit, when the project has it) into a new repository. */
  @BeforeAll
  static void installLibraries() throws Exception {
    String cache = System.getProperty("spyglass.localRepository");
    assertTrue(
        cache != null && Files.isDirectory(Path.of(cache)),
        "the local repository is unknown: run the tests through Maven (spyglass.localRepository)");
    repository = tmp.resolve("repository");
    settings = tmp.resolve("settings.xml");
    // The build's own repository first, as a file repository (it holds nearly everything); Maven
    // Central after it, for what that build did not need (the javadoc and source plugins when it
    // ran without -Ppublish).
    String cacheRepository =
        "<id>build-cache</id><url>"
            + Path.of(cache).toUri()
            + "</url><snapshots><enabled>false</enabled></snapshots>";
    Files.writeString(
        settings,
        "<settings><profiles><profile><id>build-cache</id>"
            + "<repositories><repository>" + cacheRepository + "</repository></repositories>"
            + "<pluginRepositories><pluginRepository>" + cacheRepository
            + "</pluginRepository></pluginRepositories>"
            + "</profile></profiles>"
            + "<activeProfiles><activeProfile>build-cache</activeProfile></activeProfiles></settings>\n");
    Path sources = copySources(tmp.resolve("spyglass"));
    testKit = Files.isRegularFile(sources.resolve("testing/pom.xml"));
    mvn(
        sources,
        "-Ppublish",
        "-Dmaven.test.skip=true",
        "-pl",
        testKit ? "manifest-schema1,testing" : "manifest-schema1",
        "-am",
        "install");
  }

  @Test
  void aProgramUsesManifestSchema1AloneFromTheLocalRepository() throws Exception {
    Path project = copyTree(PROJECT.resolve("examples/schema1-digest"), tmp.resolve("schema1-digest"));
    Path classpathFile = project.resolve("target/classpath.txt");
    mvn(
        project,
        "package",
        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
        "-Dmdep.outputFile=" + classpathFile);

    String classpath = Files.readString(classpathFile).strip();
    List<String> jars =
        Stream.of(classpath.split(java.io.File.pathSeparator))
            .map(jar -> Path.of(jar).getFileName().toString())
            .toList();
    List<String> spyglass =
        jars.stream()
            .filter(name -> name.startsWith("spyglass-"))
            .map(name -> name.replace("-0.1.0-SNAPSHOT.jar", ""))
            .sorted()
            .toList();
    // manifest-schema1 and api; gojson too once manifest-schema1 uses it (DESIGN.md).
    assertTrue(spyglass.containsAll(List.of("spyglass-api", "spyglass-manifest-schema1")), classpath);
    assertTrue(
        List.of("spyglass-api", "spyglass-gojson", "spyglass-manifest-schema1").containsAll(spyglass),
        classpath);
    for (String stranger : List.of("okhttp", "retrofit", "guice", "picocli", "guava", "junit")) {
      assertFalse(jars.stream().anyMatch(jar -> jar.startsWith(stranger)), stranger + " in " + jars);
    }

    String shared = System.getenv("SPYGLASS_SHARED");
    assertTrue(shared != null, "SPYGLASS_SHARED is not set: run the tests through Maven");
    Path fixture = Path.of(shared, "fixtures", "containers-image", "schema1.json");
    Result run =
        run(
            tmp,
            Map.of(),
            javaHome().resolve("bin/java").toString(),
            "-cp",
            project.resolve("target/classes") + java.io.File.pathSeparator + classpath,
            "dev.spyglass.example.digest.ManifestDigest",
            fixture.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(SCHEMA1_DIGEST + "\n", run.stdout());
  }

  @Test
  void aPluginBuiltAgainstTheApiAloneIsListedAndUsedByCopy() throws Exception {
    Path project = copyTree(PROJECT.resolve("examples/blobdir-transport"), tmp.resolve("blobdir"));
    // With the test kit installed, the example also runs the kit's transport contract.
    if (testKit) {
      mvn(project, "-Pcontract", "package");
    } else {
      mvn(project, "package");
    }
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    Path jar = Files.copy(project.resolve("target/blobdir-transport.jar"), plugins.resolve("blobdir.jar"));
    Path root = builtProjectCopy(tmp.resolve("launcher"));
    Map<String, String> env = Map.of("SPYGLASS_PLUGIN_PATH", plugins.toString());

    Result list = run(tmp, env, root.resolve("spyglass").toString(), "transports");
    assertEquals(0, list.exitCode(), list.stderr());
    assertEquals("", list.stderr());
    assertTrue(
        list.stdout().lines().anyMatch(line -> line.matches("blobdir +transport +" + jar)),
        list.stdout());

    // In this JVM the CLI runs on the class path: a modular plug-in is then loaded as a plain jar.
    Cli.Result inProcess = Cli.run("--plugin-path", plugins.toString(), "transports");
    assertEquals(0, inProcess.exitCode(), inProcess::toString);
    assertTrue(
        inProcess.out().lines().anyMatch(line -> line.matches("blobdir +transport +" + jar)),
        inProcess.out());

    Path image = dirImage(tmp.resolve("image"));
    Path stored = tmp.resolve("stored");
    Path back = tmp.resolve("back");
    Result in =
        run(tmp, env, root.resolve("spyglass").toString(), "copy", "-q", "dir:" + image, "blobdir:" + stored);
    assertEquals(0, in.exitCode(), in.stderr());
    assertTrue(Files.isRegularFile(stored.resolve("image")), "the plug-in wrote its image file");
    Result out =
        run(tmp, env, root.resolve("spyglass").toString(), "copy", "-q", "blobdir:" + stored, "dir:" + back);
    assertEquals(0, out.exitCode(), out.stderr());
    assertArrayEquals(
        Files.readAllBytes(image.resolve("manifest.json")),
        Files.readAllBytes(back.resolve("manifest.json")));
  }

  /** The root pom and each module's pom and main sources: what {@code install} builds. */
  private static Path copySources(Path to) throws IOException {
    Files.createDirectories(to);
    Files.copy(PROJECT.resolve("pom.xml"), to.resolve("pom.xml"));
    try (Stream<Path> modules = Files.list(PROJECT)) {
      for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).toList()) {
        Path into = Files.createDirectories(to.resolve(module.getFileName().toString()));
        Files.copy(module.resolve("pom.xml"), into.resolve("pom.xml"));
        if (Files.isDirectory(module.resolve("src/main"))) {
          copyTree(module.resolve("src/main"), into.resolve("src/main"));
        }
      }
    }
    return to;
  }

  private static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path relative = from.relativize(file);
        if (relative.startsWith("target")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }

  /** The launcher and the built jars (no sources: it sees nothing to rebuild), as LauncherIT. */
  private static Path builtProjectCopy(Path root) throws IOException {
    Files.createDirectories(root);
    Path launcher = root.resolve("spyglass");
    Files.copy(PROJECT.resolve("spyglass"), launcher);
    assertTrue(launcher.toFile().setExecutable(true));
    Path target = Files.createDirectories(root.resolve("cli/target"));
    Path built = PROJECT.resolve("cli/target");
    assertTrue(
        Files.isRegularFile(built.resolve("spyglass-cli.jar")),
        "cli/target/spyglass-cli.jar is missing: run the tests with `mvn verify` from the root");
    Files.createSymbolicLink(target.resolve("spyglass-cli.jar"), built.resolve("spyglass-cli.jar"));
    Files.createSymbolicLink(target.resolve("lib"), built.resolve("lib"));
    Files.createFile(target.resolve(".spyglass-built"));
    return root;
  }

  /** A one-layer schema2 image in skopeo's dir: format. */
  private static Path dirImage(Path dir) throws IOException {
    return DirImages.oneLayer(dir);
  }

  private static Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  /** Maven in {@code directory}, quiet, against the repository of this test and its mirror. */
  private static void mvn(Path directory, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "mvn",
                "-B",
                "-q",
                "-nsu",
                "-s",
                settings.toString(),
                "-Dmaven.repo.local=" + repository));
    command.addAll(List.of(args));
    Result result = run(directory, Map.of("JAVA_HOME", javaHome().toString()), command.toArray(String[]::new));
    assertEquals(0, result.exitCode(), String.join(" ", command) + "\n" + result.stdout() + result.stderr());
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result run(Path directory, Map<String, String> env, String... command)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("MAVEN_OPTS");
    builder.environment().put("JAVA_HOME", javaHome().toString());
    builder.environment().putAll(env);
    Path stderr = Files.createTempFile(tmp, "stderr", ".txt");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish within 300 s: " + List.of(command));
    }
    return new Result(process.exitValue(), stdout, Files.readString(stderr));
  }
}
