package org.pfxkit.server;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509KeyManager;

import org.pfxkit.server.internal.SelfSigned;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.Assembly;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.keys.KeyPairing;
import org.pfxkit.shared.pem.MaterialReader;
import org.pfxkit.shared.pem.ParsedFile;
import org.pfxkit.shared.secret.ImplicitStorePassword;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.store.BagAttributes;
import org.pfxkit.shared.store.Keystore;
import org.pfxkit.shared.store.StoreEntry;

/**
 * Where a server's key and certificate come from: key material in hand, PEM key and certificate files (read by the
 * same code as pfxconvert), a keystore file or a {@link java.security.KeyStore} searched with a
 * {@link CertificateSelector} (the same matcher as certfind), or the embedded self-signed localhost default.
 */
public abstract class KeySource {
    KeySource() {
    }

    /** Where it comes from, for messages. */
    public abstract String describe();

    /** Reads the source and chooses the certificate; the selector applies to keystores only (null: 'any'). */
    abstract ChosenCertificate choose(CertificateSelector selector) throws PfxkitException;

    /**
     * Reads the source and chooses the certificate as a server would ({@code selector} for keystores; null: 'any'),
     * with the reasons. {@link ChosenCertificate#keyManager()} and {@link ChosenCertificate#sslContext()} hand it to
     * any Java TLS code.
     */
    public ChosenCertificate select(CertificateSelector selector) throws PfxkitException {
        return choose(selector);
    }

    /** The chosen certificate's JDK key manager: {@code select(selector).keyManager()}. */
    public X509KeyManager keyManager(CertificateSelector selector) throws PfxkitException {
        return choose(selector).keyManager();
    }

    /** A JDK {@code SSLContext} presenting the chosen certificate: {@code select(selector).sslContext()}. */
    public SSLContext sslContext(CertificateSelector selector) throws PfxkitException {
        return choose(selector).sslContext();
    }

    /** The files it reads, watched for a reload; empty for material held in memory. */
    Set<Path> files() {
        return Set.of();
    }

    /** Key material already in hand. */
    public static KeySource of(KeyMaterial material) {
        return new KeySource() {
            @Override
            public String describe() {
                return "the key material given";
            }

            @Override
            ChosenCertificate choose(CertificateSelector selector) throws PfxkitException {
                rejectSelector(selector, this);
                return new ChosenCertificate(material, describe(), List.of("key material given directly"));
            }
        };
    }

    /**
     * A private key file and a certificate file (PEM or DER, recognised by content), paired by comparing public keys
     * (KeyPairing, as pfxconvert does); the certificate file may carry the chain.
     *
     * @param keyPassword read only when the key is encrypted; may be null
     */
    public static KeySource pem(Path keyFile, Path certificateFile, PasswordSource keyPassword) {
        return new KeySource() {
            @Override
            public String describe() {
                return "'" + keyFile + "' and '" + certificateFile + "'";
            }

            @Override
            ChosenCertificate choose(CertificateSelector selector) throws PfxkitException {
                rejectSelector(selector, this);
                List<ParsedFile> files = new ArrayList<>(2);
                files.add(MaterialReader.read(keyFile, keyPassword));
                files.add(MaterialReader.read(certificateFile, keyPassword));
                Assembly assembly = KeyPairing.assembleReport(files);
                // Named by where each was found, not by the option that named the file: with --key and --cert
                // swapped, "the certificate in 'private.pem'" would send the reader to the wrong file.
                Path leafFile = assembly.leaf().file();
                Path foundKeyFile = assembly.key().file();
                String why = "the certificate in '" + leafFile + "' whose public key matches the private key in '"
                        + foundKeyFile + "'";
                if (!leafFile.equals(certificateFile) && !foundKeyFile.equals(keyFile)) {
                    why += " (--key and --cert are the other way round; either order works)";
                }
                return new ChosenCertificate(assembly.material(), describe(), List.of(why));
            }

            @Override
            Set<Path> files() {
                return Set.of(keyFile, certificateFile);
            }
        };
    }

