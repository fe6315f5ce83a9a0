package dev.spyglass.it;

import dev.spyglass.api.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small images in skopeo's {@code dir:} format, written by hand for tests that need no registry. */
final class DirImages {
  private DirImages() {}

  /** Writes into {@code dir} (created) a one-layer schema2 image in skopeo's dir: format. */
  static Path oneLayer(Path dir) throws IOException {
    Files.createDirectories(dir);
    byte[] layer = "not really a tarball".getBytes(StandardCharsets.US_ASCII);
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.US_ASCII);
    Files.write(dir.resolve(Digest.sha256(layer).hex()), layer);
    Files.write(dir.resolve(Digest.sha256(config).hex()), config);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":"
            + config.length
            + ",\"digest\":\""
            + Digest.sha256(config)
            + "\"},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
            + "\"size\":"
            + layer.length
            + ",\"digest\":\""
            + Digest.sha256(layer)
            + "\"}]}";
    Files.writeString(dir.resolve("manifest.json"), manifest);
    Files.writeString(dir.resolve("version"), "Directory Transport Version: 1.1\n");
    return dir;
  }
}
