package org.pfxkit.shared.keys;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.pem.ParsedFile;

/**
 * The one place that pairs a private key with its certificate and orders the chain; used by pfxconvert, the server
 * and certfind.
 */
public final class KeyPairing {
    private KeyPairing() {
    }

    /**
     * True when the public key belongs to the private key, compared exactly: the public key derived from the private
     * one (RSA modulus and public exponent, the EC point the private scalar gives, the Ed25519/Ed448 public key the
     * secret gives) equals it; for other key types, and an RSA key without its public exponent, a signature made with
     * the private key is verified with the public one. Never throws: anything odd is "no".
     */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey == null || publicKey == null) {
            return false;
        }
        try {
            Optional<PublicKey> derived = PublicKeys.derive(privateKey);
            return derived.isPresent() ? PublicKeys.same(derived.get(), publicKey)
                    : signatureProbe(privateKey, publicKey);
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /**
     * From any mix of parsed files: the one private key, the certificate whose public key matches it, and the rest
     * ordered as its chain (leaf, intermediates, root), followed by any certificates that are not part of it.
     */
    public static KeyMaterial assemble(List<ParsedFile> files) throws PfxkitException {
        return assembleReport(files).material();
    }

    /** As {@link #assemble}, also telling where the key and leaf came from and which certificates did not link. */
    public static Assembly assembleReport(List<ParsedFile> files) throws PfxkitException {
        return Assembler.assemble(files);
    }

    /** The public key of a private key, when it can be derived (for fingerprints in messages). */
    public static Optional<PublicKey> publicKeyOf(PrivateKey privateKey) {
        return privateKey == null ? Optional.empty() : PublicKeys.derive(privateKey);
    }

    /** Two public keys are one key: RSA modulus and exponent, EC point and curve, otherwise equal encodings. */
    public static boolean samePublicKey(PublicKey a, PublicKey b) {
        return a != null && b != null && PublicKeys.same(a, b);
    }

    /** Two private keys are the same key when their public keys are (PKCS#1 and PKCS#8 copies of one key are). */
    static boolean sameKey(PrivateKey a, PrivateKey b) {
        Optional<PublicKey> pa = PublicKeys.derive(a);
        Optional<PublicKey> pb = PublicKeys.derive(b);
        if (pa.isPresent() && pb.isPresent()) {
            return PublicKeys.same(pa.get(), pb.get());
        }
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    /**
     * The fallback of airlift's PemReader: sign a random probe with the private key, verify with the public one. For an
     * RSA key without a public exponent the JDK signs (with its blinding), rather than code of ours exponentiating with
     * the private exponent.
     */
    private static boolean signatureProbe(PrivateKey privateKey, PublicKey publicKey) throws Exception {
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "Ed25519", "Ed448", "EdDSA" -> privateKey.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(privateKey);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        return verifier.verify(signature);
    }
}
