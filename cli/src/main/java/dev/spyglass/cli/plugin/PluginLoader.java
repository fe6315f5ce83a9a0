package dev.spyglass.cli.plugin;

import dev.spyglass.api.ManifestFormat;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Transport;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.plugin.Providers.Kind;
import dev.spyglass.cli.plugin.Providers.Provided;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads the built-in transports and manifest formats ({@link ServiceLoader}, as {@link
 * Transports#installed()} does) and those of the jars of a {@link PluginPath}.
 *
 * <p>A modular jar (one with a {@code module-info.class}) becomes a module of a layer of its own
 * over the CLI's layer, resolved against the modular jars of the whole plug-in path, so that a
 * plug-in may ship the modules it needs as further jars; its {@code provides} are used. A plain jar
 * gets a class loader of its own and its {@code META-INF/services} are used. When the CLI itself
 * runs on the class path (no module layer to build on), a modular jar is loaded as a plain one,
 * with the providers its module declares.
 *
 * <p>A jar that cannot be read, whose module cannot be resolved, whose provider fails, or that
 * offers a transport name or media type already taken (built in, or by an earlier jar) is skipped
 * as a whole, with one line on {@code err} naming it. Two built-in providers of one name still fail
 * fast, as {@link Transports#of} does.
 */
public final class PluginLoader {
  private final PrintStream err;

  private PluginLoader(PrintStream err) {
    this.err = err;
  }

  /** Loads the built-in providers and those of {@code path}, reporting skipped jars on {@code err}. */
  public static Providers load(PluginPath path, PrintStream err) {
    return new PluginLoader(err).load(path);
  }

  private Providers load(PluginPath path) {
    List<Transport> transports = new ArrayList<>();
    builtIn(Transport.class).forEach(transports::add);
    List<ManifestFormat> formats = new ArrayList<>();
    builtIn(ManifestFormat.class).forEach(formats::add);
    // Fail fast on two built-ins of one name, before any plug-in is looked at.
    Transports.of(transports);
    ManifestFormats.of(formats);

    Map<String, Optional<Path>> transportOrigin = new TreeMap<>();
    transports.forEach(t -> transportOrigin.put(t.name(), Optional.empty()));
    Map<String, Optional<Path>> formatOrigin = new TreeMap<>();
    formats.forEach(f -> f.mediaTypes().forEach(t -> formatOrigin.put(MediaType.normalize(t), Optional.empty())));

    List<Path> jars = jars(path);
    if (!jars.isEmpty()) {
      Map<Path, ModuleDescriptor> modular = new LinkedHashMap<>();
      List<Path> plain = new ArrayList<>();
      Set<String> moduleNames = new LinkedHashSet<>();
      Map<String, Path> moduleJar = new LinkedHashMap<>();
      for (Path jar : jars) {
        Optional<ModuleDescriptor> descriptor = describe(jar);
        if (descriptor.isEmpty()) {
          continue;
        }
        if (descriptor.get().isAutomatic()) {
          plain.add(jar);
        } else if (!moduleNames.add(descriptor.get().name())) {
          skip(jar, "its module \"" + descriptor.get().name() + "\" is also in \""
              + moduleJar.get(descriptor.get().name()) + "\"");
        } else {
          moduleJar.put(descriptor.get().name(), jar);
          modular.put(jar, descriptor.get());
        }
      }
      for (Path jar : jars) {
        Optional<Loaded> loaded;
        if (modular.containsKey(jar)) {
          ModuleDescriptor descriptor = modular.get(jar);
          if (!providesAny(descriptor)) {
            continue; // a module other plug-ins need, not a plug-in itself
          }
          loaded = Transport.class.getModule().isNamed()
              ? loadModule(jar, descriptor, List.copyOf(modular.keySet()))
              : loadModuleOnClassPath(jar, descriptor);
        } else if (plain.contains(jar)) {
          loaded = loadPlain(jar);
        } else {
          continue;
        }
        if (loaded.isEmpty() || !admit(jar, loaded.get(), transportOrigin, formatOrigin)) {
          continue;
        }
        transports.addAll(loaded.get().transports());
        formats.addAll(loaded.get().formats());
      }
    }

    List<Provided> provided = new ArrayList<>();
    transportOrigin.forEach((name, jar) -> provided.add(new Provided(name, Kind.TRANSPORT, jar)));
    formatOrigin.forEach((type, jar) -> provided.add(new Provided(type, Kind.FORMAT, jar)));
    provided.sort(PluginLoader::byKindThenName);
    return new Providers(Transports.of(transports), ManifestFormats.of(formats), provided);
  }

  /**
   * The providers of {@code service} the CLI ships. On the module path, only its modules' {@code
   * provides}: {@link ServiceLoader#load(Class)} would also open and parse every jar's {@code
   * META-INF/services} (ours declare their providers both ways), only to drop what it finds there,
   * about 3 ms of every start.
   */
  private static <S> ServiceLoader<S> builtIn(Class<S> service) {
    ModuleLayer layer = PluginLoader.class.getModule().getLayer();
    return layer != null ? ServiceLoader.load(layer, service) : ServiceLoader.load(service);
  }

  /** Not {@code Comparator.comparing}: the JDK links its lambdas at run time, on every start. */
  private static int byKindThenName(Provided a, Provided b) {
    int byKind = a.kind().compareTo(b.kind());
    return byKind != 0 ? byKind : a.name().compareTo(b.name());
  }

  /** The providers one jar offered, each already constructed. */
  private record Loaded(List<Transport> transports, List<ManifestFormat> formats) {}

  /** The {@code *.jar} files of each directory, in directory order, then by file name. */
  private List<Path> jars(PluginPath path) {
    Set<Path> seen = new LinkedHashSet<>();
    for (Path directory : path.directories()) {
      if (!Files.isDirectory(directory)) {
        if (!path.implicit().contains(directory)) {
          err.println(
              "spyglass: warning: plug-in directory \"" + directory + "\" is not a directory");
        }
        continue;
      }
      List<Path> here = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.jar")) {
        for (Path jar : stream) {
          if (Files.isRegularFile(jar)) {
            here.add(jar.toAbsolutePath().normalize());
          }
        }
      } catch (IOException e) {
        err.println(
            "spyglass: warning: plug-in directory \"" + directory + "\" cannot be read: " + e);
        continue;
      }
      here.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
      seen.addAll(here);
    }
    return List.copyOf(seen);
  }

  /** The jar's module (automatic for a plain jar); empty, reported, when it cannot be read. */
  private Optional<ModuleDescriptor> describe(Path jar) {
    try {
      Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
      if (found.size() != 1) {
        skip(jar, "it holds no module");
        return Optional.empty();
      }
      return Optional.of(found.iterator().next().descriptor());
    } catch (FindException e) {
      skip(jar, "it cannot be read: " + rootReason(e));
      return Optional.empty();
    }
  }

  private static boolean providesAny(ModuleDescriptor descriptor) {
    return descriptor.provides().stream()
        .anyMatch(
            p ->
                p.service().equals(Transport.class.getName())
                    || p.service().equals(ManifestFormat.class.getName()));
  }

  /** A module layer of its own over the CLI's, resolved against every modular plug-in jar. */
  private Optional<Loaded> loadModule(Path jar, ModuleDescriptor descriptor, List<Path> modularJars) {
    ModuleLayer parent = Optional.ofNullable(PluginLoader.class.getModule().getLayer())
        .orElse(ModuleLayer.boot());
    ModuleLayer layer;
    try {
      Configuration configuration =
          parent
              .configuration()
              .resolve(
                  ModuleFinder.of(modularJars.toArray(Path[]::new)),
                  ModuleFinder.of(),
                  Set.of(descriptor.name()));
      layer =
          parent.defineModulesWithOneLoader(configuration, PluginLoader.class.getClassLoader());
    } catch (FindException | ResolutionException | LayerInstantiationException e) {
      skip(jar, "its module \"" + descriptor.name() + "\" cannot be loaded: " + rootReason(e));
      return Optional.empty();
    }
    try {
      List<Transport> transports =
          ServiceLoader.load(layer, Transport.class).stream()
              .filter(p -> p.type().getModule().getLayer() == layer)
              .map(ServiceLoader.Provider::get)
              .toList();
      List<ManifestFormat> formats =
          ServiceLoader.load(layer, ManifestFormat.class).stream()
              .filter(p -> p.type().getModule().getLayer() == layer)
              .map(ServiceLoader.Provider::get)
              .toList();
      return Optional.of(new Loaded(transports, formats));
    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
      skip(jar, "a provider failed: " + rootReason(e));
      return Optional.empty();
    }
  }

  /** The providers a module declares, loaded from its jar as from a plain one. */
  private Optional<Loaded> loadModuleOnClassPath(Path jar, ModuleDescriptor descriptor) {
    Optional<URLClassLoader> loader = loader(jar);
    if (loader.isEmpty()) {
      return Optional.empty();
    }
    List<Transport> transports = new ArrayList<>();
    List<ManifestFormat> formats = new ArrayList<>();
    try {
      for (ModuleDescriptor.Provides provides : descriptor.provides()) {
        for (String name : provides.providers()) {
          if (provides.service().equals(Transport.class.getName())) {
            transports.add(construct(loader.get(), name, Transport.class));
          } else if (provides.service().equals(ManifestFormat.class.getName())) {
            formats.add(construct(loader.get(), name, ManifestFormat.class));
          }
        }
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      skip(jar, "a provider failed: " + rootReason(e));
      return Optional.empty();
    }
    return Optional.of(new Loaded(transports, formats));
  }

  private static <T> T construct(ClassLoader loader, String name, Class<T> service)
      throws ReflectiveOperationException {
    try {
      return Class.forName(name, true, loader)
          .asSubclass(service)
          .getConstructor()
          .newInstance();
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** A class loader of its own and its {@code META-INF/services}. */
  private Optional<Loaded> loadPlain(Path jar) {
    Optional<URLClassLoader> found = loader(jar);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    URLClassLoader loader = found.get();
    try {
      List<Transport> transports =
          ServiceLoader.load(Transport.class, loader).stream()
              .filter(p -> p.type().getClassLoader() == loader)
              .map(ServiceLoader.Provider::get)
              .toList();
      List<ManifestFormat> formats =
          ServiceLoader.load(ManifestFormat.class, loader).stream()
              .filter(p -> p.type().getClassLoader() == loader)
              .map(ServiceLoader.Provider::get)
              .toList();
      if (transports.isEmpty() && formats.isEmpty()) {
        skip(
            jar,
            "it provides no transport or manifest format (no META-INF/services/"
                + Transport.class.getName()
                + " or "
                + ManifestFormat.class.getName()
                + ")");
        return Optional.empty();
      }
      return Optional.of(new Loaded(transports, formats));
    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
      skip(jar, "a provider failed: " + rootReason(e));
      return Optional.empty();
    }
  }

  private Optional<URLClassLoader> loader(Path jar) {
    try {
      URL url = jar.toUri().toURL();
      // Kept open for the life of the JVM: the plug-in's classes load lazily.
      return Optional.of(
          new URLClassLoader(
              "plugin:" + jar.getFileName(), new URL[] {url}, PluginLoader.class.getClassLoader()));
    } catch (MalformedURLException e) {
      skip(jar, "it cannot be read: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Takes the jar's names when none is taken yet (built in, by an earlier jar, or twice in this
   * jar); otherwise reports it and takes none.
   */
  private boolean admit(
      Path jar,
      Loaded loaded,
      Map<String, Optional<Path>> transportOrigin,
      Map<String, Optional<Path>> formatOrigin) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> types = new LinkedHashSet<>();
    try {
      for (Transport transport : loaded.transports()) {
        String name = transport.name();
        if (transportOrigin.containsKey(name) || !names.add(name)) {
          skip(jar, "transport \"" + name + "\" " + takenBy(transportOrigin.get(name), jar));
          return false;
        }
      }
      for (ManifestFormat format : loaded.formats()) {
        for (String type : format.mediaTypes()) {
          String normalized = MediaType.normalize(type);
          if (formatOrigin.containsKey(normalized) || !types.add(normalized)) {
            skip(jar, "media type \"" + normalized + "\" " + takenBy(formatOrigin.get(normalized), jar));
            return false;
          }
        }
      }
    } catch (RuntimeException | LinkageError e) {
      skip(jar, "a provider failed: " + rootReason(e));
      return false;
    }
    names.forEach(name -> transportOrigin.put(name, Optional.of(jar)));
    types.forEach(type -> formatOrigin.put(type, Optional.of(jar)));
    return true;
  }

  @SuppressWarnings("OptionalUsedAsFieldOrParameterType")
  private static String takenBy(Optional<Path> origin, Path jar) {
    if (origin == null) {
      return "is provided twice by this jar";
    }
    return origin.isEmpty()
        ? "is built in"
        : "is already provided by plug-in \"" + origin.get() + "\"";
  }

  private void skip(Path jar, String reason) {
    err.println("spyglass: warning: plug-in \"" + jar + "\" skipped: " + reason);
  }

  /** The failure's message and its innermost cause's, on one line. */
  private static String rootReason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = describe(e);
    if (root != e) {
      text += " (" + describe(root) + ")";
    }
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : (e instanceof Error || e instanceof RuntimeException)
                && !(e instanceof ServiceConfigurationError)
                && !(e instanceof FindException)
                && !(e instanceof ResolutionException)
                && !(e instanceof LayerInstantiationException)
            ? e.getClass().getSimpleName() + ": " + message
            : message;
  }
}
