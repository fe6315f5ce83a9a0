import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The requests of a re-sync and nothing else, on Spyglass's stack (the JVM and OkHttp): the tag
 * list of SOURCE, then per tag a {@code HEAD} of its manifest at SOURCE and at DESTINATION (the
 * same registry), 8 tags at once, and one line per tag on stderr. No options, no reference
 * parsing, no digest validation, no governor. bench/floor times it against Spyglass and skopeo.
 *
 * <p>Usage: ReSyncFloor HOST:PORT SOURCE-REPOSITORY DESTINATION-REPOSITORY
 */
public final class ReSyncFloor {
  public static void main(String[] args) throws Exception {
    String base = "http://" + args[0] + "/v2/";
    String source = args[1];
    String destination = args[2];
    OkHttpClient client = FloorClient.cleartext();
    String list;
    try (Response r = client.newCall(get(base + source + "/tags/list")).execute()) {
      list = r.body().string();
    }
    List<String> tags = new ArrayList<>();
    for (String tag : list.substring(list.indexOf('[') + 1, list.indexOf(']')).split(",")) {
      tags.add(tag.replace("\"", ""));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Boolean>> same = new ArrayList<>();
    for (String tag : tags) {
      same.add(
          pool.submit(
              () -> {
                String held = digest(client, base + source + "/manifests/" + tag);
                String mirrored = digest(client, base + destination + "/manifests/" + tag);
                boolean equal = Objects.equals(held, mirrored);
                System.err.println(tag + (equal ? ": skipped" : ": differs"));
                return equal;
              }));
    }
    int unchanged = 0;
    for (Future<Boolean> f : same) {
      unchanged += f.get() ? 1 : 0;
    }
    System.out.println(unchanged + " of " + tags.size() + " unchanged");
    System.exit(unchanged == tags.size() ? 0 : 1);
  }

  private static Request get(String url) {
    return new Request.Builder().url(url).build();
  }

  private static String digest(OkHttpClient client, String url) throws Exception {
    Request head =
        new Request.Builder().url(url).head().header("Accept", FloorClient.ACCEPT).build();
    try (Response r = client.newCall(head).execute()) {
      return r.header("Docker-Content-Digest");
    }
  }
}
