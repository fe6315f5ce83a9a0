package dev.spyglass.it;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.spyglass.api.Digest;
import dev.spyglass.api.MediaType;
import dev.spyglass.it.TestImages.Blob;
import dev.spyglass.it.TestImages.Format;
import dev.spyglass.it.TestImages.ImageFacts;
import dev.spyglass.it.TestImages.PushedImage;
import dev.spyglass.manifest.schema1.Schema1Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds and pushes a signed Docker schema1 image: two file layers under a newest "throwaway" entry
 * (the empty gzip layer Docker records for instructions such as {@code CMD}), a valid id/parent
 * chain, and the image config in the newest {@code v1Compatibility}. The payload names repository
 * and tag, so one manifest is signed and pushed per tag, each with its own digest.
 */
final class Schema1Images {
  private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();

  private Schema1Images() {}

  static PushedImage push(RegistryPusher pusher, String repository, List<String> tags)
      throws IOException, InterruptedException {
    ImageFacts facts =
        new ImageFacts(
            "2022-06-07T08:09:10.0123Z",
            "Spyglass IT schema1",
            "1.13.1",
            "amd64",
            "",
            "linux",
            TestImages.labels("schema1"),
            List.of("PATH=/usr/local/bin:/usr/bin:/bin", "SCHEMA=1"));
    List<Blob> layers =
        List.of(
            new Blob(
                MediaType.DOCKER_LAYER_GZIP,
                TestImages.gzip(TestImages.tar("opt/spyglass/schema1-base.txt", "schema1 base\n"))),
            new Blob(
                MediaType.DOCKER_LAYER_GZIP,
                TestImages.gzip(TestImages.tar("opt/spyglass/schema1-app.txt", "schema1 app\n"))),
            new Blob(MediaType.DOCKER_LAYER_GZIP, TestImages.EMPTY_GZIP_LAYER));
    for (Blob layer : layers) {
      pusher.pushBlob(repository, layer.bytes());
    }
    Map<String, byte[]> manifests = new LinkedHashMap<>();
    Map<String, Digest> digests = new LinkedHashMap<>();
    for (String tag : tags) {
      byte[] signed = sign(unsigned(repository, tag, layers, facts));
      manifests.put(tag, signed);
      digests.put(
          tag, pusher.pushManifest(repository, tag, signed, MediaType.DOCKER_SCHEMA1_SIGNED));
    }
    return new PushedImage(
        Format.SCHEMA1,
        repository,
        MediaType.DOCKER_SCHEMA1_SIGNED,
        tags,
        manifests,
        digests,
        Optional.empty(),
        layers,
        facts);
  }

  /** The unsigned manifest: fsLayers and history newest first. */
  static byte[] unsigned(String repository, String tag, List<Blob> layers, ImageFacts facts) {
    String[] created = {"2022-06-07T08:09:08Z", "2022-06-07T08:09:09.5Z", facts.created()};
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      ids.add(TestImages.layerId("schema1-layer-" + i));
    }
    JsonArray fsLayers = new JsonArray();
    JsonArray history = new JsonArray();
    for (int i = layers.size() - 1; i >= 0; i--) {
      JsonObject fsLayer = new JsonObject();
      fsLayer.addProperty("blobSum", layers.get(i).digest().toString());
      fsLayers.add(fsLayer);
      JsonObject v1 = new JsonObject();
      v1.addProperty("id", ids.get(i));
      if (i > 0) {
        v1.addProperty("parent", ids.get(i - 1));
      }
      v1.addProperty("created", created[i]);
      JsonObject containerConfig = new JsonObject();
      JsonArray cmd = new JsonArray();
      cmd.add("/bin/sh");
      cmd.add("-c");
      cmd.add(i == layers.size() - 1 ? "#(nop) CMD [\"/bin/sh\"]" : "#(nop) ADD file " + i);
      containerConfig.add("Cmd", cmd);
      v1.add("container_config", containerConfig);
      if (i == layers.size() - 1) {
        v1.addProperty("author", facts.author());
        v1.addProperty("docker_version", facts.dockerVersion());
        v1.addProperty("architecture", facts.architecture());
        v1.addProperty("os", facts.os());
        v1.add("config", TestImages.runConfigJson(facts));
        v1.addProperty("throwaway", true);
      }
      JsonObject entry = new JsonObject();
      entry.addProperty("v1Compatibility", COMPACT.toJson(v1));
      history.add(entry);
    }
    JsonObject manifest = new JsonObject();
    manifest.addProperty("schemaVersion", 1);
    manifest.addProperty("name", repository);
    manifest.addProperty("tag", tag);
    manifest.addProperty("architecture", facts.architecture());
    manifest.add("fsLayers", fsLayers);
    manifest.add("history", history);
    return TestImages.GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sign(byte[] unsigned) {
    return Schema1Signer.sign(unsigned);
  }
}