    /**
     * A keystore file (PKCS#12/PFX, JKS, or a PEM bundle, recognised by content, read by the same code as certfind),
     * searched in Windows' enumeration order by the {@link CertificateSelector} ('any' when none is given).
     *
     * @param password null when none was given: the empty password, then a prompt on the terminal, else
     *                 {@link Problem#PASSWORD_REQUIRED}
     */
    public static KeySource store(Path file, PasswordSource password) {
        return new KeySource() {
            @Override
            public String describe() {
                return "'" + file + "'";
            }

            @Override
            ChosenCertificate choose(CertificateSelector selector) throws PfxkitException {
                Keystore store = ImplicitStorePassword.open(file, password, given -> Keystore.open(file, given));
                return StoreChoice.choose(store.enumerationOrder(), describe(), selector,
                        "certfind " + certfindOption(selector) + "'" + file + "'");
            }

            @Override
            Set<Path> files() {
                return Set.of(file, PasswordSource.besideStore(file));
            }
        };
    }

    /**
     * A {@link KeyStore} already loaded, searched in its alias order (a KeyStore keeps no Windows order): each key
     * entry's certificate with its key, then every other certificate it holds.
     *
     * @param keyPassword the password of the key entries (read once, zeroed after use)
     */
    public static KeySource keyStore(KeyStore keyStore, PasswordSource keyPassword) {
        return new KeySource() {
            @Override
            public String describe() {
                return "the " + keyStore.getType() + " KeyStore";
            }

            @Override
            ChosenCertificate choose(CertificateSelector selector) throws PfxkitException {
                return StoreChoice.choose(entries(keyStore, keyPassword), describe(), selector,
                        "certfind " + certfindOption(selector) + "on the keystore file");
            }
        };
    }

    private static List<StoreEntry> entries(KeyStore keyStore, PasswordSource keyPassword) throws PfxkitException {
        char[] password = keyPassword == null ? new char[0] : keyPassword.read();
        try {
            List<StoreEntry> entries = new ArrayList<>();
            List<X509Certificate> others = new ArrayList<>();
            for (String alias : Collections.list(keyStore.aliases())) {
                Certificate[] chain = keyStore.getCertificateChain(alias);
                if (keyStore.isKeyEntry(alias) && chain != null && chain.length > 0
                        && chain[0] instanceof X509Certificate leaf) {
                    Key key = keyStore.getKey(alias, password);
                    entries.add(new StoreEntry(entries.size() + 1, leaf, key instanceof PrivateKey p ? p : null,
                            BagAttributes.NONE, BagAttributes.NONE));
                    for (int i = 1; i < chain.length; i++) {
                        others.add((X509Certificate) chain[i]);
                    }
                } else if (keyStore.getCertificate(alias) instanceof X509Certificate c) {
                    others.add(c);
                }
            }
            for (X509Certificate c : others) {
                if (entries.stream().noneMatch(e -> e.certificate().equals(c))) {
                    entries.add(new StoreEntry(entries.size() + 1, c, null, BagAttributes.NONE, BagAttributes.NONE));
                }
            }
            return entries;
        } catch (GeneralSecurityException e) {
            throw new PfxkitException(Problem.BAD_PASSWORD, "cannot read the keys of " + keyStore.getType()
                    + " KeyStore: " + e.getMessage(), "check the key password", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static String certfindOption(CertificateSelector selector) {
        if (selector == null) {
            return "--any ";
        }
        return switch (selector.kind()) {
            case SUBJECT_SUBSTRING -> "--subject '" + selector.argument() + "' ";
            case ANY -> "--any ";
            case SHA1 -> "--sha1 '" + selector.argument() + "' ";
        };
    }

    /** The embedded default: a throw-away self-signed ECDSA P-256 certificate for localhost, made in memory. */
    public static KeySource selfSignedLocalhost() {
        return new KeySource() {
            @Override
            public String describe() {
                return "the embedded default";
            }

            @Override
            ChosenCertificate choose(CertificateSelector selector) throws PfxkitException {
                rejectSelector(selector, this);
                return new ChosenCertificate(SelfSigned.localhost(), describe(), List.of("no key material was given: "
                        + "a self-signed certificate for localhost (DNS localhost, IP 127.0.0.1 and ::1), made at "
                        + "start-up and valid 30 days; clients must be told to trust it or skip verification"));
            }
        };
    }

    static void rejectSelector(CertificateSelector selector, KeySource source) throws PfxkitException {
        if (selector != null) {
            throw new PfxkitException(Problem.BAD_USAGE, "a certificate search (" + selector.describe()
                    + ") applies to a keystore, not to " + source.describe(),
                    "give a PFX/JKS keystore to search, or leave the search out");
        }
    }
}
