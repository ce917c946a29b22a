package org.pfxkit.server;

import java.util.Objects;

/**
 * Which certificate of a keystore to serve, as the TWAPI recipe's {@code cert_store_find_certificate} asks: a subject
 * substring, 'any', or a SHA-1 thumbprint. The search itself is certfind's matcher ({@code org.pfxkit.shared.match}),
 * with Windows' exact rules and enumeration order, so the server serves what certfind says it would.
 */
public final class CertificateSelector {
    enum Kind { SUBJECT_SUBSTRING, ANY, SHA1 }

    private final Kind kind;
    private final String argument;

    private CertificateSelector(Kind kind, String argument) {
        this.kind = kind;
        this.argument = argument;
    }

    /** CERT_FIND_SUBJECT_STR: the first certificate whose subject contains the text (TWAPI subject_substring). */
    public static CertificateSelector subjectSubstring(String text) {
        return new CertificateSelector(Kind.SUBJECT_SUBSTRING, Objects.requireNonNull(text, "text"));
    }

    /** CERT_FIND_ANY: the first certificate in Windows' enumeration order. */
    public static CertificateSelector any() {
        return new CertificateSelector(Kind.ANY, null);
    }

    /** CERT_FIND_SHA1_HASH: hex in any case, spaces or colons allowed (checked when the server starts). */
    public static CertificateSelector sha1(String hex) {
        return new CertificateSelector(Kind.SHA1, Objects.requireNonNull(hex, "hex"));
    }

    Kind kind() {
        return kind;
    }

    String argument() {
        return argument;
    }

    /** "subject substring 'hunter'", "'any'", "SHA-1 thumbprint ab12...". */
    public String describe() {
        return switch (kind) {
            case SUBJECT_SUBSTRING -> "subject substring '" + argument + "'";
            case ANY -> "'any'";
            case SHA1 -> "SHA-1 thumbprint " + argument;
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
