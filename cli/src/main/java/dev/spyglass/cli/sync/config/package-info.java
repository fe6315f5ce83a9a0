/**
 * The YAML source of {@code spyglass sync} (skopeo's format). STAND-IN: these types carry only the
 * signatures the sync engine consumes; the real parser (branch {@code syncyaml}) replaces this
 * package. Not API.
 */
@NullMarked
package dev.spyglass.cli.sync.config;

import org.jspecify.annotations.NullMarked;
