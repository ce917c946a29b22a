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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.keys.KeyPairing;

/**
 * An independent check of a PFX we wrote: the JDK's own PKCS#12 reader (not BouncyCastle, which wrote it) must verify
 * the MAC, decrypt the key, find that it is the private half of the leaf's public key, and see the whole chain.
 * Fine for our own output; never used to read users' files (JDK 17 misses plain key bags and AES-192 PBES2).
 *
 * <p>The JDK runs the file's three password-based key derivations one after the other (the MAC's and the
 * certificates' in {@code load}, the key's in {@code getKey}); they are most of the check's time. The key is therefore
 * read on a second thread from a second JDK KeyStore, loaded without a password: JDK 17's PKCS12KeyStore then skips
 * the MAC and the encrypted certificates (sun.security.pkcs12.PKCS12KeyStore#engineLoad) but keeps the shrouded key,
 * which {@code getKey} decrypts with the password. The main thread's KeyStore, loaded with the password, checks the
 * MAC, the entries and the chain. Both are the JDK's reading of the same bytes.
 */
final class JdkCheck {
    private JdkCheck() {
    }

    /** Throws an internal error (exit 70) when the JDK disagrees with what we meant to write. */
    static void verify(byte[] pfx, char[] password, X509Certificate leaf, int expectedChainLength)
            throws PfxkitException {
        FutureTask<KeyEntry> keyReading = new FutureTask<>(new KeyReading(pfx, password));
        Thread keyThread = new Thread(keyReading, "pfxkit-self-check");
        keyThread.setDaemon(true);
        keyThread.start();
        try {
            KeyStore store = load(pfx, password);
            String alias = onlyKeyAlias(store);
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || !leaf.equals(chain[0])) {
                throw failed("the JDK does not pair the key with the leaf certificate", null);
            }
            if (chain.length != expectedChainLength) {
                throw failed("the JDK sees a chain of " + chain.length + " certificates instead of "
                        + expectedChainLength, null);
            }
            KeyEntry key = keyReading.get();
            if (!alias.equals(key.alias())) {
                throw failed("the JDK names the key entry '" + key.alias() + "' without the password and '"
                        + alias + "' with it", null);
            }
            // The exact pairing test (modulus and exponent for RSA, the public point for EC) rather than a probe
            // signature: the same assurance without a private-key operation, about 11 ms of one conversion's CPU.
            if (!KeyPairing.matches(key.key(), leaf.getPublicKey())) {
                throw failed("the key read back by the JDK does not match the leaf certificate", null);
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PfxkitException problem) {
                throw problem;
            }
            throw failed("the JDK cannot decrypt the key in the PFX just written: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted", e);
        } catch (IOException | GeneralSecurityException e) {
            throw failed("the JDK cannot open the PFX just written: " + e.getMessage(), e);
        } finally {
            // The caller wipes the password when this returns: the key's thread must be done with it by then.
            awaitQuietly(keyThread);
        }
    }

    private record KeyEntry(String alias, PrivateKey key) {
    }

    /** The key's half of the check, on its own thread. */
    private static final class KeyReading implements Callable<KeyEntry> {
        private final byte[] pfx;
        private final char[] password;

        KeyReading(byte[] pfx, char[] password) {
            this.pfx = pfx;
            this.password = password;
        }

        @Override
        public KeyEntry call() throws IOException, GeneralSecurityException, PfxkitException {
            KeyStore store = load(pfx, null);
            String alias = onlyKeyAlias(store);
            Key key = store.getKey(alias, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw failed("the JDK reads the key entry '" + alias + "' as "
                        + (key == null ? "nothing" : "a " + key.getAlgorithm() + " secret key"), null);
            }
            return new KeyEntry(alias, privateKey);
        }
    }

    private static KeyStore load(byte[] pfx, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(pfx), password);
        return store;
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

    private static void awaitQuietly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static PfxkitException failed(String what, Throwable cause) {
        return PfxkitException.internal("self-check of the written PFX failed: " + what
                + "; nothing was written", cause);
    }
}
