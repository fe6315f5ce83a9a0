package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Uploads blobs to one repository: {@code POST /v2/NAME/blobs/uploads/}, then one {@code PUT
 * ?digest=} carrying the whole blob (known size up to one chunk), or one {@code PATCH} streaming the
 * whole blob (larger known size, as skopeo does), or {@code PATCH}es of one chunk each (unknown
 * size), the last two followed by a {@code PUT ?digest=} without a body. Every request after the first goes
 * to the newest {@code Location} the registry sent (resolved against the URL of the response that
 * carried it), since distribution's {@code _state} changes on every step. At most one chunk is in
 * memory. The digest and size are checked before the upload is finished (for a streamed {@code
 * PUT} or {@code PATCH}, before its last bytes are sent); a failed upload is cancelled with {@code DELETE}.
 * Thread safe: each call has its own session ({@link UploadSession}); an upload an earlier process
 * recorded is continued when the registry still holds it ({@link UploadResumption}).
 *
 * <p>{@link #stop} (the destination closed mid-upload, as when the JVM is stopping) ends each
 * streamed {@code PATCH} at the bytes sent so far, waits a little for the registry's answer, and
 * leaves the upload open and recorded for a later process; nothing is finished nor cancelled.
 */
public final class BlobUploader {
  /** The chunk size, and the largest blob sent in one {@code PUT}: 8 MiB. */
  public static final int CHUNK_BYTES = 8 * 1024 * 1024;

  /**
   * The bytes a streamed upload keeps of what it last sent, to go on from the registry's offset
   * after a broken {@code PATCH}: 4 MiB, more than loopback socket buffers usually hold in flight,
   * and small enough for six parallel uploads under a 64 MiB heap.
   */
  static final int RETAINED_BYTES = 4 * 1024 * 1024;

  /**
   * How long {@link #stop} waits for the registry to answer the {@code PATCH}es it ended: 3 s, a
   * pause a Ctrl-C can bear, well inside the grace of {@code docker stop} (10 s) and Kubernetes
   * (30 s).
   */
  public static final Duration STOP_WAIT = Duration.ofSeconds(3);

  private final RegistryClient client;
  private final String repository;
  private final AuthScope scope;
  private final int chunkBytes;
  private final System.Logger log;
  private final PartialBlobs staging;
  private final UploadResumption resumption;
  private final UploadStops stops = new UploadStops();

  /** @param chunkBytes the chunk size and monolithic limit ({@link #CHUNK_BYTES} outside tests) */
  public BlobUploader(RegistryClient client, String repository, int chunkBytes, System.Logger log) {
    this(client, repository, chunkBytes, log, PartialBlobs.none());
  }

  /**
   * @param staging where the newest URL of a streamed upload is recorded, so that a later process
   *     can continue the upload while the registry holds it
   */
  public BlobUploader(
      RegistryClient client,
      String repository,
      int chunkBytes,
      System.Logger log,
      PartialBlobs staging) {
    this.staging = staging;
    if (chunkBytes <= 0) {
      throw new IllegalArgumentException("chunk size " + chunkBytes + " is not positive");
    }
    this.client = client;
    this.repository = repository;
    this.scope = AuthScope.push(repository);
    this.chunkBytes = chunkBytes;
    this.log = log;
    this.resumption = new UploadResumption(client, scope, log, this);
  }

  /** Reads {@code content} to its end and stores it as {@code blob}; does not close it. */
  public void upload(Descriptor blob, InputStream content) throws ImageException {
    RequestSubject subject =
        new RequestSubject(
            client.registry(),
            repository,
            Endpoint.BLOB_UPLOAD,
            client.registry() + "/" + repository + "@" + blob.digest(),
            "POST");
    if (stops.stopped()) {
      throw UploadStops.stoppedBefore(blob);
    }
    boolean streamed = blob.size() > chunkBytes;
    PartialBlobs.UploadRecord record =
        streamed
            ? staging.claimUpload(client.registry(), repository, blob.digest()).orElse(null)
            : null;
    boolean done = false;
    try {
      upload(subject, blob, content, streamed, record);
      done = true;
    } finally {
      if (record != null) {
        if (done || !stops.stopped()) {
          record.delete(); // finished or cancelled: no session is left to continue
        } else {
          record.close(); // stopped: kept, for a later run to continue the session
        }
      }
    }
  }

  /**
   * Ends the streamed uploads under way at the bytes sent so far, refuses new ones, and waits up
   * to {@code wait} until the registry has answered each ended {@code PATCH} and its new upload URL
   * is recorded; the uploads are then left open (neither finished nor cancelled), for a later
   * process to continue. True when every answer came in time (at once when no upload was under way).
   * Any thread; blocks on the network at most {@code wait}.
   */
  public boolean stop(Duration wait) {
    return stops.stop(wait);
  }

  private void upload(
      RequestSubject subject,
      Descriptor blob,
      InputStream content,
      boolean streamed,
      PartialBlobs.@Nullable UploadRecord record)
      throws ImageException {
    Optional<UploadResumption.Resumed> resumed =
        record == null ? Optional.empty() : resumption.resumable(subject, blob, record);
    HttpUrl location;
    if (resumed.isPresent()) {
      location = resumed.get().location();
    } else {
      RegistryResponse<ResponseBody> started =
          client.execute(subject, scope, true, api -> api.startUpload(repository, scope));
      location = required(started, subject);
    }
    UploadSession session =
        new UploadSession(client, repository, scope, chunkBytes, log, subject, location, stops);
    if (record != null) {
      session.recording(record);
    }
    boolean done = false;
    try {
      RegistryResponse<ResponseBody> finished =
          blob.size() < 0
              ? session.chunked(blob, content)
              : !streamed
                  ? session.monolithic(blob, content)
                  : session.streamed(
                      blob, content, resumed.map(UploadResumption.Resumed::stored).orElse(0L));
      checkStored(finished, subject, blob.digest());
      done = true;
    } finally {
      if (!done && !stops.stopped()) {
        cancel(subject, session.location());
      }
    }
  }

  /**
   * Cancels the upload session at {@code location}, quietly: a session left open only costs the
   * registry some space until it purges it.
   */
  public void cancel(RequestSubject subject, HttpUrl location) {
    try {
      close(client.execute(
          subject.withMethod("DELETE"), scope, api -> api.cancelUpload(location, scope)));
    } catch (ImageException e) {
      log.log(Level.DEBUG, () -> "cancelling " + subject.describe() + " failed: " + e.getMessage());
    }
  }

  /** The upload a response started or continued, resolved against the URL it answered. */
  public static HttpUrl required(RegistryResponse<?> response, RequestSubject subject)
      throws ImageException {
    HttpUrl location = location(response);
    if (location == null) {
      throw new ImageException(
          subject.describe()
              + " failed: registry \""
              + subject.registry()
              + "\" answered HTTP "
              + response.code()
              + " without a usable Location header");
    }
    return location;
  }

  /**
   * The {@code Location} of {@code response}, resolved against the URL it answered; closes the
   * response.
   */
  static @Nullable HttpUrl location(RegistryResponse<?> response) {
    String header = response.headers().get("Location");
    close(response);
    return header == null ? null : response.raw().request().url().resolve(header.strip());
  }

  /** Refuses an upload the registry says it stored under another digest. */
  private static void checkStored(
      RegistryResponse<ResponseBody> response, RequestSubject subject, Digest expected)
      throws DigestMismatchException {
    String header = response.headers().get("Docker-Content-Digest");
    close(response);
    if (header != null && Digest.isValid(header.strip())) {
      Digest stored = Digest.parse(header.strip());
      if (!stored.equals(expected)) {
        throw new DigestMismatchException(
            "blob uploaded to \"" + subject.repositoryName() + "\" (per the registry)",
            expected,
            stored);
      }
    }
  }

  private static void close(RegistryResponse<?> response) {
    if (response.body() instanceof ResponseBody body) {
      body.close();
    }
  }

}
