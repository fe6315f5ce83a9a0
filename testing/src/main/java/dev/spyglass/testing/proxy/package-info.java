/**
 * Provides {@link dev.spyglass.testing.proxy.ForwardProxy}, a forward HTTP proxy on the loopback
 * address ({@code CONNECT} tunnels and absolute-form requests, optional Basic proxy
 * authentication) that records the first request of every connection, for tests of proxied
 * clients.
 */
@NullMarked
package dev.spyglass.testing.proxy;

import org.jspecify.annotations.NullMarked;
