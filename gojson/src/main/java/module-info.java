/**
 * Go's {@code encoding/json} and {@code time} behaviour, so that what Spyglass reads agrees with Go
 * tools and what it prints and writes is byte-identical to theirs. Depends on the JDK only.
 */
module dev.spyglass.gojson {
  requires transitive org.jspecify;

  exports dev.spyglass.gojson;
}
