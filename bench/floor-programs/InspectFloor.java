import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The requests of a many-image {@code inspect} and nothing else, on Spyglass's stack (the JVM and
 * OkHttp): per repository its manifest of TAG, the config blob that manifest names and the tag
 * list, 8 repositories at once, the three bodies printed. No options, no reference parsing, no
 * digest check, no JSON parsing or printing. bench/floor times it against Spyglass and skopeo.
 *
 * <p>Usage: InspectFloor HOST:PORT TAG REPOSITORY...
 */
public final class InspectFloor {
  public static void main(String[] args) throws Exception {
    String base = "http://" + args[0] + "/v2/";
    String tag = args[1];
    OkHttpClient client = FloorClient.cleartext();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> bodies = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String repository = base + args[i];
      bodies.add(
          pool.submit(
              () -> {
                String manifest =
                    body(client, repository + "/manifests/" + tag, FloorClient.ACCEPT);
                int config = manifest.indexOf("sha256:");
                String blob = manifest.substring(config, config + 71);
                return manifest
                    + body(client, repository + "/blobs/" + blob, "*/*")
                    + body(client, repository + "/tags/list", "*/*");
              }));
    }
    StringBuilder out = new StringBuilder();
    for (Future<String> f : bodies) {
      out.append(f.get()).append('\n');
    }
    System.out.print(out);
    System.out.flush();
    System.exit(0);
  }

  private static String body(OkHttpClient client, String url, String accept) throws Exception {
    Request get = new Request.Builder().url(url).header("Accept", accept).build();
    try (Response r = client.newCall(get).execute()) {
      if (!r.isSuccessful()) {
        throw new IllegalStateException(url + ": " + r.code());
      }
      return r.body().string();
    }
  }
}
