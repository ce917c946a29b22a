package org.pfxkit.shared.store;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.function.Predicate;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Whether a certificate's public key belongs to a private key, by deriving the public half: RSA (modulus and
 * exponent of a CRT key), EC (Q = dG), DSA (y = g^x mod p), Ed25519/Ed448 (RFC 8032). Keys of other kinds never match.
 */
final class PublicKeyMatch {
    private PublicKeyMatch() {
    }

    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        return of(privateKey).test(publicKey);
    }

    /** A test for public keys, with the private key's public half derived once (EC point multiplication is slow). */
    static Predicate<PublicKey> of(PrivateKey privateKey) {
        try {
            if (privateKey instanceof RSAPrivateCrtKey rsa) {
                return pub -> pub instanceof RSAPublicKey r && rsa.getModulus().equals(r.getModulus())
                        && rsa.getPublicExponent().equals(r.getPublicExponent());
            }
            if (privateKey instanceof ECPrivateKey ec) {
                int fieldSize = ec.getParams().getCurve().getField().getFieldSize();
                ECPoint q = EC5Util.convertSpec(ec.getParams()).getG().multiply(ec.getS()).normalize();
                BigInteger x = q.getAffineXCoord().toBigInteger();
                BigInteger y = q.getAffineYCoord().toBigInteger();
                return pub -> pub instanceof ECPublicKey e
                        && e.getParams().getCurve().getField().getFieldSize() == fieldSize
                        && x.equals(e.getW().getAffineX()) && y.equals(e.getW().getAffineY());
            }
            if (privateKey instanceof DSAPrivateKey dsa) {
                BigInteger p = dsa.getParams().getP();
                BigInteger y = dsa.getParams().getG().modPow(dsa.getX(), p);
                return pub -> pub instanceof DSAPublicKey d && p.equals(d.getParams().getP()) && y.equals(d.getY());
            }
            String algorithm = privateKey.getAlgorithm();
            if (algorithm.equals("Ed25519") || algorithm.equals("Ed448") || algorithm.equals("EdDSA")) {
                byte[] derived = edPublic(privateKey);
                return pub -> derived != null && Arrays.equals(derived, rawPublic(pub));
            }
        } catch (RuntimeException e) {
            // A key whose parameters BouncyCastle cannot map (an exotic curve) cannot be matched: not a pair.
        }
        return pub -> false;
    }

    private static byte[] edPublic(PrivateKey key) {
        byte[] seed = seed(key);
        if (seed == null) {
            return null;
        }
        return seed.length == Ed25519PrivateKeyParameters.KEY_SIZE
                ? new Ed25519PrivateKeyParameters(seed).generatePublicKey().getEncoded()
                : seed.length == Ed448PrivateKeyParameters.KEY_SIZE
                ? new Ed448PrivateKeyParameters(seed).generatePublicKey().getEncoded() : null;
    }

    private static byte[] rawPublic(PublicKey key) {
        try {
            return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The raw private seed of an EdDSA key from its PKCS#8 encoding (RFC 8410: an OCTET STRING in an OCTET STRING). */
    private static byte[] seed(PrivateKey key) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            return ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
