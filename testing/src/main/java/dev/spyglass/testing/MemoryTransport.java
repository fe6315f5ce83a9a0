package dev.spyglass.testing;

import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Transport;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A transport that keeps images in memory, one {@link MemoryImage} per name: {@code memory:NAME}
 * (or any other transport name given to the constructor). Each name is a separate store, as a
 * repository of a registry is: blobs put through {@code memory:a} are not seen by {@code memory:b}.
 * Thread safe.
 */
public final class MemoryTransport implements Transport {
  private final String name;
  private final Map<String, MemoryImage> images = new TreeMap<>();

  /** A transport named {@code memory}. */
  public MemoryTransport() {
    this("memory");
  }

  public MemoryTransport(String name) {
    if (name.isEmpty() || name.contains(":")) {
      throw new IllegalArgumentException("transport name \"" + name + "\" is empty or has a colon");
    }
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * The reference of {@code image}.
   *
   * @throws InvalidReferenceException when the text is empty
   */
  @Override
  public MemoryReference parseReference(String reference) {
    if (reference.isEmpty()) {
      throw new InvalidReferenceException(reference, "a memory image needs a name");
    }
    return new MemoryReference(this, reference);
  }

  /** The reference of the image named {@code name}; the image itself is made when first used. */
  public MemoryReference reference(String name) {
    return parseReference(name);
  }

  /** The store of the image named {@code name}, made empty when there is none yet. */
  public synchronized MemoryImage image(String name) {
    return images.computeIfAbsent(name, n -> new MemoryImage(reference(n)));
  }

  /** The names of the images made so far, sorted. */
  public synchronized List<String> imageNames() {
    return List.copyOf(images.keySet());
  }

  @Override
  public String toString() {
    return "MemoryTransport[" + name + "]";
  }
}
