package dev.spyglass.cli.command;

/**
 * The flags a remedy names: the single-image commands' ({@code --creds}, {@code --cert-dir}), or
 * those of one side of {@code copy} ({@code --src-creds}, {@code --dest-cert-dir}), so that the
 * hint on a failure is a flag the command accepts.
 *
 * @param creds the credentials flag
 * @param authFile the auth file flag
 * @param certDir the certificate directory flag
 * @param noVerify the flag, with its value, that turns TLS verification off
 */
public record RemedyFlags(String creds, String authFile, String certDir, String noVerify) {
  public static final RemedyFlags SINGLE =
      new RemedyFlags("--creds", "--authfile", "--cert-dir", "--tls-verify=false");
  public static final RemedyFlags SOURCE =
      new RemedyFlags("--src-creds", "--src-authfile", "--src-cert-dir", "--src-tls-verify=false");
  public static final RemedyFlags DESTINATION =
      new RemedyFlags(
          "--dest-creds", "--dest-authfile", "--dest-cert-dir", "--dest-tls-verify=false");

  /** Both sides' flags, for a registry either side (or neither, e.g. a token server) may be. */
  public static final RemedyFlags EITHER_SIDE =
      new RemedyFlags(
          SOURCE.creds + "/" + DESTINATION.creds,
          SOURCE.authFile + "/" + DESTINATION.authFile,
          SOURCE.certDir + "/" + DESTINATION.certDir,
          SOURCE.noVerify + "/" + DESTINATION.noVerify);

  /**
   * A command whose remedy flags depend on which registry failed (e.g. the two sides of a copy).
   */
  public interface PerRegistry {
    /**
     * @param registry the registry a failure names, as {@code HOST[:PORT]}
     */
    RemedyFlags remedyFlags(String registry);
  }
}
