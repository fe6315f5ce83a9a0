/** Not API. Gson wire classes of the libtrust signature block that {@code Schema1Signer} writes. */
@NullMarked
package dev.spyglass.manifest.schema1.internal.json;

import org.jspecify.annotations.NullMarked;
