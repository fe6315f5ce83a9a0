/**
 * Not API. The challenge parser, Bearer challenge checks, the token cache, registry host matching,
 * auth file reading and credential helper execution behind {@code dev.spyglass.auth}.
 */
@NullMarked
package dev.spyglass.auth.internal;

import org.jspecify.annotations.NullMarked;
