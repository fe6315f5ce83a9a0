package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.SizeMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * A blob body as it streams from the registry: I/O failures become {@link ImageException}s naming
 * the blob and registry; closing releases the connection.
 */
public final class BlobStream extends FilterInputStream {
  private final String host;
  private final String what;

  private BlobStream(InputStream in, String host, String what) {
    super(in);
    this.host = host;
    this.what = what;
  }

  /**
   * Wraps a successful blob response in a stream that verifies digest and size as it is read.
   *
   * @throws SizeMismatchException when the declared length already contradicts the descriptor
   */
  public static InputStream open(RegistryResponse<ResponseBody> response, Descriptor blob, String host)
      throws ImageException {
    return open(response, blob, host, null, null, System.getLogger("dev.spyglass.transport.docker"));
  }

  /**
   * As {@link #open(Response, Descriptor, String)}; with {@code reopen}, a body that breaks is
   * continued with a {@code Range} request ({@link ResumingBlobStream}) under {@code attempts}.
   *
   * @param reopen asks for the blob from an offset on, or null not to continue broken bodies
   */
  public static InputStream open(
      RegistryResponse<ResponseBody> response,
      Descriptor blob,
      String host,
      ResumingBlobStream.@Nullable Reopen reopen,
      @Nullable Attempts attempts,
      System.Logger log)
      throws ImageException {
    return open(response, 0, null, blob, host, reopen, attempts, log);
  }

  /**
   * As {@link #open(Response, Descriptor, String, ResumingBlobStream.Reopen, Attempts,
   * System.Logger)}, for a response carrying the blob from byte {@code start} on (its first bytes
   * replayed from {@code partial}, to which the network's bytes are appended), or for none at all
   * when {@code partial} holds the whole blob.
   *
   * @param partial the staged file (its first {@code start} bytes are the blob's), or null
   */
  static InputStream open(
      @Nullable RegistryResponse<ResponseBody> response,
      long start,
      PartialBlobs.@Nullable Partial partial,
      Descriptor blob,
      String host,
      ResumingBlobStream.@Nullable Reopen reopen,
      @Nullable Attempts attempts,
      System.Logger log)
      throws ImageException {
    String what = "GET blob \"" + blob.digest() + "\"";
    InputStream network;
    if (response == null) {
      network = InputStream.nullInputStream();
    } else {
      ResponseBody body = response.body();
      if (body == null) {
        throw new ImageException(what + " from \"" + host + "\" returned no body");
      }
      long declared = body.contentLength();
      if (declared >= 0 && blob.size() >= 0 && declared != blob.size() - start) {
        body.close();
        throw new SizeMismatchException(
            "blob \""
                + blob.digest()
                + "\" is "
                + (declared + start)
                + " bytes at \""
                + host
                + "\", expected "
                + blob.size(),
            blob.digest(),
            blob.size(),
            declared + start);
      }
      network =
          reopen == null || attempts == null
              ? body.byteStream()
              : new ResumingBlobStream(
                  body,
                  ResumingBlobStream.isChunked(response),
                  blob.size(),
                  start,
                  reopen,
                  attempts,
                  what,
                  host,
                  log);
    }
    if (partial == null) {
      return new DigestVerifyingInputStream(new BlobStream(network, host, what), blob);
    }
    StagedBlobStream staged = new StagedBlobStream(partial, start, network);
    DigestVerifyingInputStream verifying =
        new DigestVerifyingInputStream(new BlobStream(staged, host, what), blob);
    staged.watch(verifying);
    return verifying;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      throw ConnectionFailures.whileReading(host, what, e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      throw ConnectionFailures.whileReading(host, what, e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (IOException e) {
      throw ConnectionFailures.whileReading(host, what, e);
    }
  }
}
