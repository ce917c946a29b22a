package org.pfxkit.convert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyPairing;
import org.pfxkit.shared.pem.Certificates;
import org.pfxkit.shared.pem.ParsedFile;

/**
 * An independent check of a PFX we wrote: the JDK's own PKCS#12 reader (not BouncyCastle, which wrote it) must verify
 * the MAC, decrypt the key, find that it is the private half of the leaf's public key, and see the whole chain.
 * Fine for our own output; never used to read users' files.
 */
final class JdkCheck {
    private JdkCheck() {
    }

    /**
     * Refuses, before anything is written, a certificate the JDK cannot read (pfxkit reads it with BouncyCastle, as
     * Windows does): Java could not open a PFX holding it, and the check below could not run on it.
     */
    static void requireReadable(List<X509Certificate> chain, List<ParsedFile> inputs) throws PfxkitException {
        for (X509Certificate certificate : chain) {
            if (Certificates.refusedByTheJdk(certificate)) {
                boolean noIssuer = certificate.getIssuerX500Principal().getEncoded().length == 2;
                throw new PfxkitException(Problem.NOT_READABLE_BY_JAVA, "the certificate " + where(certificate, inputs)
                        + (noIssuer ? " has an empty issuer (RFC 5280 4.1.2.4 forbids it)"
                                : " has an empty subject and a non-critical subjectAltName (RFC 5280 4.2.1.6 forbids it)")
                        + ": Java cannot read it, so Java could not open the PFX; nothing was written",
                        "issue the certificate again with a subject, e.g. openssl req -x509 -subj /CN=example.com "
                                + "-addext subjectAltName=DNS:example.com; for a Windows-only PFX, openssl pkcs12 "
                                + "-export takes it as it is");
            }
        }
    }

    private static String where(X509Certificate certificate, List<ParsedFile> inputs) {
        return inputs.stream().flatMap(input -> input.certificates().stream())
                .filter(located -> located.value().equals(certificate)).findFirst()
                .map(located -> "in " + located.where()).orElse("'" + certificate.getSubjectX500Principal() + "'");
    }

    /** Throws an internal error (exit 70) when the JDK disagrees with what we meant to write. */
    static void verify(byte[] pfx, char[] password, X509Certificate leaf, int expectedChainLength)
            throws PfxkitException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pfx), password);
            String alias = onlyKeyAlias(store);
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || !leaf.equals(chain[0])) {
                throw failed("the JDK does not pair the key with the leaf certificate", null);
            }
            if (chain.length != expectedChainLength) {
                throw failed("the JDK sees a chain of " + chain.length + " certificates instead of "
                        + expectedChainLength, null);
            }
            Key key = store.getKey(alias, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw failed("the JDK reads the key entry '" + alias + "' as "
                        + (key == null ? "nothing" : "a " + key.getAlgorithm() + " secret key"), null);
            }
            // The exact pairing test (modulus and exponent for RSA, the public point for EC) rather than a probe
            // signature: the same assurance without a private-key operation.
            if (!KeyPairing.matches(privateKey, leaf.getPublicKey())) {
                throw failed("the key read back by the JDK does not match the leaf certificate", null);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw failed("the JDK cannot open the PFX just written: " + e.getMessage(), e);
        }
    }

    private static String onlyKeyAlias(KeyStore store) throws GeneralSecurityException, PfxkitException {
        List<String> keyAliases = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keyAliases.add(alias);
            }
        }
        if (keyAliases.size() != 1) {
            throw failed("the JDK found " + keyAliases.size() + " key entries instead of 1", null);
        }
        return keyAliases.get(0);
    }

    private static PfxkitException failed(String what, Throwable cause) {
        return PfxkitException.internal("self-check of the written PFX failed: " + what
                + "; nothing was written", cause);
    }
}
