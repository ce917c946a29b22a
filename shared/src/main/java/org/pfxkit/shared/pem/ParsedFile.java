package org.pfxkit.shared.pem;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What one input file holds, recognised by content: private keys and certificates, each with where it was found.
 *
 * @param file the file as the user named it (used in messages)
 */
public record ParsedFile(Path file, Encoding encoding, List<Located<PrivateKey>> keys,
                         List<Located<X509Certificate>> certificates) {

    public enum Encoding { PEM, DER }

    public ParsedFile {
        keys = List.copyOf(keys);
        certificates = List.copyOf(certificates);
    }

    /**
     * An item with its place: {@code block} is the 1-based PEM block number (1 for DER), {@code line} the 1-based line
     * of its {@code -----BEGIN} (0 for DER).
     */
    public record Located<T>(T value, Path file, int block, int line) {
        /** "'key.pem' block 2 (line 31)" or "'cert.der'". */
        public String where() {
            return line > 0 ? "'" + file + "' block " + block + " (line " + line + ")" : "'" + file + "'";
        }
    }
}
