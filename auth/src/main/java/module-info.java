/** Credentials and registry authentication (Basic, Bearer tokens) with no HTTP stack of its own. */
module dev.spyglass.auth {
  requires transitive dev.spyglass.api;
  requires com.google.gson;

  exports dev.spyglass.auth;

  opens dev.spyglass.auth.internal.json to
      com.google.gson;
}
