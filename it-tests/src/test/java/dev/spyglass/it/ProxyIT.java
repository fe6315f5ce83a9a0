package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.it.TestImages.PushedImage;
import dev.spyglass.testing.proxy.ForwardProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spyglass} behind a forward proxy, run in a child JVM with {@code HTTP_PROXY}, {@code
 * HTTPS_PROXY} and {@code NO_PROXY} in its environment. The registries are named {@value
 * #REGISTRY_NAME}, a name only the proxy resolves (to 127.0.0.1): a direct connection cannot reach
 * them, so every passing command went through the proxy. Covers plain HTTP (absolute-form requests)
 * and TLS (CONNECT, the certificate verified for that name), Basic proxy credentials, a refused
 * password, and {@code NO_PROXY}; no output ever holds the proxy password.
 */
class ProxyIT {
  static final String REGISTRY_NAME = "registry.spyglass.test";
  private static final String USER = "proxy-user";
  private static final String PASSWORD = "pr0xy-s3cret";
  private static final String REPOSITORY = "proxied/app";

  private static RegistryProcess plain;
  private static RegistryProcess tls;
  private static PushedImage plainImage;
  private static PushedImage tlsImage;

  @TempDir Path tmp;

  @BeforeAll
  static void startRegistries() throws Exception {
    plain = RegistryProcess.plain();
    plainImage = TestImages.pushSchema2(plain.pusher(), REPOSITORY, List.of("1.0"));
    tls = RegistryProcess.tls();
    tlsImage = TestImages.pushSchema2(tls.pusher(), REPOSITORY, List.of("1.0"));
  }

  @AfterAll
  static void stopRegistries() {
    for (RegistryProcess registry : new RegistryProcess[] {plain, tls}) {
      if (registry != null) {
        registry.close();
      }
    }
  }

  @Test
  void inspectAndCopyAPlainHttpRegistryThroughTheProxyWithBasicCredentials() throws Exception {
    try (ForwardProxy proxy = proxy(USER, PASSWORD)) {
      Map<String, String> env = env(proxyUrl(proxy, PASSWORD), "");
      String image = "docker://" + name(plain) + "/" + REPOSITORY + ":1.0";

      SpyglassProcess.Result inspect =
          SpyglassProcess.run(
              tmp.resolve("inspect"), env, "--debug", "inspect", "--tls-verify=false", image);

      assertEquals(0, inspect.exitCode(), inspect::toString);
      assertEquals(
          plainImage.digest("1.0").toString(),
          JsonParser.parseString(inspect.stdout()).getAsJsonObject().get("Digest").getAsString());
      assertTrue(
          proxy.seen().stream()
              .anyMatch(
                  s ->
                      s.method().equals("GET")
                          && s.target().startsWith("http://" + name(plain) + "/v2/")
                          && basic(USER, PASSWORD).equals(s.proxyAuthorization())),
          proxy.seen().toString());
      assertTrue(
          inspect.stderr().contains("through proxy \"http://" + USER + ":<redacted>@"),
          inspect.stderr());
      assertNoPassword(inspect);

      Path target = tmp.resolve("copied");
      SpyglassProcess.Result copy =
          SpyglassProcess.run(
              tmp.resolve("copy"), env, "copy", "--src-tls-verify=false", image, "dir:" + target);
      assertEquals(0, copy.exitCode(), copy::toString);
      assertTrue(Files.isRegularFile(target.resolve("manifest.json")));
      assertNoPassword(copy);
    }
  }

  @Test
  void inspectAndCopyATlsRegistryThroughConnectWithBasicCredentials() throws Exception {
    Path certDir = Files.createDirectories(tmp.resolve("certs"));
    Files.copy(tls.caCertificate(), certDir.resolve("ca.crt"));
    try (ForwardProxy proxy = proxy(USER, PASSWORD)) {
      Map<String, String> env = env(proxyUrl(proxy, PASSWORD), "");
      String image = "docker://" + name(tls) + "/" + REPOSITORY + ":1.0";

      SpyglassProcess.Result inspect =
          SpyglassProcess.run(
              tmp.resolve("inspect"),
              env,
              "--debug",
              "inspect",
              "--cert-dir",
              certDir.toString(),
              image);

      assertEquals(0, inspect.exitCode(), inspect::toString);
      assertEquals(
          tlsImage.digest("1.0").toString(),
          JsonParser.parseString(inspect.stdout()).getAsJsonObject().get("Digest").getAsString());
      ForwardProxy.Seen first = proxy.seen().get(0);
      assertEquals("CONNECT", first.method());
      assertEquals(name(tls), first.target());
      assertEquals(basic(USER, PASSWORD), first.proxyAuthorization());
      assertNoPassword(inspect);

      Path target = tmp.resolve("copied");
      SpyglassProcess.Result copy =
          SpyglassProcess.run(
              tmp.resolve("copy"),
              env,
              "copy",
              "--src-cert-dir",
              certDir.toString(),
              image,
              "oci:" + target + ":1.0");
      assertEquals(0, copy.exitCode(), copy::toString);
      assertTrue(Files.isRegularFile(target.resolve("index.json")));
      assertNoPassword(copy);
    }
  }

  @Test
  void aRefusedProxyPasswordIsOneLineNamingTheProxyAndExit4() throws Exception {
    try (ForwardProxy proxy = proxy(USER, PASSWORD)) {
      String wrong = "wr0ng-s3cret";
      Map<String, String> env = env(proxyUrl(proxy, wrong), "");

      SpyglassProcess.Result inspect =
          SpyglassProcess.run(
              tmp.resolve("inspect"),
              env,
              "inspect",
              "docker://" + name(tls) + "/" + REPOSITORY + ":1.0");

      assertEquals(ExitCode.AUTHENTICATION, inspect.exitCode(), inspect::toString);
      assertEquals("", inspect.stdout());
      assertEquals(
          "spyglass: proxy \"http://"
              + USER
              + ":<redacted>@127.0.0.1:"
              + proxy.port()
              + "\" (from HTTPS_PROXY) refused the credentials in its URL for \""
              + name(tls)
              + "\" (HTTP 407); check the user name and password in HTTPS_PROXY",
          inspect.stderr().strip());
      assertFalse(inspect.stderr().contains(wrong), inspect.stderr());
    }
  }

  @Test
  void noProxyNamesAHostThatIsThenReachedDirectly() throws Exception {
    try (ForwardProxy proxy = proxy(null, null)) {
      String image = "docker://" + name(tls) + "/" + REPOSITORY + ":1.0";
      Path certDir = Files.createDirectories(tmp.resolve("certs"));
      Files.copy(tls.caCertificate(), certDir.resolve("ca.crt"));
      String url = "http://127.0.0.1:" + proxy.port();

      SpyglassProcess.Result other =
          SpyglassProcess.run(
              tmp.resolve("other"),
              env(url, "other.example,.spyglass.example"),
              "inspect",
              "--cert-dir",
              certDir.toString(),
              image);
      assertEquals(0, other.exitCode(), other::toString);
      int seen = proxy.seen().size();

      SpyglassProcess.Result excluded =
          SpyglassProcess.run(
              tmp.resolve("excluded"),
              env(url, "other.example, spyglass.test"),
              "inspect",
              "--cert-dir",
              certDir.toString(),
              image);

      // Only the proxy knows the name: going around it, the host cannot be found.
      assertEquals(ExitCode.UNREACHABLE, excluded.exitCode(), excluded::toString);
      assertTrue(excluded.stderr().contains(REGISTRY_NAME), excluded.stderr());
      assertEquals(seen, proxy.seen().size(), "NO_PROXY's host went through the proxy");
    }
  }

  private ForwardProxy proxy(String user, String password) throws Exception {
    return new ForwardProxy(Map.of(REGISTRY_NAME, "127.0.0.1"), user, password);
  }

  private static String proxyUrl(ForwardProxy proxy, String password) {
    return "http://" + USER + ":" + password + "@127.0.0.1:" + proxy.port();
  }

  /** Both proxy variables as corporate CI sets them, an empty home, and {@code noProxy}. */
  private Map<String, String> env(String proxyUrl, String noProxy) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("HTTP_PROXY", proxyUrl);
    env.put("HTTPS_PROXY", proxyUrl);
    if (!noProxy.isEmpty()) {
      env.put("NO_PROXY", noProxy);
    }
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    return env;
  }

  private static String name(RegistryProcess registry) {
    return REGISTRY_NAME + ":" + registry.port();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static void assertNoPassword(SpyglassProcess.Result result) {
    for (String text : new String[] {result.stdout(), result.stderr()}) {
      assertFalse(text.contains(PASSWORD), "the proxy password is in the output: " + text);
      assertFalse(
          text.contains(basic(USER, PASSWORD).substring(6)),
          "the proxy credentials are in the output: " + text);
    }
  }
}
