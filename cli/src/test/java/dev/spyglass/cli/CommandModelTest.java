package dev.spyglass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spyglass.cli.command.Commands;
import dev.spyglass.cli.command.SpyglassCommand;
import dev.spyglass.cli.plugin.PluginLoader;
import dev.spyglass.cli.plugin.PluginPath;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * picocli's model of every command is built in code, as {@link Main} builds it: no picocli
 * annotation on a command or its option groups (to read them the JVM spins a proxy class per
 * annotation type, about 30 ms of every start), and every option and parameter bound to its field
 * by Spyglass's own getter and setter (picocli's reflective binding cost another 13 ms).
 */
class CommandModelTest {
  /** No subcommand (every subcommand is built), then each subcommand (only it is built). */
  static Stream<String> subcommands() {
    return Stream.concat(Stream.of(""), SpyglassCommand.SUBCOMMANDS.stream());
  }

  @ParameterizedTest(name = "spyglass {0}")
  @MethodSource("subcommands")
  void buildsEveryCommandWithoutAnnotationsOrReflection(String subcommand) {
    String[] args = subcommand.isEmpty() ? new String[0] : new String[] {subcommand};
    CommandLine cli = Main.commandLine(commands(), args);

    List<CommandSpec> specs = new ArrayList<>();
    specs.add(cli.getCommandSpec());
    cli.getSubcommands().values().forEach(sub -> specs.add(sub.getCommandSpec()));
    assertEquals(
        subcommand.isEmpty() ? 1 + SpyglassCommand.SUBCOMMANDS.size() : 2,
        specs.size(),
        specs.toString());
    for (CommandSpec spec : specs) {
      assertNoPicocliAnnotations(spec.userObject().getClass(), new HashSet<>());
      for (ArgSpec arg : spec.args()) {
        assertBoundBySpyglass(spec, arg, arg.getter());
        assertBoundBySpyglass(spec, arg, arg.setter());
      }
    }
  }

  /** {@code type}, its members, and the option groups its fields hold. */
  private static void assertNoPicocliAnnotations(Class<?> type, Set<Class<?>> seen) {
    if (!seen.add(type)) {
      return;
    }
    assertNone(type, type);
    for (Field field : type.getDeclaredFields()) {
      assertNone(type, field);
      if (field.getType().getPackageName().equals(type.getPackageName())) {
        assertNoPicocliAnnotations(field.getType(), seen);
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      assertNone(type, method);
    }
  }

  private static void assertNone(Class<?> type, AnnotatedElement element) {
    for (Annotation annotation : element.getDeclaredAnnotations()) {
      String name = annotation.annotationType().getName();
      assertFalse(name.startsWith("picocli."), type.getName() + ": " + element + " has @" + name);
    }
  }

  private static void assertBoundBySpyglass(CommandSpec spec, ArgSpec arg, Object binding) {
    assertEquals(
        "dev.spyglass.cli.command",
        binding.getClass().getPackageName(),
        spec.qualifiedName() + " " + arg + " is bound by " + binding.getClass().getName());
  }

  private static Commands commands() {
    PrintStream nowhere =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    PluginPath none = PluginPath.of(List.of(), Map.of(), "");
    return new Commands(
        nowhere, nowhere, InputStream.nullInputStream(), () -> PluginLoader.load(none, nowhere));
  }
}
