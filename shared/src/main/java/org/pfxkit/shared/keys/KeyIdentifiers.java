package org.pfxkit.shared.keys;

import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The subject and authority key identifiers of a certificate (RFC 5280 4.2.1.1 and 4.2.1.2), read from the extension
 * bytes without an ASN.1 library. Null when absent or unreadable: chain building then falls back to names.
 */
final class KeyIdentifiers {
    private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";

    private KeyIdentifiers() {
    }

    /** SubjectKeyIdentifier ::= KeyIdentifier (OCTET STRING), inside the extension's OCTET STRING. */
    static byte[] subject(X509Certificate certificate) {
        byte[] inner = unwrap(certificate.getExtensionValue(SUBJECT_KEY_IDENTIFIER), 0x04);
        return inner == null ? null : unwrap(inner, 0x04);
    }

    /** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... }. */
    static byte[] authority(X509Certificate certificate) {
        byte[] inner = unwrap(certificate.getExtensionValue(AUTHORITY_KEY_IDENTIFIER), 0x04);
        byte[] sequence = inner == null ? null : unwrap(inner, 0x30);
        if (sequence == null || sequence.length == 0 || (sequence[0] & 0xff) != 0x80) {
            return null;
        }
        return unwrap(sequence, 0x80);
    }

    /** The content of the element at the start of {@code der} when it has the given tag; null otherwise. */
    private static byte[] unwrap(byte[] der, int tag) {
        if (der == null || der.length < 2 || (der[0] & 0xff) != tag) {
            return null;
        }
        int first = der[1] & 0xff;
        int start = 2;
        int length = first;
        if (first >= 0x80) {
            int count = first & 0x7f;
            if (count == 0 || count > 3 || 2 + count > der.length) {
                return null;
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[2 + i] & 0xff);
            }
            start = 2 + count;
        }
        return start + length > der.length ? null : Arrays.copyOfRange(der, start, start + length);
    }
}
