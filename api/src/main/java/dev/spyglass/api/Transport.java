package dev.spyglass.api;

/**
 * Service-provider interface of a transport: one way of naming and reaching images, such as {@code
 * docker} (a registry) or {@code dir} (a local directory).
 *
 * <p>Providers are {@code public final} classes with a public no-arg constructor, declared with
 * {@code provides dev.spyglass.api.Transport with ...} in their {@code module-info.java} and in
 * {@code META-INF/services/dev.spyglass.api.Transport}. They are stateless and thread safe.
 */
public interface Transport {

  /** The name before the first colon of a full reference, e.g. {@code "docker"}. */
  String name();

  /**
   * Parses the text after {@code name() + ":"}, e.g. {@code "//registry.example/app:1.0"}.
   *
   * @throws InvalidReferenceException when the text is not a valid reference; the message quotes it
   */
  ImageReference parseReference(String reference);
}
