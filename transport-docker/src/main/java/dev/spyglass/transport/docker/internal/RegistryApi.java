package dev.spyglass.transport.docker.internal;

import okhttp3.HttpUrl;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.Headers;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.Streaming;
import retrofit2.http.Tag;
import retrofit2.http.Url;

/**
 * The Registry HTTP API v2 endpoints this transport reads, as a Retrofit interface. Every body is
 * streamed ({@link Streaming}): callers bound what they read. Names, tags and digests are validated
 * before they get here, so they go into paths as they are.
 */
public interface RegistryApi {

  @Streaming
  @GET("v2/{name}/manifests/{reference}")
  Call<ResponseBody> manifest(
      @Path(value = "name", encoded = true) String name,
      @Path(value = "reference", encoded = true) String reference,
      @Header("Accept") @Nullable String accept,
      @Tag AuthScope scope);

  /** Asks for the bytes as stored: no transparent decompression may change what is hashed. */
  @Streaming
  @Headers("Accept-Encoding: identity")
  @GET("v2/{name}/blobs/{digest}")
  Call<ResponseBody> blob(
      @Path(value = "name", encoded = true) String name,
      @Path(value = "digest", encoded = true) String digest,
      @Tag AuthScope scope);

  @Streaming
  @GET("v2/{name}/tags/list")
  Call<ResponseBody> tags(
      @Path(value = "name", encoded = true) String name, @Query("n") int n, @Tag AuthScope scope);

  /** The API version check: 200 when the client may use the registry, else a 401 challenge. */
  @Streaming
  @GET("v2/")
  Call<ResponseBody> apiRoot(@Tag AuthScope scope);

  /** A page named by a {@code Link} header. */
  @Streaming
  @GET
  Call<ResponseBody> page(@Url HttpUrl url, @Tag AuthScope scope);
}
