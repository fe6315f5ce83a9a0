package dev.spyglass.testing;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import java.util.Optional;

/**
 * Names one {@link MemoryImage} of a {@link MemoryTransport}. Opening it makes the image's store
 * when missing; the image's settings decide what opening does ({@link MemoryImage#failOpen}).
 */
public final class MemoryReference implements dev.spyglass.api.ImageReference {
  private final MemoryTransport transport;
  private final String name;

  MemoryReference(MemoryTransport transport, String name) {
    this.transport = transport;
    this.name = name;
  }

  @Override
  public MemoryTransport transport() {
    return transport;
  }

  @Override
  public String stringWithinTransport() {
    return name;
  }

  /** The name given with {@link MemoryImage#dockerName(String)}, if any. */
  @Override
  public Optional<String> dockerName() {
    return image().dockerName();
  }

  /** The image this reference names, in its transport. */
  public MemoryImage image() {
    return transport.image(name);
  }

  /** A source over the image; {@link MemoryImage#manifest()} is read on each call. */
  @Override
  public MemoryImageSource newImageSource(ImageOptions options) throws ImageException {
    MemoryImage image = image();
    image.opening("source");
    return new MemoryImageSource(this, image, options);
  }

  @Override
  public MemoryImageDestination newImageDestination(ImageOptions options) throws ImageException {
    MemoryImage image = image();
    image.opening("destination");
    return new MemoryImageDestination(this, image, options);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemoryReference other
        && other.transport == transport
        && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
