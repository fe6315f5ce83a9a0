/**
 * End-to-end tests of Spyglass against a real registry process: {@link
 * dev.spyglass.it.RegistryProcess} runs Debian's {@code docker-registry} on a random loopback port
 * (plain HTTP, htpasswd Basic auth, or TLS with a CA made by {@link
 * dev.spyglass.it.TestCertificates}), {@link dev.spyglass.it.TestImages} pushes deterministic
 * images of every manifest format through {@link dev.spyglass.it.RegistryPusher}, and {@link
 * dev.spyglass.it.Skopeo} is the oracle Spyglass's output is compared with.
 *
 * <p>Not API. The tests run on the class path on purpose (no {@code module-info.java}): they prove
 * that transports and manifest formats are found through {@code META-INF/services} there.
 */
@NullMarked
package dev.spyglass.it;

import org.jspecify.annotations.NullMarked;
