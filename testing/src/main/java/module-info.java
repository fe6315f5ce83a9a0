/**
 * The Spyglass test kit: an in-memory transport, fake manifest formats, the shared-fixtures
 * locator, a MockWebServer registry, a forward proxy, the transport contract tests and the
 * exported-signature check. Published like the libraries; Spyglass modules and plug-ins use it in
 * test scope.
 */
module dev.spyglass.testing {
  requires transitive dev.spyglass.api;
  requires transitive org.junit.jupiter.api;
  requires transitive org.junit.jupiter.params;
  requires transitive okhttp3.mockwebserver;
  requires transitive okhttp3;
  requires transitive okio;
  // OkHttp and Okio need it; an explicit module is resolved only when something requires it.
  requires kotlin.stdlib;

  exports dev.spyglass.testing;
  exports dev.spyglass.testing.contract;
  exports dev.spyglass.testing.proxy;
  exports dev.spyglass.testing.registry;
}
