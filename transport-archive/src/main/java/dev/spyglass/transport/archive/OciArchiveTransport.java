package dev.spyglass.transport.archive;

import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Transport;
import dev.spyglass.transport.layout.OciReference;
import dev.spyglass.transport.layout.OciTransport;

/**
 * The {@code oci-archive:PATH[:REF]} transport: a tar of an OCI image layout. {@code REF} is the
 * {@code org.opencontainers.image.ref.name} of an entry of the layout's {@code index.json} (or its
 * {@code io.containerd.image.name}, as {@code docker save} writes it); without it, the layout's
 * only entry is read, or, when every entry declares a platform, the index itself as a list. The
 * syntax is the {@code oci:} transport's.
 */
public final class OciArchiveTransport implements Transport {
  private static final OciTransport LAYOUT = new OciTransport();

  public OciArchiveTransport() {}

  @Override
  public String name() {
    return "oci-archive";
  }

  /**
   * Splits {@code PATH[:REF]} at the first colon and checks {@code REF} as {@code oci:} does.
   *
   * @throws InvalidReferenceException when the path is empty or the name breaks the OCI grammar
   */
  @Override
  public OciArchiveReference parseReference(String reference) {
    OciReference layout;
    try {
      layout = LAYOUT.parseReference(reference);
    } catch (InvalidReferenceException e) {
      throw new InvalidReferenceException(
          reference,
          e.getMessage()
              .substring(e.getMessage().indexOf(": ") + 2)
              .replace("oci:", "oci-archive:"));
    }
    return new OciArchiveReference(this, reference, layout);
  }
}
