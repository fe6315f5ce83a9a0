package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.SizeMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.ResponseBody;
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
    return new DigestVerifyingInputStream(new BlobStream(body.byteStream(), host, what), blob);
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
