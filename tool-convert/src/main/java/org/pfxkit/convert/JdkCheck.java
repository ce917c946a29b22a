package org.pfxkit.convert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.pfxkit.shared.error.PfxkitException;

/**
 * An independent check of a PFX we wrote: the JDK's own PKCS#12 reader (not BouncyCastle, which wrote it) must verify
 * the MAC, decrypt the key, find that the key signs what the leaf's public key verifies, and see the whole chain.
 * Fine for our own output; never used to read users' files (JDK 17 misses plain key bags and AES-192 PBES2).
 */
final class JdkCheck {
    private static final byte[] PROBE = "pfxkit key/certificate probe".getBytes(StandardCharsets.US_ASCII);

    private JdkCheck() {
    }

    /** Throws an internal error (exit 70) when the JDK disagrees with what we meant to write. */
    static void verify(byte[] pfx, char[] password, X509Certificate leaf, int expectedChainLength)
            throws PfxkitException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pfx), password);
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw failed("the JDK found " + keyAliases.size() + " key entries instead of 1", null);
            }
            String alias = keyAliases.get(0);
            Key key = store.getKey(alias, password);
            Certificate[] chain = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || chain == null || !leaf.equals(chain[0])) {
                throw failed("the JDK does not pair the key with the leaf certificate", null);
            }
            if (!signsFor(privateKey, leaf)) {
                throw failed("the key read back by the JDK does not match the leaf certificate", null);
            }
            if (chain.length != expectedChainLength) {
                throw failed("the JDK sees a chain of " + chain.length + " certificates instead of "
                        + expectedChainLength, null);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw failed("the JDK cannot open the PFX just written: " + e.getMessage(), e);
        }
    }

    /** Signs a probe with the private key and verifies it with the certificate: true only for a real pair. */
    private static boolean signsFor(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448: the key names its own scheme
        };
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(PROBE);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(PROBE);
        return verifier.verify(signature);
    }

    private static PfxkitException failed(String what, Throwable cause) {
        return PfxkitException.internal("self-check of the written PFX failed: " + what
                + "; nothing was written", cause);
    }
}
