package dev.spyglass.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The transports in use, by name, and the splitter of {@code transport:reference} text. Built from
 * {@link ServiceLoader} by {@link #installed()} or from instances by {@link #of(List)}. Immutable
 * and thread safe.
 */
public final class Transports {
  private final Map<String, Transport> byName;

  private Transports(List<Transport> transports) {
    Map<String, Transport> map = new TreeMap<>();
    for (Transport transport : transports) {
      Transport previous = map.putIfAbsent(transport.name(), transport);
      if (previous != null) {
        throw new IllegalStateException(
            "transport \""
                + transport.name()
                + "\" is provided by both "
                + previous.getClass().getName()
                + " and "
                + transport.getClass().getName());
      }
    }
    this.byName = map;
  }

  /** The transports found by {@link ServiceLoader}. */
  public static Transports installed() {
    List<Transport> found = new ArrayList<>();
    ServiceLoader.load(Transport.class).forEach(found::add);
    return new Transports(found);
  }

  /**
   * The given transports.
   *
   * @throws IllegalStateException when two share a name, naming both classes
   */
  public static Transports of(List<Transport> transports) {
    return new Transports(transports);
  }

  /** Transport names, sorted. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  public Optional<Transport> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * Parses {@code transport:reference}, e.g. {@code docker://busybox:latest}.
   *
   * @throws InvalidReferenceException when there is no transport prefix or the rest is invalid
   * @throws UnknownTransportException when no transport has that name
   */
  public ImageReference parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new InvalidReferenceException(
          text, "expected TRANSPORT:NAME, e.g. docker://registry.example/app:1.0");
    }
    String name = text.substring(0, colon);
    Transport transport = byName.get(name);
    if (transport == null) {
      throw new UnknownTransportException(name, names());
    }
    return transport.parseReference(text.substring(colon + 1));
  }
}
