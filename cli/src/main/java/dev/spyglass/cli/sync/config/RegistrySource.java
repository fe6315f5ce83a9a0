package dev.spyglass.cli.sync.config;

import dev.spyglass.api.Credentials;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** STAND-IN (replaced by branch {@code syncyaml}): one top-level registry of the YAML source. */
public record RegistrySource(
    String registry,
    List<ImageEntry> images,
    Optional<Credentials> credentials,
    Optional<Boolean> tlsVerify,
    Optional<Path> certDir) {}
