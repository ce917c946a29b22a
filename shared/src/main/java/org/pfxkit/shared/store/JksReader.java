package org.pfxkit.shared.store;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
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
        KeyStore store = load(type, content, null, file, source);
        List<String> aliases;
        try {
            aliases = Collections.list(store.aliases());
            boolean hasKeys = false;
            for (String alias : aliases) {
                hasKeys |= store.isKeyEntry(alias);
            }
            if (!hasKeys) {
                return build(file, store, aliases, null, where, source);
            }
        } catch (GeneralSecurityException e) {
            throw new PfxkitException(Problem.BAD_STORE, where + " cannot be listed", "the file is damaged", e);
        }
        char[] password = source.read();
        try {
            KeyStore unlocked = load(type, content, password, file, source);
            return build(file, unlocked, Collections.list(unlocked.aliases()), password, where, source);
        } catch (GeneralSecurityException e) {
            throw new PfxkitException(Problem.BAD_STORE, where + " cannot be listed", "the file is damaged", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static KeyStore load(String type, byte[] content, char[] password, Path file, PasswordSource source)
            throws PfxkitException {
        String where = type + " store '" + file + "'";
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(new ByteArrayInputStream(content), password);
            return store;
        } catch (IOException e) {
            if (password != null && e.getCause() instanceof UnrecoverableKeyException) {
                throw badPassword(where, file, source, "its integrity check fails");
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

    private static Keystore build(Path file, KeyStore store, List<String> aliases, char[] password, String where,
                                  PasswordSource source) throws GeneralSecurityException, PfxkitException {
        List<KeyCertPairing.CertItem> certificates = new ArrayList<>();
        List<KeyCertPairing.KeyItem> keys = new ArrayList<>();
        Set<Certificate> seen = new HashSet<>();
        for (String alias : aliases) {
            BagAttributes named = new BagAttributes(alias, null, null, false, List.of());
            if (store.isKeyEntry(alias)) {
                PrivateKey key = key(store, alias, password, where, file, source);
                if (key != null) {
                    keys.add(new KeyCertPairing.KeyItem(key, named));
                }
                Certificate[] chain = store.getCertificateChain(alias);
                for (int i = 0; chain != null && i < chain.length; i++) {
                    if (chain[i] instanceof X509Certificate x509 && seen.add(x509)) {
                        certificates.add(new KeyCertPairing.CertItem(x509, i == 0 ? named : BagAttributes.NONE));
                    }
                }
            } else if (store.getCertificate(alias) instanceof X509Certificate x509 && seen.add(x509)) {
                certificates.add(new KeyCertPairing.CertItem(x509, named));
            }
        }
        KeyCertPairing.Paired paired = KeyCertPairing.pair(certificates, keys);
        return new Keystore(file, Keystore.Format.JKS, paired.fileOrder(),
                EnumerationOrder.of(Keystore.Format.JKS, paired.fileOrder()), paired.keysWithoutCertificate());
    }

    private static PrivateKey key(KeyStore store, String alias, char[] password, String where, Path file,
                                  PasswordSource source) throws GeneralSecurityException, PfxkitException {
        try {
            Key key = store.getKey(alias, password);
            return key instanceof PrivateKey privateKey ? privateKey : null;
        } catch (UnrecoverableKeyException e) {
            throw badPassword(where, file, source, "the key of alias '" + alias + "' does not unlock");
        }
    }

    private static PfxkitException badPassword(String where, Path file, PasswordSource source, String what) {
        return new PfxkitException(Problem.BAD_PASSWORD, "cannot open " + where + ": " + what
                + " with the password from " + source.describe() + ", so the password is wrong",
                "give the right password with --password-file FILE (first line), or put it in '"
                        + PasswordSource.besideStore(file) + "' beside the store");
    }
}
