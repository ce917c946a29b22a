package org.pfxkit.server.internal;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * ECDSA signing for the JDK engine's server key by BouncyCastle's fixed-curve code instead of SunEC's.
 *
 * <p>Why: with an ECDSA P-256 certificate, a third of the JDK engine's server CPU per full TLS 1.3 handshake is
 * the CertificateVerify signature (async-profiler, bench/loadgen): JDK 17's SunEC signs with a generic point
 * multiplication over {@code IntegerPolynomialP256} and no precomputed multiples of the generator
 * ({@code sun.security.ec.ECOperations.multiply}, called from {@code ECDSAOperations.signDigest}). BouncyCastle, which
 * the toolkit already ships, signs with its P-256 field ({@code SecP256R1Curve}) and a fixed-point comb over
 * precomputed multiples of the generator: about twice SunEC's signatures per second here (1,100-1,300 against
 * 2,100-2,600, one thread).
 *
 * <p>Scope: only the server's own key. {@link #wrap} hands JSSE an opaque key ({@link SigningKey}, algorithm "EC",
 * not an {@code ECKey}). SunEC's Signature services accept only {@code ECPrivateKey}/{@code ECPublicKey} (their
 * SupportedKeyClasses), so JCA's delayed provider selection ({@code Signature.Delegate.chooseProvider}) passes over
 * them and picks this provider, which is added last and accepts that class alone: every other signature in the JVM,
 * and every verification, keeps its usual provider. JSSE takes the curve from the certificate when the key does not
 * say it ({@code X509Authentication.X509Possession.getECParameterSpec}, written for keys on tokens), so the
 * signature schemes offered and chosen are the same as with the plain key. The nonce k is random, from the
 * SecureRandom JSSE passes (BouncyCastle's {@code RandomDSAKCalculator}), as SunEC's.
 *
 * <p>{@code -Dpfxkit.jdkEngine.fastEcdsa=false} turns it off (SunEC signs, as before).
 */
final class FastEcdsaSigning {
    static final String PROVIDER_NAME = "PfxkitFastEcdsa";
    private static final boolean ENABLED =
            !"false".equalsIgnoreCase(System.getProperty("pfxkit.jdkEngine.fastEcdsa", "true"));

    private FastEcdsaSigning() {
    }

    /**
     * The key JSSE should sign with: an opaque BouncyCastle-backed key for an EC key on a curve BouncyCastle has
     * fast code for (P-256, P-384, P-521), else {@code key} itself.
     */
    static PrivateKey wrap(PrivateKey key, PublicKey publicKey) {
        if (!ENABLED || !(key instanceof ECPrivateKey) || !"EC".equals(publicKey.getAlgorithm())) {
            return key;
        }
        X9ECParameters curve;
        try {
            ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(SubjectPublicKeyInfo
                    .getInstance(publicKey.getEncoded()).getAlgorithm().getParameters());
            curve = CustomNamedCurves.getByOID(oid);
        } catch (IllegalArgumentException e) {
            return key; // explicit curve parameters: leave it to SunEC
        }
        if (curve == null) {
            return key;
        }
        register();
        ECDomainParameters domain = new ECDomainParameters(curve);
        return new SigningKey(new ECPrivateKeyParameters(((ECPrivateKey) key).getS(), domain));
    }

    private static synchronized void register() {
        if (Security.getProvider(PROVIDER_NAME) == null) {
            Security.addProvider(new FastProvider()); // last: only chosen for SigningKey, see the class comment
        }
    }

    /** An EC private key JSSE can sign with but SunEC does not accept; its value stays in this object. */
    static final class SigningKey implements PrivateKey {
        private static final long serialVersionUID = 1L;
        private final transient ECPrivateKeyParameters parameters;

        SigningKey(ECPrivateKeyParameters parameters) {
            this.parameters = parameters;
        }

        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public String getFormat() {
            return null; // not exportable, as a key on a token
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    private static final class FastProvider extends Provider {
        private static final long serialVersionUID = 1L;

        FastProvider() {
            super(PROVIDER_NAME, "1.0", "pfxkit: ECDSA signing with BouncyCastle for the server's own key");
            Map<String, String> onlyOurKeys = Map.of("SupportedKeyClasses", SigningKey.class.getName());
            for (String digest : List.of("SHA-256", "SHA-384", "SHA-512")) {
                String name = "SHA" + digest.substring(4) + "withECDSA";
                putService(new Service(this, "Signature", name, EcdsaSigner.class.getName(), null, onlyOurKeys) {
                    @Override
                    public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                        return new EcdsaSigner(MessageDigest.getInstance(digest));
                    }
                });
            }
        }
    }

    /** Sign-only SignatureSpi: digest with the JDK's MessageDigest, sign the digest with BouncyCastle's ECDSA. */
    static final class EcdsaSigner extends SignatureSpi {
        private static final SecureRandom FALLBACK_RANDOM = new SecureRandom();
        private final MessageDigest digest;
        private ECPrivateKeyParameters key;
        private SecureRandom random;

        EcdsaSigner(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            engineInitSign(privateKey, null);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey, SecureRandom random) throws InvalidKeyException {
            if (!(privateKey instanceof SigningKey)) {
                throw new InvalidKeyException("only pfxkit's server signing key");
            }
            this.key = ((SigningKey) privateKey).parameters;
            this.random = random;
            digest.reset();
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("sign only");
        }

        @Override
        protected void engineUpdate(byte b) {
            digest.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            if (key == null) {
                throw new SignatureException("not initialised for signing");
            }
            ECDSASigner signer = new ECDSASigner();
            signer.init(true, new ParametersWithRandom(key, random != null ? random : FALLBACK_RANDOM));
            BigInteger[] rs = signer.generateSignature(digest.digest());
            try {
                return StandardDSAEncoding.INSTANCE.encode(key.getParameters().getN(), rs[0], rs[1]);
            } catch (java.io.IOException e) {
                throw new SignatureException(e);
            }
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            throw new SignatureException("sign only");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }
}
