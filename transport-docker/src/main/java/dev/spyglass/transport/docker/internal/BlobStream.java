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
import retrofit2.Response;

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
  public static InputStream open(Response<ResponseBody> response, Descriptor blob, String host)
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
      Response<ResponseBody> response,
      Descriptor blob,
      String host,
      ResumingBlobStream.@Nullable Reopen reopen,
      @Nullable Attempts attempts,
      System.Logger log)
      throws ImageException {
    ResponseBody body = response.body();
    String what = "GET blob \"" + blob.digest() + "\"";
    if (body == null) {
      throw new ImageException(what + " from \"" + host + "\" returned no body");
    }
    long declared = body.contentLength();
    if (declared >= 0 && blob.size() >= 0 && declared != blob.size()) {
      body.close();
      throw new SizeMismatchException(
          "blob \""
              + blob.digest()
              + "\" is "
              + declared
              + " bytes at \""
              + host
              + "\", expected "
              + blob.size(),
          blob.digest(),
          blob.size(),
          declared);
    }
    InputStream bytes =
        reopen == null || attempts == null
            ? body.byteStream()
            : new ResumingBlobStream(
                body,
                ResumingBlobStream.isChunked(response),
                blob.size(),
                reopen,
                attempts,
                what,
                host,
                log);
    return new DigestVerifyingInputStream(new BlobStream(bytes, host, what), blob);
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
