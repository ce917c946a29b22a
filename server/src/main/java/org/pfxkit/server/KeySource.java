package org.pfxkit.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.pfxkit.server.internal.SelfSigned;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.keys.KeyPairing;
import org.pfxkit.shared.pem.MaterialReader;
import org.pfxkit.shared.pem.ParsedFile;
import org.pfxkit.shared.secret.PasswordSource;

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
                KeyMaterial material = KeyPairing.assemble(files);
                return new ChosenCertificate(material, describe(), List.of("the certificate in '" + certificateFile
                        + "' whose public key matches the private key in '" + keyFile + "'"));
            }
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
