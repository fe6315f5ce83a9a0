/** Not API. The HTTP machinery of the docker transport: clients, auth, error translation. */
@NullMarked
package dev.spyglass.transport.docker.internal;

import org.jspecify.annotations.NullMarked;
