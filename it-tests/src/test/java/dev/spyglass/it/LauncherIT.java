package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code ./spyglass} launcher, run as a user runs it, on a copy of the built project: the first
 * run of a subcommand writes that subcommand's class-data archive without a byte of the JVM's own
 * output on stdout or stderr, and later runs use it and print the same.
 */
class LauncherIT {
  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  /** The JDK running the tests (17 in CI) and any JDK 25 or later beside it (an AOT cache). */
  static Stream<Path> jdks() throws IOException {
    List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> all = Files.list(jvms)) {
        all.filter(home -> !Files.isSymbolicLink(home) && major(home) >= 25).forEach(homes::add);
      }
    }
    List<Path> distinct = new ArrayList<>();
    for (Path home : homes) {
      Path real = home.toRealPath();
      if (!distinct.contains(real)) {
        distinct.add(real);
      }
    }
    return distinct.stream();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void firstRunOfASubcommandWritesItsArchiveAndPrintsOnlyWhatTheCommandPrints(Path jdk)
      throws Exception {
    Path root = builtProjectCopy();
    Path image = dirImage();
    byte[] manifest = Files.readAllBytes(image.resolve("manifest.json"));
    Path archives = root.resolve("cli/target/cds");

    Run first = launch(root, jdk, "inspect", "--raw", "dir:" + image);
    assertEquals(0, first.exitCode, first.stderr);
    assertArrayEquals(manifest, first.stdout, new String(first.stdout, StandardCharsets.UTF_8));
    assertEquals("", first.stderr);
    String archive = major(jdk) >= 25 ? "inspect.aot" : "inspect.jsa";
    assertTrue(Files.isRegularFile(archives.resolve(archive)), "no " + archive + " after the first run");
    try (Stream<Path> left = Files.list(archives)) {
      assertEquals(List.of(archive), left.map(p -> p.getFileName().toString()).toList());
    }

    Run second = launch(root, jdk, "inspect", "--raw", "dir:" + image);
    assertEquals(0, second.exitCode, second.stderr);
    assertArrayEquals(manifest, second.stdout);
    assertEquals("", second.stderr);

    Run version = launch(root, jdk, "--version");
    assertEquals(0, version.exitCode, version.stderr);
    assertTrue(
        new String(version.stdout, StandardCharsets.UTF_8).matches("spyglass \\S+\n"),
        new String(version.stdout, StandardCharsets.UTF_8));
    assertEquals("", version.stderr);
    assertTrue(Files.isRegularFile(archives.resolve(archive.replace("inspect", "main"))));
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aFailedRunKeepsItsArchiveButAUsageErrorKeepsNone(Path jdk) throws Exception {
    Path root = builtProjectCopy();
    Path archives = root.resolve("cli/target/cds");
    Run usage = launch(root, jdk, "inspect");
    assertEquals(2, usage.exitCode, usage.stderr);
    assertFalse(usage.stderr.contains("AOT") || usage.stderr.contains("CDS"), usage.stderr);
    try (Stream<Path> left = Files.list(archives)) {
      assertEquals(List.of(), left.toList());
    }

    // A failing run still pays for making the archive; the runs after it must not pay again.
    Run failed = launch(root, jdk, "inspect", "dir:" + tmp.resolve("missing"));
    assertFalse(failed.exitCode == 0 || failed.exitCode == 2, failed.stderr);
    assertEquals(1, failed.stderr.lines().count(), failed.stderr);
    String archive = major(jdk) >= 25 ? "inspect.aot" : "inspect.jsa";
    try (Stream<Path> left = Files.list(archives)) {
      assertEquals(List.of(archive), left.map(p -> p.getFileName().toString()).toList());
    }
  }

  /**
   * A user who is not root: the launcher lowers the compiler thread's priority for short commands,
   * which the JVM would warn about on stderr without root. Run as {@code nobody} when the tests run
   * as root.
   */
  @ParameterizedTest
  @MethodSource("jdks")
  void aUserWhoIsNotRootSeesOnlyWhatTheCommandPrints(Path jdk) throws Exception {
    Path root = builtProjectCopy(true);
    Path image = dirImage();
    Path home = Files.createDirectories(tmp.resolve("home"));
    openToAll(tmp);
    byte[] manifest = Files.readAllBytes(image.resolve("manifest.json"));
    List<String> asUser =
        isRoot() ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of();
    List<String> command = new ArrayList<>(asUser);
    command.addAll(List.of(root.resolve("spyglass").toString(), "inspect", "--raw", "dir:" + image));

    Run run = launch(command, jdk, home);
    assertEquals(0, run.exitCode, run.stderr);
    assertArrayEquals(manifest, run.stdout, new String(run.stdout, StandardCharsets.UTF_8));
    assertEquals("", run.stderr);
  }

  /**
   * Only the commands that move blobs get C2, the only compiler that hashes with the CPU's SHA
   * instructions: {@code copy} and {@code sync}, with C1 counting only calls and loops (a re-sync
   * moves nothing, and C1's profiling cost it 10 %), neither with its compilers at nice 19 (busy
   * copying threads would starve C2). The others run on C1 alone. Read
   * from the JVM's final flags ({@code -XX:+PrintFlagsFinal}, through {@code JDK_JAVA_OPTIONS},
   * which the launcher does not set).
   */
  @ParameterizedTest
  @MethodSource("jdks")
  void onlyTheCommandsThatMoveBlobsGetC2(Path jdk) throws Exception {
    Path root = builtProjectCopy();
    Map<String, String> inspect = finalFlags(root, jdk, "inspect");
    Map<String, String> copy = finalFlags(root, jdk, "copy");
    Map<String, String> sync = finalFlags(root, jdk, "sync");
    assertEquals("1", inspect.get("TieredStopAtLevel"));
    assertEquals("4", copy.get("TieredStopAtLevel"));
    assertEquals("4", sync.get("TieredStopAtLevel"));
    assertEquals("false", sync.get("C1ProfileBranches"));
    assertEquals("false", sync.get("C1ProfileCalls"));
    assertEquals("false", copy.get("C1ProfileBranches"));
    assertEquals("false", copy.get("C1ProfileCalls"));
    assertEquals("19", inspect.get("CompilerThreadPriority"));
    assertEquals("-1", sync.get("CompilerThreadPriority"));
    assertEquals("-1", copy.get("CompilerThreadPriority"));
    // copy's compiler command for the TLS record methods reaches the JVM as written (a glob,
    // quoted in the launcher), and the JVM prints nothing about it.
    assertTrue(
        flagsOutput(root, jdk, "copy")
            .contains("+= CompileThresholdScaling,com/sun/crypto/provider/*.*,0.05"),
        "copy's CompileCommand");
    Run run = launch(root, jdk, "copy", "--help");
    assertEquals(0, run.exitCode, run.stderr);
    String out = new String(run.stdout, StandardCharsets.UTF_8);
    assertTrue(out.startsWith("Usage: spyglass copy"), out);
  }

  /**
   * The final values of the JVM flags that {@code spyglass COMMAND --help} runs with, from its
   * second run: on JDK 25 the first writes the AOT cache with the JVM's own output off.
   */
  private Map<String, String> finalFlags(Path root, Path jdk, String command) throws Exception {
    Map<String, String> flags = new HashMap<>();
    Matcher line =
        Pattern.compile("^\\s*\\S+\\s+(\\w+)\\s+:?= (\\S+)", Pattern.MULTILINE)
            .matcher(flagsOutput(root, jdk, command));
    while (line.find()) {
      flags.put(line.group(1), line.group(2));
    }
    assertTrue(flags.containsKey("TieredStopAtLevel"), "no flags printed for " + command);
    return flags;
  }

  /** What {@code spyglass COMMAND --help} prints under {@code -XX:+PrintFlagsFinal}. */
  private String flagsOutput(Path root, Path jdk, String command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(root.resolve("spyglass").toString(), command, "--help");
    builder.environment().put("JAVA_HOME", jdk.toString());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().put("JDK_JAVA_OPTIONS", "-XX:+PrintFlagsFinal");
    assertEquals(0, run(builder, List.of(command)).exitCode);
    Run run = run(builder, List.of(command));
    assertEquals(0, run.exitCode, run.stderr);
    return new String(run.stdout, StandardCharsets.UTF_8);
  }

  private static boolean isRoot() throws Exception {
    Process id = new ProcessBuilder("id", "-u").start();
    String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    id.waitFor();
    return uid.equals("0");
  }

  /** Lets another user read everything under {@code dir} and write to its directories. */
  private static void openToAll(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        if (!Files.isSymbolicLink(p)) {
          String mode =
              Files.isDirectory(p)
                  ? "rwxrwxrwx"
                  : Files.isExecutable(p) ? "rwxr-xr-x" : "rw-r--r--";
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        }
      }
    }
  }

  /** The launcher and the built jars, without sources: the launcher sees nothing to rebuild. */
  private Path builtProjectCopy() throws IOException {
    return builtProjectCopy(false);
  }

  /**
   * As {@link #builtProjectCopy()}; with {@code copyJars}, the jars are copied rather than linked,
   * for a user who may not reach the project's own directory (a checkout under {@code /root}).
   */
  private Path builtProjectCopy(boolean copyJars) throws IOException {
    Path root = Files.createTempDirectory(tmp, "project");
    Path launcher = root.resolve("spyglass");
    Files.copy(PROJECT.resolve("spyglass"), launcher);
    assertTrue(launcher.toFile().setExecutable(true));
    Path target = Files.createDirectories(root.resolve("cli/target"));
    Path built = PROJECT.resolve("cli/target");
    assertTrue(
        Files.isRegularFile(built.resolve("spyglass-cli.jar")),
        "cli/target/spyglass-cli.jar is missing: run the tests with `mvn verify` from the root");
    if (copyJars) {
      Files.copy(built.resolve("spyglass-cli.jar"), target.resolve("spyglass-cli.jar"));
      Path lib = Files.createDirectories(target.resolve("lib"));
      try (Stream<Path> jars = Files.list(built.resolve("lib"))) {
        for (Path jar : jars.toList()) {
          Files.copy(jar, lib.resolve(jar.getFileName()));
        }
      }
    } else {
      Files.createSymbolicLink(target.resolve("spyglass-cli.jar"), built.resolve("spyglass-cli.jar"));
      Files.createSymbolicLink(target.resolve("lib"), built.resolve("lib"));
    }
    Files.createFile(target.resolve(".spyglass-built"));
    return root;
  }

  /** A one-layer schema2 image in skopeo's dir: format. */
  private Path dirImage() throws IOException {
    return DirImages.oneLayer(tmp.resolve("image"));
  }

  private record Run(int exitCode, byte[] stdout, String stderr) {}

  private Run launch(Path root, Path jdk, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(root.resolve("spyglass").toString()));
    command.addAll(List.of(args));
    return launch(command, jdk, null);
  }

  private Run launch(List<String> command, Path jdk, @Nullable Path home) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("JAVA_HOME", jdk.toString());
    if (home != null) {
      builder.environment().put("HOME", home.toString());
    }
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    return run(builder, command);
  }

  private Run run(ProcessBuilder builder, List<String> command) throws Exception {
    builder.redirectError(tmp.resolve("stderr").toFile());
    Process process = builder.start();
    byte[] stdout = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the launcher did not finish within 120 s: " + command);
    }
    return new Run(process.exitValue(), stdout, Files.readString(tmp.resolve("stderr")));
  }

  private static int major(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+-]")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not a JDK this test can use
    }
    return 0;
  }
}
