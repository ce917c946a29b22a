package org.pfxkit.shared.match;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a certificate can be a TLS server's own certificate: not a CA (RFC 5280 4.2.1.9 basicConstraints cA),
 * its private key in the store, within its validity period, and an extended key usage that allows server
 * authentication when it has one (RFC 5280 4.2.1.12: id-kp-serverAuth or anyExtendedKeyUsage), and readable by
 * every client (RFC 5280 4.2.1.6: a certificate with an empty subject needs a critical subjectAltName; 4.1.2.4: the
 * issuer may not be empty).
 */
public final class ServerUsability {
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private ServerUsability() {
    }

    /** Every reason the certificate cannot serve TLS at {@code now}; empty when it can. */
    public static List<Finding> problems(IndexedCertificate c, Instant now) {
        List<Finding> found = new ArrayList<>();
        X509Certificate cert = c.certificate();
        int i = c.index();
        String who = "#" + i + " " + Show.quote(c.windowsSubject());
        if (cert.getBasicConstraints() >= 0) {
            found.add(new Finding(Finding.Kind.CA_CERTIFICATE, i, who + " is a CA certificate (basicConstraints "
                    + "cA=true): clients reject it as a server certificate"));
        }
        if (!c.hasPrivateKey()) {
            found.add(new Finding(Finding.Kind.NO_PRIVATE_KEY, i, who + " has no private key in the store: a server "
                    + "cannot use it"));
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            found.add(new Finding(Finding.Kind.EXPIRED, i, who + " expired on " + cert.getNotAfter().toInstant()));
        } else if (now.isBefore(cert.getNotBefore().toInstant())) {
            found.add(new Finding(Finding.Kind.NOT_YET_VALID, i, who + " is not valid before "
                    + cert.getNotBefore().toInstant()));
        }
        List<String> eku = extendedKeyUsage(cert);
        if (eku != null && !eku.contains(SERVER_AUTH) && !eku.contains(ANY_EXTENDED_KEY_USAGE)) {
            found.add(new Finding(Finding.Kind.NO_SERVER_AUTH, i, who + " has an extended key usage without server "
                    + "authentication " + eku + ": clients reject it for TLS servers"));
        }
        if (cert.getIssuerX500Principal().getEncoded().length == 2) {
            found.add(new Finding(Finding.Kind.BREAKS_RFC_5280, i, who + " has an empty issuer, which RFC 5280 "
                    + "4.1.2.4 forbids: Windows accepts it, Java and BouncyCastle refuse it"));
        }
        // RFC 5280 4.2.1.6: when the subject is empty, the subjectAltName extension MUST be critical.
        Set<String> nonCritical = cert.getNonCriticalExtensionOIDs();
        if (cert.getSubjectX500Principal().getEncoded().length == 2 && nonCritical != null
                && nonCritical.contains("2.5.29.17")) {
            found.add(new Finding(Finding.Kind.BREAKS_RFC_5280, i, who + " has an empty subject and a non-critical "
                    + "subjectAltName, which RFC 5280 4.2.1.6 forbids: Windows accepts it, Java clients refuse it"));
        }
        return found;
    }

    public static boolean usable(IndexedCertificate c, Instant now) {
        return problems(c, now).isEmpty();
    }

    /** The EKU OIDs, or null when the certificate has no (readable) EKU extension, which allows every use. */
    static List<String> extendedKeyUsage(X509Certificate cert) {
        try {
            return cert.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
