package org.pfxkit.shared.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;

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
        return format(sha256(key), SHORT_BYTES);
    }

    /** "SHA256:" and all 32 bytes in colon-separated hex. */
    public static String full(PublicKey key) {
        byte[] digest = sha256(key);
        return format(digest, digest.length);
    }

    /** The raw SHA-256 of the SubjectPublicKeyInfo. */
    public static byte[] sha256(PublicKey key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String format(byte[] digest, int count) {
        StringBuilder text = new StringBuilder("SHA256:");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(':');
            }
            text.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
        }
        return text.toString();
    }
}
