package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.Quote;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * One upload session of {@link BlobUploader}: the newest {@code Location} (recorded for a later
 * process when asked), the requests that send the blob (one {@code PUT}, one streamed {@code
 * PATCH}, or {@code PATCH}es of one chunk each, then the {@code PUT ?digest=}), and the recovery of
 * a broken request from the offset the registry holds. Once the uploader is stopped ({@link
 * UploadStops}), a streamed {@code PATCH} ends at the bytes sent so far, its answer's {@code
 * Location} is recorded, and no request follows. Used by one thread.
 */
final class UploadSession {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

  private final RegistryClient client;
  private final String repository;
  private final AuthScope scope;
  private final int chunkBytes;
  private final System.Logger log;
  private final RequestSubject subject;
  private final UploadStops stops;
  private HttpUrl location;
  private PartialBlobs.@Nullable UploadRecord recorded;

  UploadSession(
      RegistryClient client,
      String repository,
      AuthScope scope,
      int chunkBytes,
      System.Logger log,
      RequestSubject subject,
      HttpUrl location,
      UploadStops stops) {
    this.client = client;
    this.repository = repository;
    this.scope = scope;
    this.chunkBytes = chunkBytes;
    this.log = log;
    this.subject = subject;
    this.location = location;
    this.stops = stops;
  }

  /** The newest {@code Location} of the upload. */
  HttpUrl location() {
    return location;
  }

  /** Records the newest {@code Location} from now on, for a later process. */
  void recording(PartialBlobs.UploadRecord record) {
    recorded = record;
    moved(location);
  }

  private void moved(HttpUrl next) {
    location = next;
    PartialBlobs.UploadRecord record = recorded;
    if (record != null) {
      record.record(next.toString());
    }
  }

  /**
   * One {@code PUT ?digest=} carrying the whole blob. When it breaks in a way that may pass, the
   * upload goes on as a streamed one from the offset the registry holds (a {@code PATCH}, then a
   * {@code PUT} without a body), when the retained bytes reach back that far.
   */
  RegistryResponse<ResponseBody> monolithic(Descriptor blob, InputStream content)
      throws ImageException {
    UploadBody body = new UploadBody(content, blob, BlobUploader.RETAINED_BYTES);
    HttpUrl put = withDigest(blob.digest());
    Attempts attempts = client.attempts();
    try {
      return client.execute(
          subject.withMethod("PUT"), scope, api -> api.finishUpload(put, body, scope));
    } catch (ImageException e) {
      ImageException failure = ownFailure(body, e);
      if (failure != e
          || body.failure() != null
          || stops.stopped()
          || !RetryPolicy.isRetryable(e)
          || !attempts.another(subject.withMethod("PUT").describe(), e.getMessage(), Optional.empty())) {
        throw failure;
      }
      long stored = resumePoint(body, 0, e);
      RequestBody rest = continuation(body, stored, e);
      return patchFrom(blob, body, stored, rest, attempts);
    }
  }

