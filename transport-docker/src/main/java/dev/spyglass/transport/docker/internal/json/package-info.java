/** Not API. Gson wire classes of the registry and token server, converted to records at once. */
@NullMarked
package dev.spyglass.transport.docker.internal.json;

import org.jspecify.annotations.NullMarked;
