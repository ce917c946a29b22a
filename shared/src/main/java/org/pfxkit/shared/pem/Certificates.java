package org.pfxkit.shared.pem;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * Certificates are parsed by bcpkix's {@link X509CertificateHolder} and handed on as the JDK's X509Certificate, the
 * type key stores and TLS take. A certificate the JDK refuses but BouncyCastle and Windows accept (an empty subject
 * with a non-critical subjectAltName, which breaks RFC 5280 4.2.1.6 and which 'openssl req -subj /' writes) is kept
 * as BouncyCastle's X509Certificate, so that one such certificate does not make a whole store unreadable; the search
 * warns about it (ServerUsability).
 */
public final class Certificates {
    private Certificates() {
    }

    /** The certificate in {@code der}; throws when neither the JDK nor BouncyCastle can read it. */
    public static X509Certificate decode(byte[] der) throws IOException, CertificateException {
        X509CertificateHolder holder = new X509CertificateHolder(der);
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException jdkRefused) {
            return new JcaX509CertificateConverter().setProvider(BouncyCastle.provider()).getCertificate(holder);
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
