package org.pfxkit.shared.store;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.store.KeyCertPairing.CertItem;
import org.pfxkit.shared.store.KeyCertPairing.KeyItem;

/**
 * Reads a JKS (magic 0xFEEDFEED) or JCEKS (0xCECECECE) store with the JDK's own KeyStore. Certificates can be listed
 * without a password (KeyStore.load with a null password skips the integrity check, as keytool -list does without
 * -storepass); the password is read only when the store holds private keys, and then verifies the store's integrity
 * and unlocks the keys. Entries follow {@code KeyStore.aliases()}; a key entry's chain follows its leaf, each
 * certificate once. The alias is reported as the friendlyName, which is what keytool writes into a PKCS#12.
 */
final class JksReader {
    private JksReader() {
    }

    static Keystore read(Path file, byte[] content, String type, PasswordSource source) throws PfxkitException {
        String where = type + " store '" + file + "'";
        KeyStore store = load(type, content, null, where, file, source);
        char[] password = null;
        try {
            boolean hasKeys = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKeys |= store.isKeyEntry(alias);
            }
            if (hasKeys) {
                password = source.read();
                store = load(type, content, password, where, file, source);
            }
            return build(file, store, password, where, source);
        } catch (GeneralSecurityException e) {
            throw new PfxkitException(Problem.BAD_STORE, where + " cannot be listed", "the file is damaged", e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static KeyStore load(String type, byte[] content, char[] password, String where, Path file,
                                 PasswordSource source) throws PfxkitException {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(new ByteArrayInputStream(content), password);
            return store;
        } catch (IOException e) {
            if (password != null && e.getCause() instanceof UnrecoverableKeyException) {
                throw Keystore.wrongPassword(where, file, "its integrity check fails",
                        "the password from " + source.describe());
            }
            if (e instanceof EOFException) {
                throw new PfxkitException(Problem.TRUNCATED, where + " is truncated: it ends inside an entry",
                        "copy the whole file again (binary mode, no text conversion)", e);
            }
            throw new PfxkitException(Problem.BAD_STORE, where + " is damaged"
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    "the file is corrupt; make it again with keytool", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PfxkitException(Problem.BAD_STORE, where + " cannot be read", "the file is corrupt", e);
        }
    }

    private static Keystore build(Path file, KeyStore store, char[] password, String where, PasswordSource source)
            throws GeneralSecurityException, PfxkitException {
        List<CertItem> certificates = new ArrayList<>();
        List<KeyItem> keys = new ArrayList<>();
        Set<Certificate> seen = new HashSet<>();
        for (String alias : Collections.list(store.aliases())) {
            BagAttributes named = new BagAttributes(alias, null, null, false, List.of());
            if (store.isKeyEntry(alias)) {
                try {
                    if (store.getKey(alias, password) instanceof PrivateKey key) {
                        keys.add(new KeyItem(key, named));
                    }
                } catch (UnrecoverableKeyException e) {
                    throw Keystore.wrongPassword(where, file, "the key of alias '" + alias + "' does not unlock",
                            "the password from " + source.describe());
                }
                Certificate[] chain = store.getCertificateChain(alias);
                for (int i = 0; chain != null && i < chain.length; i++) {
                    if (chain[i] instanceof X509Certificate x509 && seen.add(x509)) {
                        certificates.add(new CertItem(x509, i == 0 ? named : BagAttributes.NONE));
                    }
                }
            } else if (store.getCertificate(alias) instanceof X509Certificate x509 && seen.add(x509)) {
                certificates.add(new CertItem(x509, named));
            }
        }
        return KeyCertPairing.pair(file, Keystore.Format.JKS, certificates, keys);
    }
}
