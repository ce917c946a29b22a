package org.pfxkit.shared.pem;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What one input file holds, recognised by content: private keys and certificates, each with where it was found, and
 * the blocks that were recognised but are of no use for a key store (public keys, certificate requests, CRLs), kept
 * so that an error can say what the file held instead.
 *
 * @param file the file as the user named it (used in messages)
 * @param skipped labels of the blocks passed over ("PUBLIC KEY", "CERTIFICATE REQUEST"), with their place
 */
public record ParsedFile(Path file, Encoding encoding, List<Located<PrivateKey>> keys,
                         List<Located<X509Certificate>> certificates, List<Located<String>> skipped) {

    public enum Encoding { PEM, DER }

    public ParsedFile {
        keys = List.copyOf(keys);
        certificates = List.copyOf(certificates);
        skipped = List.copyOf(skipped);
    }

    /** A file with nothing skipped (readers of other formats, tests). */
    public ParsedFile(Path file, Encoding encoding, List<Located<PrivateKey>> keys,
                      List<Located<X509Certificate>> certificates) {
        this(file, encoding, keys, certificates, List.of());
    }

    /** What the file held, for messages: "1 private key, 2 certificates, 1 PUBLIC KEY (not used)". */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (!keys.isEmpty()) {
            parts.add(keys.size() + (keys.size() == 1 ? " private key" : " private keys"));
        }
        if (!certificates.isEmpty()) {
            parts.add(certificates.size() + (certificates.size() == 1 ? " certificate" : " certificates"));
        }
        skipped.forEach(other -> parts.add("a " + other.value() + " (not used)"));
        return parts.isEmpty() ? "nothing usable" : String.join(", ", parts);
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
