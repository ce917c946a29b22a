package org.pfxkit.shared.pem;

import java.nio.file.Path;

/**
 * Where something was read: the file as the user named it, the 1-based PEM block or DER object, and the 1-based line
 * of its {@code -----BEGIN} (0 in DER).
 */
record Origin(Path file, int block, int line) {
    /** As {@link ParsedFile.Located#where()}, and "'key.der' object 2" for a DER object after the first. */
    String where() {
        return line == 0 && block > 1 ? "'" + file + "' object " + block : locate(null).where();
    }

    <T> ParsedFile.Located<T> locate(T value) {
        return new ParsedFile.Located<>(value, file, block, line);
    }
}
