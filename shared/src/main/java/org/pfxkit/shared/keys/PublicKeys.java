package org.pfxkit.shared.keys;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Optional;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Derives the public key that belongs to a private key, exactly: RSA from the CRT key's modulus and public exponent,
 * EC by multiplying the curve's generator by the private scalar (SEC1 3.2.1), Ed25519/Ed448 by RFC 8032 5.1.5/5.2.5.
 * The JDK has no public API for either: EC uses BouncyCastle's fixed-point comb multiplier (on its constant-time
 * custom field arithmetic for the named curves), Ed25519/Ed448 BouncyCastle's RFC 8032 code, loaded only for such keys.
 */
final class PublicKeys {
    /** SubjectPublicKeyInfo headers for RFC 8410 keys: SEQUENCE { SEQUENCE { OID }, BIT STRING (0 unused bits) }. */
    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] ED448_SPKI = HexFormat.of().parseHex("3043300506032b6571033a00");

    private PublicKeys() {
    }

    /** The public key, or empty when the key's type or form does not allow deriving it (never throws). */
    static Optional<PublicKey> derive(PrivateKey key) {
        Optional<PublicKey> derived = deriveFromJdkTypes(key);
        if (derived.isEmpty() && "PKCS#8".equals(key.getFormat()) && key.getEncoded() != null) {
            // A provider's own key class (not implementing the java.security.interfaces types): re-read it as a JDK key.
            try {
                PrivateKey jdkKey = KeyFactory.getInstance(key.getAlgorithm())
                        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
                if (jdkKey.getClass() != key.getClass()) {
                    return deriveFromJdkTypes(jdkKey);
                }
            } catch (Exception e) {
                return Optional.empty();
            }
        }
        return derived;
    }

    private static Optional<PublicKey> deriveFromJdkTypes(PrivateKey key) {
        try {
            if (key instanceof RSAPrivateCrtKey rsa && rsa.getPublicExponent().signum() > 0) {
                return Optional.of(KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())));
            }
            if (key instanceof ECPrivateKey ec) {
                ECPoint w = publicPoint(ec.getParams(), ec.getS());
                return Optional.of(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams())));
            }
            if (key instanceof EdECPrivateKey ed && ed.getBytes().isPresent()) {
                byte[] secret = ed.getBytes().get();
                boolean is448 = "Ed448".equals(ed.getParams().getName());
                byte[] spki = is448 ? ED448_SPKI : ED25519_SPKI;
                byte[] encoded = java.util.Arrays.copyOf(spki, spki.length + (is448 ? 57 : 32));
                if (is448) {
                    org.bouncycastle.math.ec.rfc8032.Ed448.generatePublicKey(secret, 0, encoded, spki.length);
                } else {
                    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(secret, 0, encoded, spki.length);
                }
                java.util.Arrays.fill(secret, (byte) 0);
                return Optional.of(KeyFactory.getInstance(is448 ? "Ed448" : "Ed25519")
                        .generatePublic(new X509EncodedKeySpec(encoded)));
            }
        } catch (Exception e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * d * G. A named curve uses BouncyCastle's custom curve (constant-time field arithmetic); the JDK gives the
     * curve's standard name ("secp256r1") through its AlgorithmParameters. Any other prime curve uses BouncyCastle's
     * generic one.
     */
    private static ECPoint publicPoint(ECParameterSpec params, BigInteger d) throws Exception {
        X9ECParameters named = null;
        try {
            AlgorithmParameters jdk = AlgorithmParameters.getInstance("EC");
            jdk.init(params);
            named = CustomNamedCurves.getByName(jdk.getParameterSpec(ECGenParameterSpec.class).getName());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            named = null; // not a curve the JDK names: the generic curve below
        }
        org.bouncycastle.math.ec.ECPoint g;
        if (named != null) {
            g = named.getG();
        } else {
            ECCurve curve = new ECCurve.Fp(((ECFieldFp) params.getCurve().getField()).getP(), params.getCurve().getA(),
                    params.getCurve().getB(), params.getOrder(), BigInteger.valueOf(params.getCofactor()));
            g = curve.createPoint(params.getGenerator().getAffineX(), params.getGenerator().getAffineY());
        }
        BigInteger scalar = d.mod(params.getOrder());
        if (scalar.signum() == 0) {
            throw new IllegalArgumentException("the private scalar is a multiple of the group order");
        }
        org.bouncycastle.math.ec.ECPoint q = new FixedPointCombMultiplier().multiply(g, scalar).normalize();
        return new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    }

    /** Two public keys are the same key: RSA modulus and exponent, EC point and curve, otherwise equal encodings. */
    static boolean same(PublicKey a, PublicKey b) {
        if (a instanceof java.security.interfaces.RSAPublicKey ra && b instanceof java.security.interfaces.RSAPublicKey rb) {
            return ra.getModulus().equals(rb.getModulus()) && ra.getPublicExponent().equals(rb.getPublicExponent());
        }
        if (a instanceof java.security.interfaces.ECPublicKey ea && b instanceof java.security.interfaces.ECPublicKey eb) {
            return ea.getW().equals(eb.getW()) && sameCurve(ea.getParams(), eb.getParams());
        }
        return java.util.Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }
}
