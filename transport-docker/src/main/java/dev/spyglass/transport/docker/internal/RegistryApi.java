package dev.spyglass.transport.docker.internal;

import okhttp3.HttpUrl;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.HEAD;
import retrofit2.http.Header;
import retrofit2.http.Headers;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.Streaming;
import retrofit2.http.Tag;
import retrofit2.http.Url;

/**
 * The Registry HTTP API v2 endpoints this transport reads and writes, as a Retrofit interface. Every body is
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

  /**
   * Whether a manifest is there, and its digest ({@code Docker-Content-Digest}) and media type
   * ({@code Content-Type}), without its bytes: 200, or 404.
   */
  @HEAD("v2/{name}/manifests/{reference}")
  Call<Void> manifestHead(
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

  /** The blob from an offset on: {@code range} is {@code bytes=N-}; 206, or 200 when ignored. */
  @Streaming
  @Headers("Accept-Encoding: identity")
  @GET("v2/{name}/blobs/{digest}")
  Call<ResponseBody> blobRange(
      @Path(value = "name", encoded = true) String name,
      @Path(value = "digest", encoded = true) String digest,
      @Header("Range") String range,
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

  /** Whether a blob is in the repository: 200 with its {@code Content-Length}, or 404. */
  @HEAD("v2/{name}/blobs/{digest}")
  Call<Void> blobExists(
      @Path(value = "name", encoded = true) String name,
      @Path(value = "digest", encoded = true) String digest,
      @Tag AuthScope scope);

  /** Opens an upload session: 202 with its {@code Location}. */
  @Streaming
  @POST("v2/{name}/blobs/uploads/")
  Call<ResponseBody> startUpload(
      @Path(value = "name", encoded = true) String name, @Tag AuthScope scope);

  /** Mounts a blob from another repository: 201, or 202 with an upload session instead. */
  @Streaming
  @POST("v2/{name}/blobs/uploads/")
  Call<ResponseBody> mountBlob(
      @Path(value = "name", encoded = true) String name,
      @Query("mount") String digest,
      @Query("from") String from,
      @Tag AuthScope scope);

  /**
   * Appends a chunk to the upload at {@code location}: 202 with the next {@code Location}. No
   * {@code Content-Range} when {@code range} is null (a streamed, chunked body).
   */
  @Streaming
  @PATCH
  Call<ResponseBody> uploadChunk(
      @Url HttpUrl location,
      @Header("Content-Range") @Nullable String range,
      @Body RequestBody chunk,
      @Tag AuthScope scope);

  /** The state of the upload at {@code location}: 204 with {@code Range: 0-LAST} and a new {@code Location}. */
  @Streaming
  @GET
  Call<ResponseBody> uploadStatus(@Url HttpUrl location, @Tag AuthScope scope);

  /** Finishes the upload at {@code location} (which carries {@code digest=}): 201. */
  @Streaming
  @PUT
  Call<ResponseBody> finishUpload(
      @Url HttpUrl location, @Body RequestBody rest, @Tag AuthScope scope);

  /** Cancels the upload at {@code location}: 204. */
  @Streaming
  @DELETE
  Call<ResponseBody> cancelUpload(@Url HttpUrl location, @Tag AuthScope scope);

  /** Stores a manifest under a tag or digest: 201 with {@code Docker-Content-Digest}. */
  @Streaming
  @PUT("v2/{name}/manifests/{reference}")
  Call<ResponseBody> putManifest(
      @Path(value = "name", encoded = true) String name,
      @Path(value = "reference", encoded = true) String reference,
      @Body RequestBody manifest,
      @Tag AuthScope scope);

  /** Deletes the manifest {@code digest} and every tag pointing at it: 202. */
  @Streaming
  @DELETE("v2/{name}/manifests/{digest}")
  Call<ResponseBody> deleteManifest(
      @Path(value = "name", encoded = true) String name,
      @Path(value = "digest", encoded = true) String digest,
      @Tag AuthScope scope);
}
