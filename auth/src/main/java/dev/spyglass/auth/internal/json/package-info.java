/** Not API. Gson wire classes for auth files and credential helper answers. */
@NullMarked
package dev.spyglass.auth.internal.json;

import org.jspecify.annotations.NullMarked;
