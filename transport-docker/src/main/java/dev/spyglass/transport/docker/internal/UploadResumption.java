package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.ResponseBody;

/**
 * Finds the upload of a blob that an earlier process started and recorded in the staging area
 * (see {@link PartialBlobs#claimUpload}), when the registry still holds it, for {@link
 * BlobUploader} to continue. Thread safe.
 */
final class UploadResumption {
  /** An upload an earlier process started that the registry still holds, with its size. */
  record Resumed(HttpUrl location, long stored) {}

  private final RegistryClient client;
  private final AuthScope scope;
  private final System.Logger log;
  private final BlobUploader uploader;

  UploadResumption(
      RegistryClient client, AuthScope scope, System.Logger log, BlobUploader uploader) {
    this.client = client;
    this.scope = scope;
    this.log = log;
    this.uploader = uploader;
  }

  /**
   * The upload of {@code blob} an earlier process recorded, when the registry still holds it
   * ({@code GET} of its URL: {@code Range: 0-LAST}); else the record is dropped. Distribution
   * drops an upload cut in the middle of a {@code PATCH} (404 {@code BLOB_UPLOAD_INVALID}).
   */
  Optional<Resumed> resumable(
      RequestSubject subject, Descriptor blob, PartialBlobs.UploadRecord record) {
    String recorded = record.location().orElse(null);
    HttpUrl at = recorded == null ? null : HttpUrl.parse(recorded);
    if (at == null) {
      return Optional.empty();
    }
    RegistryResponse<ResponseBody> response;
    try {
      response =
          client.execute(
              subject.withMethod("GET"), scope, true, api -> api.uploadStatus(at, scope));
    } catch (ImageException e) {
      log.log(
          Level.DEBUG,
          () ->
              subject.describe()
                  + ": the upload an earlier run left is gone ("
                  + e.getMessage()
                  + "); starting a new one");
      return Optional.empty();
    }
    String range = response.headers().get("Range");
    HttpUrl next = BlobUploader.location(response);
    long stored = -1;
    if (range != null && range.strip().matches("0-[0-9]{1,18}")) {
      long last = Long.parseLong(range.strip().substring(2));
      stored = last == 0 ? 0 : last + 1;
    }
    if (stored <= 0 || stored > blob.size()) { // 0-0 is 0 or 1 byte: start afresh
      if (next != null) {
        uploader.cancel(subject, next);
      }
      return Optional.empty();
    }
    long held = stored;
    log.log(
        Level.DEBUG,
        () ->
            subject.describe()
                + ": continuing the upload an earlier run left, from byte "
                + held);
    return Optional.of(new Resumed(next != null ? next : at, stored));
  }
}
