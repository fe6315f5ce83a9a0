package dev.spyglass.image;

import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.Transport;

/** A reference of the tests' in-memory sources and destinations; it opens nothing itself. */
record MemoryReference(String name) implements ImageReference {
  @Override
  public Transport transport() {
    return new Transport() {
      @Override
      public String name() {
        return "memory";
      }

      @Override
      public ImageReference parseReference(String reference) {
        return new MemoryReference(reference);
      }
    };
  }

  @Override
  public String stringWithinTransport() {
    return name;
  }

  @Override
  public ImageSource newImageSource(ImageOptions options) {
    throw new UnsupportedOperationException();
  }
}
