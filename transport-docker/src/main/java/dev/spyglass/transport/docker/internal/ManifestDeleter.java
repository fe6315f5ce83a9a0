package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Digest;
import dev.spyglass.api.DockerName;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.UnexpectedStatusException;
import dev.spyglass.transport.docker.DeletesDisabledException;
import java.util.Optional;
import okhttp3.ResponseBody;

/**
 * Deletes an image's manifest as {@code skopeo delete} does: a name by tag is first resolved to
 * its manifest digest (a {@code GET} with every media type of the formats in {@code Accept},
 * bounded and checked against {@code Docker-Content-Digest}), then {@code DELETE
 * /v2/NAME/manifests/DIGEST}, with the scope {@code repository:NAME:*}. Blocks on the network.
 */
public final class ManifestDeleter {
  private ManifestDeleter() {}

  /**
   * @return the digest of the deleted manifest
   * @throws DeletesDisabledException when the registry does not allow deletes (HTTP 405 or {@code
   *     UNSUPPORTED})
   */
  public static Digest delete(RegistryClient client, DockerName name, ManifestFormats formats)
      throws ImageException {
    String repository = name.repository();
    AuthScope scope = AuthScope.delete(repository);
    Optional<Digest> byDigest = name.digest();
    Digest target;
    if (byDigest.isPresent()) {
      target = byDigest.get();
    } else {
      String ref = name.manifestReference();
      ManifestReader manifests = new ManifestReader(formats);
      String accept = manifests.accept();
      RequestSubject get =
          new RequestSubject(name.registry(), repository, Endpoint.MANIFEST, name.fullName());
      target =
          manifests
              .read(
                  client.execute(get, scope, api -> api.manifest(repository, ref, accept, scope)),
                  null,
                  "manifest \"" + name.fullName() + "\"",
                  client.apiHost())
              .digest();
    }
    String hex = target.toString();
    RequestSubject delete =
        new RequestSubject(
            name.registry(),
            repository,
            Endpoint.MANIFEST,
            name.withDigest(target).fullName(),
            "DELETE");
    try (ResponseBody body =
        client.execute(delete, scope, api -> api.deleteManifest(repository, hex, scope)).body()) {
      // 202 Accepted; the body, if any, says nothing more.
    } catch (UnexpectedStatusException e) {
      if (e.status() == 405 || e.errorCode().equals("UNSUPPORTED")) {
        throw new DeletesDisabledException(
            name.fullName(), name.registry(), e.status(), e.errorCode(), e);
      }
      throw e;
    }
    return target;
  }
}
