package org.pfxkit.shared.pem;

import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

/** Object identifiers met in key files, with the names messages use for them. */
final class Oids {
    static final String RSA = "1.2.840.113549.1.1.1";
    static final String RSA_PSS = "1.2.840.113549.1.1.10";
    static final String EC = "1.2.840.10045.2.1";
    static final String DSA = "1.2.840.10040.4.1";
    static final String DH = "1.2.840.113549.1.3.1";
    static final String X25519 = "1.3.101.110";
    static final String X448 = "1.3.101.111";
    static final String ED25519 = "1.3.101.112";
    static final String ED448 = "1.3.101.113";

    /** P-256, P-384 and P-521: the curves TLS 1.3 and Windows/Java servers accept. */
    static final Set<String> SUPPORTED_CURVES = Set.of("1.2.840.10045.3.1.7", "1.3.132.0.34", "1.3.132.0.35");

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(RSA, "RSA"),
            Map.entry(RSA_PSS, "RSASSA-PSS"),
            Map.entry(EC, "EC"),
            Map.entry(DSA, "DSA"),
            Map.entry(DH, "Diffie-Hellman"),
            Map.entry(X25519, "X25519"),
            Map.entry(X448, "X448"),
            Map.entry(ED25519, "Ed25519"),
            Map.entry(ED448, "Ed448"),
            Map.entry("1.2.156.10197.1.301", "SM2"),
            Map.entry("1.2.643.7.1.1.1.1", "GOST R 34.10-2012 (256)"),
            Map.entry("1.2.643.7.1.1.1.2", "GOST R 34.10-2012 (512)"),
            Map.entry("1.3.6.1.4.1.11591.4.11", "scrypt"));

    private Oids() {
    }

    /** A readable name (an EC curve's as BouncyCastle knows it, e.g. secp256k1), else "OID" and the dotted OID. */
    static String name(String oid) {
        String name = NAMES.getOrDefault(oid, ECNamedCurveTable.getName(new ASN1ObjectIdentifier(oid)));
        return name != null ? name : "OID " + oid;
    }
}
