package org.pfxkit.shared.pem;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.pem.Der.DerException;
import org.pfxkit.shared.pem.Der.Tlv;

/**
 * Turns the unencrypted private-key encodings into JDK keys: PKCS#8 PrivateKeyInfo (RFC 5958) directly through the
 * JDK's KeyFactory, PKCS#1 RSAPrivateKey (RFC 8017 A.1.2) and SEC1 ECPrivateKey (RFC 5915) after wrapping them in
 * PKCS#8 as openssl does. Key types a TLS server certificate cannot use today are refused with the reason.
 */
final class KeyDecoder {
    static final String SUPPORTED = "pfxkit supports RSA, EC on P-256, P-384 and P-521, Ed25519 and Ed448 keys";

    private KeyDecoder() {
    }

    /** Is this (the result of a decryption) a plausible PrivateKeyInfo? A wrong password gives random bytes. */
    static boolean looksLikePrivateKeyInfo(byte[] der) {
        try {
            Tlv outer = Der.read(der);
            if (outer.end() != der.length) {
                return false;
            }
            List<Tlv> parts = Der.sequence(outer, 3);
            int version = parts.get(0).smallInt();
            return (version == 0 || version == 1) && Der.sequence(parts.get(1), 1).get(0).is(Der.OID)
                    && parts.get(2).is(Der.OCTET_STRING);
        } catch (DerException e) {
            return false;
        }
    }

    static PrivateKey fromPkcs8(byte[] der, Origin origin) throws PfxkitException {
        try {
            Tlv outer = Der.read(der);
            List<Tlv> parts = Der.sequence(outer, 3);
            int version = parts.get(0).smallInt();
            if (version != 0 && version != 1) {
                throw new DerException("PKCS#8 version " + version + " (expected 0 or 1)", false);
            }
            List<Tlv> algorithm = Der.sequence(parts.get(1), 1);
            String oid = algorithm.get(0).oid();
            if (!parts.get(2).is(Der.OCTET_STRING)) {
                throw new DerException("the key is not in an OCTET STRING", false);
            }
            switch (oid) {
                case Oids.RSA:
                    return generate("RSA", outer.encoded(), origin);
                case Oids.EC: {
                    Tlv params = algorithm.size() > 1 ? algorithm.get(1) : null;
                    if (params == null || params.is(Der.NULL)) {
                        // RFC 5915 allows the curve in the inner ECPrivateKey only: move it out for the JDK.
                        return fromSec1(parts.get(2).content(), origin);
                    }
                    checkCurve(params, origin);
                    return generate("EC", outer.encoded(), origin);
                }
                case Oids.ED25519:
                    return generate("Ed25519", outer.encoded(), origin);
                case Oids.ED448:
                    return generate("Ed448", outer.encoded(), origin);
                default:
                    throw unsupported(origin, "a key of type " + Oids.name(oid), reason(oid));
            }
        } catch (DerException e) {
            throw malformed(origin, "PKCS#8", e);
        }
    }

    /** PKCS#1 RSAPrivateKey: SEQUENCE { version 0, n, e, d, p, q, dP, dQ, qInv } ("RSA PRIVATE KEY"). */
    static PrivateKey fromPkcs1(byte[] der, Origin origin) throws PfxkitException {
        try {
            Tlv outer = Der.read(der);
            List<Tlv> parts = Der.sequence(outer, 9);
            for (Tlv part : parts) {
                part.integer();
            }
            if (parts.get(0).smallInt() != 0) {
                throw new DerException("multi-prime RSA (version " + parts.get(0).smallInt() + ")", false);
            }
            byte[] algorithm = Der.encode(Der.SEQUENCE, Der.oid(Oids.RSA), Der.encode(Der.NULL));
            byte[] pkcs8 = Der.encode(Der.SEQUENCE, Der.smallInteger(0), algorithm,
                    Der.encode(Der.OCTET_STRING, outer.encoded()));
            return generate("RSA", pkcs8, origin);
        } catch (DerException e) {
            throw malformed(origin, "PKCS#1 RSA", e);
        }
    }

