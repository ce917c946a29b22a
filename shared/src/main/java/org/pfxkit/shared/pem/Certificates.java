package org.pfxkit.shared.pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/** Turns a DER certificate into the JDK's X509Certificate, the type key stores and TLS take. */
final class Certificates {
    private Certificates() {
    }

    static X509Certificate parse(ASN1Primitive der, Origin origin) throws PfxkitException {
        try {
            byte[] encoded = Certificate.getInstance(der).getEncoded();
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(encoded));
        } catch (CertificateException | IOException | RuntimeException e) {
            throw new PfxkitException(Problem.BAD_DER, "certificate in " + origin.where() + " cannot be decoded: "
                    + e.getMessage(), "the certificate is damaged; download or export it again", e);
        }
    }
}
