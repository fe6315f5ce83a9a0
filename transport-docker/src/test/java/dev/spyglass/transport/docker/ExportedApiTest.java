package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exported package speaks JDK and {@code api} types only: no OkHttp, Okio, Retrofit, Gson or
 * Kotlin type in a public signature, and no import of them in its sources; the HTTP work lives in
 * {@code internal}.
 */
class ExportedApiTest {
  private static final List<String> FORBIDDEN =
      List.of(
          "okhttp3.", "okio.", "retrofit2.", "com.google.gson.", "kotlin.", "com.google.common.");
  private static final String PACKAGE = DockerTransport.class.getPackageName();

  @Test
  void exportsOnlyThePackageOfTheTransport() {
    Module module = DockerTransport.class.getModule();

    Set<String> exported =
        module.getDescriptor().exports().stream()
            .map(e -> e.source())
            .collect(Collectors.toSet());

    assertEquals(Set.of(PACKAGE), exported);
  }

  @Test
  void publicSignaturesOfTheExportedPackageNameNoHttpJsonOrKotlinType() throws Exception {
    List<Class<?>> types = publicTypesOfTheExportedPackage();
    assertTrue(types.contains(DockerReference.class), "found " + types);

    List<String> leaks = new ArrayList<>();
    for (Class<?> type : types) {
      check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
      for (Type i : type.getGenericInterfaces()) {
        check(type.getName() + " implements", i, leaks);
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        checkExecutable(type, c, leaks);
      }
      for (Method m : type.getDeclaredMethods()) {
        checkExecutable(type, m, leaks);
        if (isVisible(m.getModifiers())) {
          check(type.getName() + "." + m.getName() + " returns", m.getGenericReturnType(), leaks);
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (isVisible(f.getModifiers())) {
          check(type.getName() + "." + f.getName(), f.getGenericType(), leaks);
        }
      }
    }

    assertEquals(List.of(), leaks);
  }

  @Test
  void sourcesOfTheExportedPackageImportNoHttpJsonOrKotlinType() throws IOException {
    Path dir = Path.of("src/main/java", PACKAGE.replace('.', '/'));
    assertTrue(Files.isDirectory(dir), "tests run in the module's folder: " + dir.toAbsolutePath());
    List<String> imports;
    try (Stream<Path> files = Files.list(dir)) {
      imports =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .sorted()
              .flatMap(ExportedApiTest::forbiddenImports)
              .toList();
    }

    assertEquals(List.of(), imports);
  }

  private static Stream<String> forbiddenImports(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .map(String::strip)
          .filter(line -> line.startsWith("import "))
          .filter(line -> FORBIDDEN.stream().anyMatch(p -> line.contains(" " + p)))
          .map(line -> file.getFileName() + ": " + line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Class<?>> publicTypesOfTheExportedPackage() throws Exception {
    Module module = DockerTransport.class.getModule();
    ResolvedModule resolved =
        module.getLayer().configuration().findModule(module.getName()).orElseThrow();
    String prefix = PACKAGE.replace('.', '/') + "/";
    List<Class<?>> types = new ArrayList<>();
    try (ModuleReader reader = resolved.reference().open()) {
      for (String resource : reader.list().toList()) {
        String rest = resource.startsWith(prefix) ? resource.substring(prefix.length()) : "";
        boolean inPackage = rest.indexOf('/') < 0 && !rest.equals("package-info.class");
        if (inPackage && rest.endsWith(".class")) {
          Class<?> type =
              Class.forName(PACKAGE + "." + rest.substring(0, rest.length() - ".class".length()));
          if (isExposed(type)) {
            types.add(type);
          }
        }
      }
    }
    return types;
  }

  private static boolean isExposed(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVisible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void checkExecutable(Class<?> type, Executable e, List<String> leaks) {
    if (!isVisible(e.getModifiers())) {
      return;
    }
    String where = type.getName() + "." + e.getName();
    for (Type p : e.getGenericParameterTypes()) {
      check(where + " takes", p, leaks);
    }
    for (Type x : e.getGenericExceptionTypes()) {
      check(where + " throws", x, leaks);
    }
  }

  private static void check(String where, Type type, List<String> leaks) {
    if (type == null) {
      return;
    }
    if (type instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      String name = c.getName();
      if (FORBIDDEN.stream().anyMatch(name::startsWith)) {
        leaks.add(where + " " + name);
      }
    } else if (type instanceof ParameterizedType p) {
      check(where, p.getRawType(), leaks);
      for (Type a : p.getActualTypeArguments()) {
        check(where, a, leaks);
      }
    } else if (type instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        check(where, b, leaks);
      }
      for (Type b : w.getLowerBounds()) {
        check(where, b, leaks);
      }
    } else if (type instanceof GenericArrayType g) {
      check(where, g.getGenericComponentType(), leaks);
    } else if (type instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        check(where, b, leaks);
      }
    }
  }
}