    /** SEC1 ECPrivateKey: SEQUENCE { version 1, privateKey OCTET STRING, [0] curve, [1] public key }. */
    static PrivateKey fromSec1(byte[] der, Origin origin) throws PfxkitException {
        try {
            Tlv outer = Der.read(der);
            List<Tlv> parts = Der.sequence(outer, 2);
            if (parts.get(0).smallInt() != 1 || !parts.get(1).is(Der.OCTET_STRING)) {
                throw new DerException("not a SEC1 ECPrivateKey (version 1, then the key)", false);
            }
            Tlv curve = null;
            for (Tlv part : parts.subList(2, parts.size())) {
                if (part.is(Der.CONTEXT_0)) {
                    List<Tlv> inner = part.children();
                    curve = inner.isEmpty() ? null : inner.get(0);
                }
            }
            if (curve == null) {
                throw new PfxkitException(Problem.UNSUPPORTED_KEY, "EC private key in " + origin.where()
                        + " does not name its curve", "write it again with its curve: openssl ec -in "
                        + origin.file() + " -out key-named.pem");
            }
            checkCurve(curve, origin);
            byte[] algorithm = Der.encode(Der.SEQUENCE, Der.oid(Oids.EC), curve.encoded());
            byte[] pkcs8 = Der.encode(Der.SEQUENCE, Der.smallInteger(0), algorithm,
                    Der.encode(Der.OCTET_STRING, outer.encoded()));
            return generate("EC", pkcs8, origin);
        } catch (DerException e) {
            throw malformed(origin, "SEC1 EC", e);
        }
    }

    private static void checkCurve(Tlv params, Origin origin) throws DerException, PfxkitException {
        if (params.is(Der.SEQUENCE)) {
            throw new PfxkitException(Problem.UNSUPPORTED_KEY, "EC private key in " + origin.where()
                    + " spells out its curve parameters instead of naming the curve; " + SUPPORTED,
                    "if the curve is P-256, P-384 or P-521, rewrite it with a named curve: openssl ec -in "
                            + origin.file() + " -param_enc named_curve -out key-named.pem");
        }
        String curve = params.oid();
        if (!Oids.isSupportedCurve(curve)) {
            throw unsupported(origin, "an EC key on curve " + Oids.name(curve),
                    "TLS 1.3 and Windows/Java servers accept only the NIST curves P-256, P-384 and P-521");
        }
    }

    private static PrivateKey generate(String algorithm, byte[] pkcs8, Origin origin) throws PfxkitException {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PfxkitException(Problem.BAD_DER, algorithm + " private key in " + origin.where()
                    + " cannot be decoded: " + e.getMessage(), "the key is damaged; export it again", e);
        }
    }

    static String reason(String oid) {
        return switch (oid) {
            case Oids.DSA -> "TLS 1.3 and current Windows and Java servers cannot use DSA keys";
            case Oids.X25519, Oids.X448 -> "it is a key-agreement key and cannot sign, so no certificate for a "
                    + "TLS server can use it";
            case Oids.RSA_PSS -> "Windows cannot import RSASSA-PSS-restricted keys into a PFX";
            case Oids.DH -> "Diffie-Hellman keys cannot sign";
            default -> "the key type is not one TLS servers use";
        };
    }

    static PfxkitException unsupported(Origin origin, String found, String why) {
        return new PfxkitException(Problem.UNSUPPORTED_KEY, "private key in " + origin.where() + " is " + found + ": "
                + why + "; " + SUPPORTED,
                "create a supported key (e.g. openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 "
                        + "-out key.pem) and have its certificate issued again");
    }

    private static PfxkitException malformed(Origin origin, String what, DerException e) {
        return new PfxkitException(e.truncated ? Problem.TRUNCATED : Problem.BAD_DER, what + " private key in "
                + origin.where() + " is " + (e.truncated ? "cut short" : "malformed") + ": " + e.getMessage(),
                "the key file is damaged; export the key again", e);
    }
}
