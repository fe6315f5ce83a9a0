package dev.spyglass.api;

import java.util.List;

/** Reports an image name whose transport prefix no installed transport provides. */
public final class UnknownTransportException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String name;
  private final List<String> known;

  public UnknownTransportException(String name, List<String> known) {
    super(
        "transport "
            + Quote.of(name)
            + " is not known; known transports: "
            + String.join(", ", known));
    this.name = name;
    this.known = List.copyOf(known);
  }

  public String name() {
    return name;
  }

  public List<String> known() {
    return known;
  }
}
