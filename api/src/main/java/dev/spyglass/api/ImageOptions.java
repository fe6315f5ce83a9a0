package dev.spyglass.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Settings for opening an image, the same for every transport (each uses what applies to it): TLS
 * verification, a certificate directory, explicit credentials, an auth file, the manifest formats
 * to parse and digest with, and extra tags for archive destinations. Immutable; build with {@link
 * #builder()}.
 */
public final class ImageOptions {
  private final boolean tlsVerify;
  private final @Nullable Path certDir;
  private final @Nullable Credentials credentials;
  private final @Nullable Path authFile;
  private final ManifestFormats formats;
  private final List<String> additionalTags;
  private final @Nullable Duration maxRetryWait;

  private ImageOptions(Builder b) {
    this.tlsVerify = b.tlsVerify;
    this.certDir = b.certDir;
    this.credentials = b.credentials;
    this.authFile = b.authFile;
    this.formats = b.formats == null ? ManifestFormats.installed() : b.formats;
    this.additionalTags = b.additionalTags;
    this.maxRetryWait = b.maxRetryWait;
  }

  /** Defaults: TLS verified, no explicit credentials, the installed manifest formats. */
  public static ImageOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether TLS certificates are verified; when false, plain HTTP is allowed too. */
  public boolean tlsVerify() {
    return tlsVerify;
  }

  /** A directory of extra CA certificates ({@code *.crt}) and client key pairs. */
  public Optional<Path> certDir() {
    return Optional.ofNullable(certDir);
  }

  /** Credentials given explicitly (flags), which win over every file. */
  public Optional<Credentials> credentials() {
    return Optional.ofNullable(credentials);
  }

  /** An auth file to read credentials from instead of the default locations. */
  public Optional<Path> authFile() {
    return Optional.ofNullable(authFile);
  }

  public ManifestFormats formats() {
    return formats;
  }

  /**
   * Extra {@code NAME:TAG} names a destination that records names (a {@code docker-archive:})
   * gives the image besides the one its reference names, as skopeo's {@code --additional-tag}.
   * Other transports ignore them. Empty by default.
   */
  public List<String> additionalTags() {
    return additionalTags;
  }

  /**
   * The longest a transport waits at once before sending a request again, also when the server's
   * {@code Retry-After} asks for longer; empty: the transport's default (60 s for {@code
   * docker://}).
   */
  public Optional<Duration> maxRetryWait() {
    return Optional.ofNullable(maxRetryWait);
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.tlsVerify = tlsVerify;
    b.certDir = certDir;
    b.credentials = credentials;
    b.authFile = authFile;
    b.formats = formats;
    b.additionalTags = additionalTags;
    b.maxRetryWait = maxRetryWait;
    return b;
  }

  /** Builds {@link ImageOptions}; not thread safe. */
  public static final class Builder {
    private boolean tlsVerify = true;
    private @Nullable Path certDir;
    private @Nullable Credentials credentials;
    private @Nullable Path authFile;
    private @Nullable ManifestFormats formats;
    private List<String> additionalTags = List.of();
    private @Nullable Duration maxRetryWait;

    private Builder() {}

    public Builder tlsVerify(boolean verify) {
      this.tlsVerify = verify;
      return this;
    }

    public Builder certDir(Path dir) {
      this.certDir = Objects.requireNonNull(dir);
      return this;
    }

    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials);
      return this;
    }

    public Builder authFile(Path file) {
      this.authFile = Objects.requireNonNull(file);
      return this;
    }

    public Builder formats(ManifestFormats formats) {
      this.formats = Objects.requireNonNull(formats);
      return this;
    }

    public Builder additionalTags(List<String> tags) {
      this.additionalTags = List.copyOf(tags);
      return this;
    }

    /** See {@link ImageOptions#maxRetryWait()}; must not be negative. */
    public Builder maxRetryWait(Duration wait) {
      if (wait.isNegative()) {
        throw new IllegalArgumentException("the longest retry wait must not be negative, not " + wait);
      }
      this.maxRetryWait = wait;
      return this;
    }

    public ImageOptions build() {
      return new ImageOptions(this);
    }
  }
}
