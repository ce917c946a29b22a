package org.pfxkit.shared.pem;

import java.security.PrivateKey;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * Turns the unencrypted private-key encodings into JDK keys with BouncyCastle's ASN.1 classes and
 * {@link JcaPEMKeyConverter} (the JDK's own KeyFactory underneath): PKCS#8 PrivateKeyInfo (RFC 5958), PKCS#1
 * RSAPrivateKey (RFC 8017 A.1.2) and SEC1 ECPrivateKey (RFC 5915) wrapped in PKCS#8 as openssl does. What stays ours:
 * refusing, with the reason, key types a TLS server certificate cannot use.
 */
final class PlainKeys {
    static final String SUPPORTED = "pfxkit supports RSA, EC on P-256, P-384 and P-521, Ed25519 and Ed448 keys";

    private PlainKeys() {
    }

    static PrivateKey fromPkcs8(PrivateKeyInfo info, Origin origin) throws PfxkitException {
        ASN1ObjectIdentifier type = info.getPrivateKeyAlgorithm().getAlgorithm();
        String oid = type.getId();
        switch (oid) {
            case Oids.RSA, Oids.ED25519, Oids.ED448 -> {
                return convert(info, origin);
            }
            case Oids.EC -> {
                ASN1Encodable params = info.getPrivateKeyAlgorithm().getParameters();
                if (params == null || params instanceof DERNull) {
                    // RFC 5915 allows the curve in the inner ECPrivateKey only: move it out for the JDK.
                    return fromSec1(ASN1Sequence.getInstance(info.getPrivateKey().getOctets()), origin);
                }
                checkCurve(params, origin);
                return convert(info, origin);
            }
            default -> throw unsupported(origin, "a key of type " + Oids.name(oid), reason(oid));
        }
    }

    /** PKCS#1 RSAPrivateKey ("RSA PRIVATE KEY"); multi-prime keys (version 1) are refused by BouncyCastle's class. */
    static PrivateKey fromPkcs1(ASN1Sequence der, Origin origin) throws PfxkitException {
        RSAPrivateKey key = RSAPrivateKey.getInstance(der);
        return convert(wrap(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), key),
                origin);
    }

    /** SEC1 ECPrivateKey: SEQUENCE { version 1, privateKey OCTET STRING, [0] curve, [1] public key }. */
    static PrivateKey fromSec1(ASN1Sequence der, Origin origin) throws PfxkitException {
        ECPrivateKey key = ECPrivateKey.getInstance(der);
        ASN1Encodable curve = key.getParametersObject();
        if (curve == null) {
            throw new PfxkitException(Problem.UNSUPPORTED_KEY, "EC private key in " + origin.where()
                    + " does not name its curve", "write it again with its curve: openssl ec -in "
                    + origin.file() + " -out key-named.pem");
        }
        checkCurve(curve, origin);
        return convert(wrap(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), key), origin);
    }

    private static PrivateKeyInfo wrap(AlgorithmIdentifier algorithm, ASN1Encodable key) {
        try {
            return new PrivateKeyInfo(algorithm, key);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // encoding an object just parsed: cannot happen
        }
    }

    private static void checkCurve(ASN1Encodable params, Origin origin) throws PfxkitException {
        if (params instanceof ASN1Sequence) {
            throw new PfxkitException(Problem.UNSUPPORTED_KEY, "EC private key in " + origin.where()
                    + " spells out its curve parameters instead of naming the curve; " + SUPPORTED,
                    "if the curve is P-256, P-384 or P-521, rewrite it with a named curve: openssl ec -in "
                            + origin.file() + " -param_enc named_curve -out key-named.pem");
        }
        String curve = ASN1ObjectIdentifier.getInstance(params).getId();
        if (!Oids.SUPPORTED_CURVES.contains(curve)) {
            throw unsupported(origin, "an EC key on curve " + Oids.name(curve),
                    "TLS 1.3 and Windows/Java servers accept only the NIST curves P-256, P-384 and P-521");
        }
    }

    private static PrivateKey convert(PrivateKeyInfo info, Origin origin) throws PfxkitException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (org.bouncycastle.openssl.PEMException | RuntimeException e) {
            String cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new PfxkitException(Problem.BAD_DER, Oids.name(info.getPrivateKeyAlgorithm().getAlgorithm()
                    .getId()) + " private key in " + origin.where() + " cannot be decoded: " + cause,
                    "the key is damaged; export it again", e);
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
}
