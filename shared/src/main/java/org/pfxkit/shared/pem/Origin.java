package org.pfxkit.shared.pem;

import java.nio.file.Path;

/**
 * Where something was read: the file as the user named it, the 1-based PEM block or DER object, and the 1-based line
 * of its {@code -----BEGIN} (0 in DER).
 */
record Origin(Path file, int block, int line) {
    /** "'key.pem' block 2 (line 31)" for PEM, "'key.der'" for a lone DER object. */
    String where() {
        if (line > 0) {
            return "'" + file + "' block " + block + " (line " + line + ")";
        }
        return block > 1 ? "'" + file + "' object " + block : "'" + file + "'";
    }

    <T> ParsedFile.Located<T> locate(T value) {
        return new ParsedFile.Located<>(value, file, block, line);
    }
}
