package dev.spyglass.image;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageSource;
import java.util.List;

/** Gathers manifest, config and tags of an image into an {@link ImageInspection}. */
public final class Inspector {
  private final ImageResolver resolver;

  public Inspector(ImageResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * Inspects the image {@code source} names.
   *
   * @param withTags whether to list the repository's tags (skopeo's {@code --no-tags} is false)
   */
  public ImageInspection inspect(ImageSource source, boolean withTags) throws ImageException {
    ResolvedImage image = resolver.resolve(source);
    return new ImageInspection(
        source.reference().dockerName().orElse(""),
        image.manifest().tag().orElse(""),
        image.digest(),
        withTags ? source.tags() : List.of(),
        image.manifest().decodeConfig(image.configBlob()),
        image.manifest().layers());
  }
}
