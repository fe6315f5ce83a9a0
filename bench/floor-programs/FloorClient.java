import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/** What both floor programs ask with: a plain-HTTP OkHttp client and Spyglass's manifest types. */
final class FloorClient {
  static final String ACCEPT =
      "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json,"
          + " application/vnd.docker.distribution.manifest.v2+json,"
          + " application/vnd.docker.distribution.manifest.list.v2+json";

  private FloorClient() {}

  /** A client for plain HTTP only: no TLS set-up, which the bench registry never needs. */
  static OkHttpClient cleartext() {
    return new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build();
  }
}
