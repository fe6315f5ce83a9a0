package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Digest;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.SizeMismatchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Content that is not what its descriptor says is invalid content, exit code 7. */
class InvalidContentExitTest {
  private static final byte[] CONFIG =
      "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] LAYER = "the bytes of one layer".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  /** A {@code dir:} image whose layer file holds {@code stored} instead of {@link #LAYER}. */
  private Path dirImage(byte[] stored) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("src"));
    Digest config = Digest.sha256(CONFIG);
    Digest layer = Digest.sha256(LAYER);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaType.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\""
            + MediaType.OCI_CONFIG
            + "\",\"digest\":\""
            + config
            + "\",\"size\":"
            + CONFIG.length
            + "},\"layers\":[{\"mediaType\":\""
            + MediaType.OCI_LAYER_GZIP
            + "\",\"digest\":\""
            + layer
            + "\",\"size\":"
            + LAYER.length
            + "}]}";
    Files.writeString(dir.resolve("version"), "Directory Transport Version: 1.1\n");
    Files.writeString(dir.resolve("manifest.json"), manifest);
    Files.write(dir.resolve(config.hex()), CONFIG);
    Files.write(dir.resolve(layer.hex()), stored);
    return dir;
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 1, 100})
  void copyingABlobLongerOrShorterThanItsDescriptorExitsWithInvalidContent(int delta)
      throws IOException {
    Path source = dirImage(Arrays.copyOf(LAYER, LAYER.length + delta));

    CliRun run =
        CliRun.of("copy", "-q", "dir:" + source, "dir:" + tmp.resolve("dst"))
            .assertFailure(ExitCode.INVALID_CONTENT);

    assertTrue(run.err().contains("blob \"" + Digest.sha256(LAYER) + "\""), run.err());
    assertTrue(run.err().contains(String.valueOf(LAYER.length)), run.err());
  }
}
