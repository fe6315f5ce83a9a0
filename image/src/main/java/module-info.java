/** What works on any transport: inspect, platform choice, copy. */
module dev.spyglass.image {
  requires transitive dev.spyglass.api;

  exports dev.spyglass.image;
}
