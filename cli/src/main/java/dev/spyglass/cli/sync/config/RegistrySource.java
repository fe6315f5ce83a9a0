package dev.spyglass.cli.sync.config;

import dev.spyglass.api.Credentials;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One registry of the sync file, a top-level key, with what to copy from it and how to reach it.
 *
 * @param registry the key as written ({@code HOST[:PORT]}, checked with {@link
 *     dev.spyglass.api.RegistryNames#parse}); as skopeo does, each image is {@code
 *     docker://REGISTRY/REPOSITORY}, so a key without {@code .} or {@code :} that is not {@code
 *     localhost} names a Docker Hub namespace, as it does for skopeo
 * @param images the entries of {@code images}, {@code images-by-tag-regex} and {@code
 *     images-by-semver}, in file order; empty when the registry lists none (skopeo warns and skips
 *     it)
 * @param credentials {@code credentials}, when a user name, password or identity token is given (an
 *     identity token has an empty user name); its {@code toString} hides the secret
 * @param tlsVerify {@code tls-verify}, when given
 * @param certDir {@code cert-dir}, when given and not empty
 */
public record RegistrySource(
    String registry,
    List<ImageEntry> images,
    Optional<Credentials> credentials,
    Optional<Boolean> tlsVerify,
    Optional<Path> certDir) {

  public RegistrySource {
    Objects.requireNonNull(registry, "registry");
    images = List.copyOf(images);
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(tlsVerify, "tlsVerify");
    Objects.requireNonNull(certDir, "certDir");
  }
}
