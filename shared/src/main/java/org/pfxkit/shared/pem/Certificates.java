package org.pfxkit.shared.pem;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.util.Properties;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * Certificates are parsed by bcpkix's {@link X509CertificateHolder} and handed on as the JDK's X509Certificate, the
 * type key stores and TLS take. A certificate the JDK refuses but Windows' CryptoAPI imports is kept as BouncyCastle's
 * X509Certificate, so that one such certificate does not make a whole store unreadable; the search warns about it
 * (ServerUsability). Two such certificates are common, both written by 'openssl req -subj /' with
 * '-addext subjectAltName': an empty subject with a non-critical subjectAltName (RFC 5280 4.2.1.6), and, when it is
 * self-signed, an empty issuer as well (RFC 5280 4.1.2.4), which BouncyCastle refuses too unless its
 * "allow_empty_issuer_cert" override is set. That override is set for the parsing thread only, and only while it parses.
 */
public final class Certificates {
    /** BouncyCastle's switch (org.bouncycastle.asn1.x509.TBSCertificate) for a certificate with an empty issuer. */
    private static final String ALLOW_EMPTY_ISSUER = "org.bouncycastle.x509.allow_empty_issuer_cert";

    private Certificates() {
    }

    /** The certificate in {@code der}; throws when neither the JDK nor BouncyCastle can read it. */
    public static X509Certificate decode(byte[] der) throws IOException, CertificateException {
        try (EmptyIssuerAllowed allowed = new EmptyIssuerAllowed()) {
            X509CertificateHolder holder = new X509CertificateHolder(der);
            try {
                return new JcaX509CertificateConverter().getCertificate(holder);
            } catch (CertificateException jdkRefused) {
                return new JcaX509CertificateConverter().setProvider(BouncyCastle.provider()).getCertificate(holder);
            }
        }
    }

    /** True for a certificate {@link #decode} kept as BouncyCastle's because the JDK refused it. */
    public static boolean refusedByTheJdk(X509Certificate certificate) {
        return certificate.getClass().getName().startsWith("org.bouncycastle.");
    }

    /** bcpkix's view of the certificate in {@code der}, an empty issuer allowed. */
    public static X509CertificateHolder holder(byte[] der) throws IOException {
        try (EmptyIssuerAllowed allowed = new EmptyIssuerAllowed()) {
            return new X509CertificateHolder(der);
        }
    }

    /** BouncyCastle's empty-issuer override, set on this thread for the life of the object. */
    private static final class EmptyIssuerAllowed implements AutoCloseable {
        private final boolean wasSet = Properties.isOverrideSet(ALLOW_EMPTY_ISSUER);

        EmptyIssuerAllowed() {
            Properties.setThreadOverride(ALLOW_EMPTY_ISSUER, true);
        }

        @Override
        public void close() {
            if (!wasSet) {
                Properties.removeThreadOverride(ALLOW_EMPTY_ISSUER);
            }
        }
    }

    static X509Certificate parse(ASN1Primitive der, Origin origin) throws PfxkitException {
        try {
            return decode(der.getEncoded());
        } catch (CertificateException | IOException | RuntimeException e) {
            throw new PfxkitException(Problem.BAD_DER, "certificate in " + origin.where() + " cannot be decoded: "
                    + e.getMessage(), "the certificate is damaged; download or export it again", e);
        }
    }
}
