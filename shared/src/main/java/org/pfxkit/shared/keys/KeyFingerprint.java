package org.pfxkit.shared.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

/**
 * The fingerprint of a public key: SHA-256 over its SubjectPublicKeyInfo DER, the same bytes for a key and for the
 * certificate that carries it. Reproduce it with
 * {@code openssl pkey -in key.pem -pubout -outform DER | openssl sha256} or
 * {@code openssl x509 -in cert.pem -pubkey -noout | openssl pkey -pubin -outform DER | openssl sha256}.
 */
public final class KeyFingerprint {
    private static final int SHORT_BYTES = 16;

    private KeyFingerprint() {
    }

    /** "SHA256:" and the first 16 bytes in colon-separated hex: enough to tell keys apart in a message. */
    public static String of(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "SHA256:" + HexFormat.ofDelimiter(":").formatHex(digest, 0, SHORT_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
