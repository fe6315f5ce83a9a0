package dev.spyglass.cli;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ManifestFormats;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The flags that say how to reach one image's registry, with skopeo's names. */
final class ImageOptionsMixin {

  @Option(
      names = "--tls-verify",
      arity = "0..1",
      defaultValue = "true",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "Verify TLS certificates (default true); false also allows plain HTTP.")
  boolean tlsVerify = true;

  @Option(names = "--cert-dir", paramLabel = "DIR", description = "Extra CA certificates (*.crt) and client keys.")
  @Nullable Path certDir;

  @Option(names = "--creds", paramLabel = "USER[:PASSWORD]", description = "Credentials for the registry.")
  @Nullable String creds;

  @Option(names = "--authfile", paramLabel = "FILE", description = "Auth file to read credentials from.")
  @Nullable Path authFile;

  ImageOptions toOptions(ManifestFormats formats) {
    ImageOptions.Builder b = ImageOptions.builder().tlsVerify(tlsVerify).formats(formats);
    if (certDir != null) {
      b.certDir(certDir);
    }
    if (authFile != null) {
      b.authFile(authFile);
    }
    if (creds != null) {
      b.credentials(parseCreds(creds));
    }
    return b.build();
  }

  static Credentials parseCreds(String text) {
    int colon = text.indexOf(':');
    if (colon == 0 || text.isEmpty()) {
      throw new UsageException("--creds needs a user name before the colon");
    }
    return colon < 0
        ? new Credentials(text, "")
        : new Credentials(text.substring(0, colon), text.substring(colon + 1));
  }
}
