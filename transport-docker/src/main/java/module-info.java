/**
 * The {@code docker://} transport: Docker Registry HTTP API v2 over OkHttp.
 *
 * <p>OkHttp, Okio and Gson are used inside this module only; none of their types appears
 * in an exported signature.
 */
module dev.spyglass.transport.docker {
  requires transitive dev.spyglass.api;
  requires dev.spyglass.auth;
  requires com.google.gson;
  requires okhttp3;
  requires okio;
  requires kotlin.stdlib;
  requires static jdk.unsupported; // O_DIRECT for staged blob bytes, when present

  exports dev.spyglass.transport.docker;

  opens dev.spyglass.transport.docker.internal.json to
      com.google.gson;

  provides dev.spyglass.api.Transport with
      dev.spyglass.transport.docker.DockerTransport;
}
