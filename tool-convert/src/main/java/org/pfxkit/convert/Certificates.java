package org.pfxkit.convert;

import java.security.PublicKey;
import java.security.interfaces.RSAKey;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

/** What a person wants to know about a certificate in one line: its name and its key. */
final class Certificates {
    private Certificates() {
    }

    /** "RSA 2048", "EC P-256", "Ed25519". */
    static String describeKey(PublicKey key) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        String algorithm = key.getAlgorithm();
        if (key instanceof RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if ("EC".equals(algorithm) || "ECDSA".equals(algorithm)) {
            return "EC " + curveName(info);
        }
        return switch (info.getAlgorithm().getAlgorithm().getId()) {
            case "1.3.101.112" -> "Ed25519";
            case "1.3.101.113" -> "Ed448";
            default -> algorithm;
        };
    }

    private static String curveName(SubjectPublicKeyInfo info) {
        if (!(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
            return "(explicit curve parameters)";
        }
        // NIST's names first: "P-256", where ECNamedCurveTable would say "prime256v1".
        String name = NISTNamedCurves.getName(curve);
        name = name != null ? name : ECNamedCurveTable.getName(curve);
        return name != null ? name : curve.getId();
    }
}
