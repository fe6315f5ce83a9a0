package dev.spyglass.cli.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spyglass.api.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;

/**
 * Builds tiny plug-in jars with the JDK's own javac and jar: a transport named as asked whose
 * images are never found (its message says which plug-in answered), modular or plain.
 */
final class PluginJars {
  private PluginJars() {}

  /** The module path a plug-in compiles against: the api and what it requires. */
  static String apiPath() {
    return location(Transport.class) + java.io.File.pathSeparator + location(NullMarked.class);
  }

  /** A transport class {@code pkg.Cls} named {@code name}; {@code constructor} is its body. */
  static String transportSource(String pkg, String cls, String name, String constructor) {
    return "package " + pkg + ";\n"
        + "import dev.spyglass.api.*;\n"
        + "public final class " + cls + " implements Transport {\n"
        + "  public " + cls + "() { " + constructor + " }\n"
        + "  public String name() { return \"" + name + "\"; }\n"
        + "  public ImageReference parseReference(String text) {\n"
        + "    Transport self = this;\n"
        + "    return new ImageReference() {\n"
        + "      public Transport transport() { return self; }\n"
        + "      public String stringWithinTransport() { return text; }\n"
        + "      public ImageSource newImageSource(ImageOptions options) throws ImageException {\n"
        + "        throw new NotFoundException(\"image\", describe(), \"plug-in " + cls + " holds nothing\");\n"
        + "      }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
  }

  /**
   * A modular jar: module {@code module} (package of the same name) providing transport {@code
   * name}, requiring {@code requires} too.
   */
  static Path modular(Path work, String module, String name, List<String> requires, String... extraModulePath) {
    Path src = work.resolve(module + "-src");
    StringBuilder info = new StringBuilder("module " + module + " {\n  requires dev.spyglass.api;\n");
    requires.forEach(r -> info.append("  requires ").append(r).append(";\n"));
    info.append("  provides dev.spyglass.api.Transport with ").append(module).append(".Plugged;\n}\n");
    write(src.resolve("module-info.java"), info.toString());
    write(
        src.resolve(module.replace('.', '/')).resolve("Plugged.java"),
        transportSource(module, "Plugged", name, ""));
    String modulePath = apiPath();
    for (String extra : extraModulePath) {
      modulePath += java.io.File.pathSeparator + extra;
    }
    return compileAndJar(work, module, src, List.of("--module-path", modulePath), null);
  }

  /** A module with one exported package and no providers: a library another module requires. */
  static Path library(Path work, String module) {
    Path src = work.resolve(module + "-src");
    write(src.resolve("module-info.java"), "module " + module + " { exports " + module + "; }\n");
    write(
        src.resolve(module.replace('.', '/')).resolve("Lib.java"),
        "package " + module + ";\npublic final class Lib { public static String hello() { return \"hi\"; } }\n");
    return compileAndJar(work, module, src, List.of(), null);
  }

  /** A plain jar with {@code META-INF/services}: transport {@code name}, built by {@code constructor}. */
  static Path plain(Path work, String jarName, String name, String constructor) {
    Path src = work.resolve(jarName + "-src");
    String pkg = "plain." + jarName.replaceAll("[^a-z]", "");
    write(
        src.resolve(pkg.replace('.', '/')).resolve("Plugged.java"),
        transportSource(pkg, "Plugged", name, constructor));
    return compileAndJar(work, jarName, src, List.of("--class-path", apiPath()), pkg + ".Plugged");
  }

  private static Path compileAndJar(
      Path work, String jarName, Path src, List<String> options, String serviceProvider) {
    Path classes = work.resolve(jarName + "-classes");
    List<String> args = new ArrayList<>(options);
    args.addAll(List.of("-d", classes.toString(), "-proc:none", "-nowarn"));
    try (Stream<Path> files = Files.walk(src)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run("javac", args);
    if (serviceProvider != null) {
      write(
          classes.resolve("META-INF/services/" + Transport.class.getName()), serviceProvider + "\n");
    }
    Path jar = work.resolve(jarName + ".jar");
    run("jar", List.of("--create", "--file", jar.toString(), "-C", classes.toString(), "."));
    return jar;
  }

  private static void run(String tool, List<String> args) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
    int code =
        ToolProvider.findFirst(tool)
            .orElseThrow(() -> new IllegalStateException("no " + tool + " in this JDK"))
            .run(stream, stream, args.toArray(String[]::new));
    assertEquals(0, code, tool + " " + args + ":\n" + output.toString(StandardCharsets.UTF_8));
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
