package dev.spyglass.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks that a module's API names none of the libraries it uses inside: for every public type of
 * every package the module exports to everyone, its supertypes, type parameters, and the
 * signatures of its public and protected fields, constructors, methods and record components
 * (generic arguments, bounds and declared exceptions included) must not mention a type whose name
 * starts with one of the forbidden prefixes. The module must be a named module on the test's
 * module path (surefire runs tests so when the module has a {@code module-info}).
 */
public final class ExportedSignatures {
  /** OkHttp (and Okio), Retrofit, Gson and Guava: what the style guide keeps out of our API. */
  public static final List<String> HTTP_AND_JSON_LIBRARIES =
      List.of("okhttp3.", "okio.", "retrofit2.", "com.google.gson.", "com.google.common.");

  private ExportedSignatures() {}

  /** Fails naming every member of {@code module}'s API that mentions {@link #HTTP_AND_JSON_LIBRARIES}. */
  public static void assertFree(Module module) {
    assertFree(module, HTTP_AND_JSON_LIBRARIES);
  }

  /** As {@link #assertFree(Module)}, for the module of that name in the boot layer. */
  public static void assertFree(String moduleName) {
    Module module =
        ModuleLayer.boot()
            .findModule(moduleName)
            .orElseGet(
                () ->
                    fail(
                        "module \""
                            + moduleName
                            + "\" is not on the module path; modules there: "
                            + new TreeSet<>(
                                ModuleLayer.boot().modules().stream().map(Module::getName).toList())));
    assertFree(module, HTTP_AND_JSON_LIBRARIES);
  }

  /**
   * Fails naming every member of {@code module}'s API whose signature mentions a type whose name
   * starts with one of {@code forbiddenPrefixes} (e.g. {@code "okhttp3."}).
   */
  public static void assertFree(Module module, List<String> forbiddenPrefixes) {
    List<String> found = violations(module, forbiddenPrefixes);
    if (!found.isEmpty()) {
      fail(
          "the API of module \""
              + module.getName()
              + "\" names types of "
              + forbiddenPrefixes
              + ":\n  "
              + String.join("\n  ", found));
    }
  }

  /**
   * The members of {@code module}'s API that mention a forbidden type, one line each: {@code
   * "TYPE.member(...) mentions okhttp3.HttpUrl"}. Empty when there are none.
   */
  public static List<String> violations(Module module, List<String> forbiddenPrefixes) {
    if (!module.isNamed()) {
      return fail(
          "the code to check is in the unnamed module (on the class path): run the test on the"
              + " module path");
    }
    List<Class<?>> types = apiTypes(module);
    if (types.isEmpty()) {
      return fail(
          "module \"" + module.getName() + "\" exports no public type: there was nothing to check");
    }
    List<String> found = new ArrayList<>();
    for (Class<?> type : types) {
      String owner = type.getName();
      check(found, owner, "supertype", type.getGenericSuperclass(), forbiddenPrefixes);
      for (Type t : type.getGenericInterfaces()) {
        check(found, owner, "supertype", t, forbiddenPrefixes);
      }
      for (TypeVariable<?> v : type.getTypeParameters()) {
        check(found, owner, "type parameter " + v.getName(), v, forbiddenPrefixes);
      }
      if (type.isRecord()) {
        for (RecordComponent c : type.getRecordComponents()) {
          check(found, owner, "component " + c.getName(), c.getGenericType(), forbiddenPrefixes);
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f)) {
          check(found, owner, "field " + f.getName(), f.getGenericType(), forbiddenPrefixes);
        }
      }
      List<Executable> executables = new ArrayList<>();
      executables.addAll(List.of(type.getDeclaredConstructors()));
      executables.addAll(List.of(type.getDeclaredMethods()));
      for (Executable e : executables) {
        if (!visible(e) || (e instanceof Method m && (m.isSynthetic() || m.isBridge()))) {
          continue;
        }
        String name = describe(e);
        if (e instanceof Method m) {
          check(found, owner, name, m.getGenericReturnType(), forbiddenPrefixes);
        }
        for (Type t : e.getGenericParameterTypes()) {
          check(found, owner, name, t, forbiddenPrefixes);
        }
        for (Type t : e.getGenericExceptionTypes()) {
          check(found, owner, name, t, forbiddenPrefixes);
        }
        for (TypeVariable<?> v : e.getTypeParameters()) {
          check(found, owner, name, v, forbiddenPrefixes);
        }
      }
    }
    return found;
  }

  /** The public types of the packages {@code module} exports to everyone, nested ones included. */
  static List<Class<?>> apiTypes(Module module) {
    ModuleDescriptor descriptor = module.getDescriptor();
    Set<String> exported = new HashSet<>();
    for (ModuleDescriptor.Exports e : descriptor.exports()) {
      if (!e.isQualified()) {
        exported.add(e.source());
      }
    }
    ResolvedModule resolved =
        module
            .getLayer()
            .configuration()
            .findModule(module.getName())
            .orElseThrow(() -> new IllegalStateException("module " + module.getName() + " is not resolved"));
    List<String> classNames;
    try (ModuleReader reader = resolved.reference().open();
        Stream<String> entries = reader.list()) {
      classNames =
          entries
              .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
              .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
              .filter(n -> n.lastIndexOf('.') > 0 && exported.contains(n.substring(0, n.lastIndexOf('.'))))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing the classes of module " + module.getName() + " failed", e);
    }
    List<Class<?>> types = new ArrayList<>();
    for (String name : classNames) {
      Class<?> type = Class.forName(module, name);
      if (type != null && isApi(type)) {
        types.add(type);
      }
    }
    return types;
  }

  /** Public, and every enclosing type public too (a public member of a private class is not API). */
  private static boolean isApi(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(Member member) {
    int m = member.getModifiers();
    boolean protectedInOpenClass =
        Modifier.isProtected(m) && !Modifier.isFinal(member.getDeclaringClass().getModifiers());
    return (Modifier.isPublic(m) || protectedInOpenClass) && !member.isSynthetic();
  }

  private static String describe(Executable e) {
    StringBuilder s = new StringBuilder(e instanceof Constructor<?> ? "<init>" : e.getName());
    s.append('(');
    Class<?>[] parameters = e.getParameterTypes();
    for (int i = 0; i < parameters.length; i++) {
      s.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
    }
    return s.append(')').toString();
  }

  private static void check(
      List<String> found, String owner, String member, Type type, List<String> forbidden) {
    Set<String> names = new TreeSet<>();
    collect(type, names, new HashSet<>());
    for (String name : names) {
      for (String prefix : forbidden) {
        if (name.startsWith(prefix)) {
          found.add(owner + " " + member + " mentions " + name);
        }
      }
    }
  }

  private static void collect(Type type, Set<String> names, Set<Type> seen) {
    if (type == null || !seen.add(type)) {
      return;
    }
    if (type instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      names.add(c.getName());
    } else if (type instanceof ParameterizedType p) {
      collect(p.getRawType(), names, seen);
      collect(p.getOwnerType(), names, seen);
      for (Type a : p.getActualTypeArguments()) {
        collect(a, names, seen);
      }
    } else if (type instanceof GenericArrayType a) {
      collect(a.getGenericComponentType(), names, seen);
    } else if (type instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        collect(b, names, seen);
      }
      for (Type b : w.getLowerBounds()) {
        collect(b, names, seen);
      }
    } else if (type instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        collect(b, names, seen);
      }
    }
  }
}