  /**
   * One {@code PATCH} streaming the whole blob (as skopeo sends it, chunked and without {@code
   * Content-Range}, so that a stop can end it early), then the {@code PUT ?digest=}: nothing is
   * held but two small buffers and the last {@link BlobUploader#RETAINED_BYTES} sent, and reading,
   * hashing and sending overlap. When the {@code PATCH} breaks in a way that may pass, the registry
   * is asked how much it holds ({@code GET} of the upload: {@code Range: 0-LAST}), and a new {@code
   * PATCH} goes on from there when the retained bytes reach back that far.
   */
  RegistryResponse<ResponseBody> streamed(Descriptor blob, InputStream content, long stored)
      throws ImageException {
    UploadBody body = UploadBody.chunked(content, blob, BlobUploader.RETAINED_BYTES);
    if (stored == 0) {
      return patchFrom(blob, body, 0, body, client.attempts());
    }
    try {
      body.skip(stored); // hashed, not sent: the registry holds them
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "reading blob \"" + blob.digest() + "\" to upload it failed: " + e.getMessage(), e);
    }
    RequestBody rest =
        body.continueFrom(stored)
            .orElseThrow(() -> new IllegalStateException("skipped bytes are not at hand"));
    return patchFrom(blob, body, stored, rest, client.attempts());
  }

  /**
   * {@code PATCH}es {@code first} (the blob from {@code from} on), going on from the registry's
   * offset each time one breaks in a way that may pass, then finishes the upload. A chunked {@code
   * body} is registered with the stops while it is sent, and the newest {@code Location} recorded
   * before it is let go; a stopped upload sends nothing more.
   */
  private RegistryResponse<ResponseBody> patchFrom(
      Descriptor blob, UploadBody body, long from, RequestBody first, Attempts attempts)
      throws ImageException {
    RequestSubject patch = subject.withMethod("PATCH");
    RequestBody current = first;
    while (from < blob.size()) { // nothing to send when the registry holds it all already
      // A Content-Range goes with a Content-Length only: a chunked body may end early.
      String range = body.isChunked() ? null : from + "-" + (blob.size() - 1);
      HttpUrl at = location;
      RequestBody sending = current;
      if (body.isChunked() && !stops.sending(body)) {
        throw UploadStops.stoppedAfter(blob, from);
      }
      try {
        HttpUrl next =
            BlobUploader.location(
                client.execute(
                    patch, scope, false, api -> api.uploadChunk(at, range, sending, scope)));
        if (next != null) {
          moved(next);
        }
      } catch (ImageException e) {
        ImageException failure = ownFailure(body, e);
        if (failure != e
            || body.failure() != null
            || stops.stopped()
            || !RetryPolicy.isRetryable(e)
            || !attempts.another(patch.describe(), e.getMessage(), Optional.empty())) {
          throw failure;
        }
        long stored = resumePoint(body, from, e);
        if (stored - from >= ResumingBlobStream.PROGRESS_BYTES) {
          attempts.progressed();
        }
        current = continuation(body, stored, e);
        from = stored;
        continue;
      } finally {
        stops.answered(body);
      }
      break;
    }
    if (stops.stopped()) {
      throw UploadStops.stoppedAfter(blob, body.stopped() ? body.sent() : blob.size());
    }
    return finish(blob);
  }

  /**
   * Where an upload goes on after a broken request: the offset the registry holds, or 0 in a new
   * upload session when the registry dropped the upload and every byte sent is still at hand.
   * (Distribution cancels an upload whose stored size no longer matches the offset in its {@code
   * _state}, which is what a request broken mid-body leaves: it answers 404 {@code
   * BLOB_UPLOAD_INVALID}.)
   */
  private long resumePoint(UploadBody body, long low, ImageException cause)
      throws ImageException {
    try {
      return storedOffset(low, body.sent(), cause);
    } catch (NotFoundException gone) {
      if (body.continueFrom(0).isEmpty()) {
        cause.addSuppressed(gone);
        throw cause;
      }
      log.log(
          Level.DEBUG,
          () ->
              subject.describe()
                  + ": the registry dropped the upload after the broken request; starting it"
                  + " again in a new session");
      RegistryResponse<ResponseBody> started =
          client.execute(
              subject.withMethod("POST"), scope, true, api -> api.startUpload(repository, scope));
      moved(BlobUploader.required(started, subject));
      return 0;
    }
  }

  /** The blob from {@code stored} on, or {@code cause} when those bytes are no longer at hand. */
  private RequestBody continuation(UploadBody body, long stored, ImageException cause)
      throws ImageException {
    Optional<RequestBody> rest = body.continueFrom(stored);
    if (rest.isEmpty()) {
      cause.addSuppressed(
          new ImageException(
              "the registry holds "
                  + stored
                  + " bytes, and the bytes from there on are no longer at hand ("
                  + body.sent()
                  + " were sent, the last "
                  + BlobUploader.RETAINED_BYTES
                  + " are kept)"));
      throw cause;
    }
    return rest.get();
  }

  /** The {@code PUT ?digest=} without a body that finishes the upload; repeated on 429 and 5xx. */
  private RegistryResponse<ResponseBody> finish(Descriptor blob) throws ImageException {
    HttpUrl put = withDigest(blob.digest());
    return client.execute(
        subject.withMethod("PUT"), scope, true, api -> api.finishUpload(put, EMPTY, scope));
  }

  /** {@code PATCH}es of {@code chunkBytes}, then the {@code PUT ?digest=} once the end verified. */
  RegistryResponse<ResponseBody> chunked(Descriptor blob, InputStream content) throws ImageException {
    // Reading the end of the stream checks size and digest: the PUT follows only when they match.
    InputStream verified = DigestVerifyingInputStream.of(content, blob);
    byte[] chunk = new byte[chunkBytes];
    long offset = 0;
    RequestSubject patch = subject.withMethod("PATCH");
    while (true) {
      if (stops.stopped()) {
        throw UploadStops.stoppedAfter(blob, offset);
      }
      int n = fill(chunk, verified, blob);
      if (n == 0) {
        break;
      }
      sendChunk(patch, chunk, offset, n);
      offset += n;
      if (n < chunk.length) {
        break;
      }
    }
    return finish(blob);
  }

  /**
   * Sends {@code chunk[0, n)} as the bytes from {@code offset} on. When the {@code PATCH} fails
   * in a way that may pass, asks the registry how much of the upload it holds ({@code GET} of the
   * upload's URL: {@code Range: 0-LAST}) and sends the rest of the chunk from there.
   */
  private void sendChunk(RequestSubject patch, byte[] chunk, long offset, int n)
      throws ImageException {
    Attempts attempts = client.attempts();
    long stored = offset;
    while (true) {
      int from = (int) (stored - offset);
      if (from == n) {
        return; // the registry holds the whole chunk: only its answer was lost
      }
      RequestBody body = oneShot(RequestBody.create(chunk, OCTET_STREAM, from, n - from));
      String range = stored + "-" + (offset + n - 1);
      HttpUrl at = location;
      RegistryResponse<ResponseBody> response;
      try {
        response = client.execute(patch, scope, false, api -> api.uploadChunk(at, range, body, scope));
      } catch (ImageException e) {
        if (stops.stopped()
            || !RetryPolicy.isRetryable(e)
            || !attempts.another(patch.describe(), e.getMessage(), Optional.empty())) {
          throw e;
        }
        stored = storedOffset(offset, offset + n, e);
        continue;
      }
      HttpUrl next = BlobUploader.location(response);
      if (next != null) {
        moved(next);
      }
      return;
    }
  }

  /**
   * How many bytes the upload holds, as the registry says ({@code Range: 0-LAST}), which must lie
   * between {@code low} and {@code high}; the newest {@code Location} is kept. Distribution
   * reports {@code 0-0} for an empty upload: read as 0 bytes when {@code low} is 0 (a wrong guess
   * of 0 for 1 stored byte fails the digest check at the end, never stores a wrong blob).
   */
  private long storedOffset(long low, long high, ImageException cause) throws ImageException {
    RequestSubject status = subject.withMethod("GET");
    HttpUrl at = location;
    RegistryResponse<ResponseBody> response;
    try {
      response = client.execute(status, scope, true, api -> api.uploadStatus(at, scope));
    } catch (ImageException e) {
      e.addSuppressed(cause);
      throw e;
    }
    String range = response.headers().get("Range");
    HttpUrl next = BlobUploader.location(response);
    if (next != null) {
      moved(next);
    }
    long stored = -1;
    if (range != null && range.strip().matches("0-[0-9]{1,18}")) {
      long last = Long.parseLong(range.strip().substring(2));
      stored = last == 0 && low == 0 ? 0 : last + 1;
    }
    if (stored < low || stored > high) {
      ImageException e =
          new ImageException(
              subject.describe()
                  + " failed: after a broken PATCH, registry \""
                  + subject.registry()
                  + "\" reported "
                  + (range == null
                      ? "no Range"
                      : "Range " + Quote.of(range))
                  + " for the upload, expected 0-N with N + 1 between "
                  + low
                  + " and "
                  + high);
      e.addSuppressed(cause);
      throw e;
    }
    long at2 = stored;
    log.log(
        Level.DEBUG,
        () -> subject.describe() + ": the registry holds " + at2 + " bytes; continuing from there");
    return stored;
  }

  private HttpUrl withDigest(Digest digest) {
    return location.newBuilder().addQueryParameter("digest", digest.toString()).build();
  }

  /**
   * {@code body}, marked one-shot so that OkHttp never sends it again by itself (a repeated {@code
   * PATCH} appends twice); sending a chunk again is this session's decision, after asking the
   * registry what it holds.
   */
  private static RequestBody oneShot(RequestBody body) {
    return new RequestBody() {
      @Override
      public @Nullable MediaType contentType() {
        return body.contentType();
      }

      @Override
      public long contentLength() throws IOException {
        return body.contentLength();
      }

      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(okio.BufferedSink sink) throws IOException {
        body.writeTo(sink);
      }
    };
  }

  /** What reading or checking the caller's stream threw, rather than the failed call it caused. */
  private static ImageException ownFailure(UploadBody body, ImageException e) {
    IOException failure = body.failure();
    if (failure instanceof ImageException own && failure != e) {
      own.addSuppressed(e);
      return own;
    }
    return e;
  }

  /** Reads until {@code chunk} is full or the stream ends; returns the count. */
  private static int fill(byte[] chunk, InputStream content, Descriptor blob)
      throws ImageException {
    int filled = 0;
    try {
      while (filled < chunk.length) {
        int n = content.read(chunk, filled, chunk.length - filled);
        if (n < 0) {
          break;
        }
        filled += n;
      }
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "reading blob \"" + blob.digest() + "\" to upload it failed: " + e.getMessage(), e);
    }
    return filled;
  }
}
