package dev.spyglass.transport.layout;

import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Transport;
import java.util.regex.Pattern;

/**
 * The {@code oci:PATH[:REF]} transport: an OCI image layout 1.0 holding any number of images, each
 * named in {@code index.json} by an {@code org.opencontainers.image.ref.name} annotation.
 */
public final class OciTransport implements Transport {
  // The ref.name grammar of the OCI image spec (annotations.md), as containers/image checks it.
  private static final String ALPHANUM = "[A-Za-z0-9]+";
  private static final String SEPARATOR = "(?:[-._:@+]|--)";
  private static final String COMPONENT = ALPHANUM + "(?:" + SEPARATOR + ALPHANUM + ")*";
  private static final Pattern REF_NAME =
      Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");

  public OciTransport() {}

  @Override
  public String name() {
    return "oci";
  }

  /**
   * The image named {@code name} in the layout at {@code layout}, for a path the text form cannot
   * hold (it splits at the first colon, and a path may have one, such as {@code
   * mirror/localhost:5000/app}).
   *
   * @param name the {@code org.opencontainers.image.ref.name}; empty for none
   * @throws InvalidReferenceException when the name breaks the OCI grammar
   */
  public OciReference reference(java.nio.file.Path layout, String name) {
    String text = layout + (name.isEmpty() ? "" : ":" + name);
    if (!name.isEmpty() && !REF_NAME.matcher(name).matches()) {
      throw new InvalidReferenceException(
          text, "image name \"" + name + "\" is not a valid org.opencontainers.image.ref.name");
    }
    return new OciReference(this, text, layout.toString(), name);
  }

  /**
   * Splits {@code PATH[:REF]} at the first colon.
   *
   * @throws InvalidReferenceException when the path is empty or the name breaks the OCI grammar
   */
  @Override
  public OciReference parseReference(String reference) {
    int colon = reference.indexOf(':');
    String path = colon < 0 ? reference : reference.substring(0, colon);
    String name = colon < 0 ? "" : reference.substring(colon + 1);
    if (path.isEmpty()) {
      throw new InvalidReferenceException(reference, "an oci: reference needs a path");
    }
    if (!name.isEmpty() && !REF_NAME.matcher(name).matches()) {
      throw new InvalidReferenceException(
          reference,
          "image name \""
              + name
              + "\" is not a valid org.opencontainers.image.ref.name (letters and digits joined"
              + " by - . _ : @ + -- or /)");
    }
    return new OciReference(this, reference, path, name);
  }
}
