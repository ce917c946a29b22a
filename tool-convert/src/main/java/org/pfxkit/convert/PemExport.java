package org.pfxkit.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.io.OutputBatch;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.keys.KeyPairing;
import org.pfxkit.shared.pem.ParsedFile;
import org.pfxkit.shared.secret.ImplicitStorePassword;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.store.Keystore;
import org.pfxkit.shared.store.StoreEntry;
import org.pfxkit.shared.store.PbeEncryption;
import org.pfxkit.shared.store.PfxOptions;

/**
 * The way back: a PFX (or any store {@link Keystore} reads) to {@code NAME.key} (PKCS#8, owner-only, optionally
 * encrypted with PBES2 AES-256) and {@code NAME.crt} (the chain, leaf first), written as one atomic step.
 */
public final class PemExport {
    /**
     * @param base        the output name without extension, or a folder to write the store's name into; null for the
     *                    store's own name beside it
     * @param storePassword   null when none was given: the empty password, then a prompt (ImplicitStorePassword)
     * @param keyPassword encrypts the key when not null
     */
    public record Request(Path store, PasswordSource storePassword, PasswordSource keyPassword, Path base,
                          boolean force) {
    }

    public record Result(KeyMaterial material, Path keyFile, Path certificateFile, boolean keyEncrypted) {
    }

    private PemExport() {
    }

    public static Result run(Request request) throws PfxkitException {
        Keystore store = ImplicitStorePassword.open(request.store(), request.storePassword(),
                password -> Keystore.open(request.store(), password));
        KeyMaterial material = assemble(store);
        Path named = request.base() == null ? request.store() : OutputPath.target(request.base(), request.store());
        Path base = baseName(named).toAbsolutePath().normalize();
        Path keyFile = base.resolveSibling(base.getFileName() + ".key");
        Path certificateFile = base.resolveSibling(base.getFileName() + ".crt");
        byte[] chain = certificatesPem(material.chain());
        byte[] key = privateKeyPem(material.privateKey(), request.keyPassword());
        try {
            new OutputBatch().addSecret(keyFile, key).add(certificateFile, chain).commit(request.force());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return new Result(material, keyFile, certificateFile, request.keyPassword() != null);
    }

    /** The store's one private key and its chain, ordered by {@link KeyPairing}, the one place that does it. */
    private static KeyMaterial assemble(Keystore store) throws PfxkitException {
        List<StoreEntry> withKey = store.fileOrder().stream().filter(StoreEntry::hasPrivateKey).toList();
        if (withKey.isEmpty()) {
            throw new PfxkitException(Problem.NO_PRIVATE_KEY, "'" + store.path() + "' holds no private key with a "
                    + "certificate; there is nothing to export as a key pair",
                    "check that this is the PFX with the key (certfind lists what a store holds)");
        }
        if (withKey.size() > 1) {
            throw new PfxkitException(Problem.TOO_MANY_KEYS, "'" + store.path() + "' holds " + withKey.size()
                    + " private keys; --to-pem exports a store with exactly one", null);
        }
        List<ParsedFile.Located<PrivateKey>> keys = List.of(
                new ParsedFile.Located<>(withKey.get(0).privateKey(), store.path(), 1, 0));
        List<ParsedFile.Located<X509Certificate>> certificates = store.fileOrder().stream()
                .map(e -> new ParsedFile.Located<>(e.certificate(), store.path(), e.fileIndex(), 0)).toList();
        return KeyPairing.assemble(List.of(new ParsedFile(store.path(), ParsedFile.Encoding.DER, keys,
                certificates)));
    }

    /** {@code store.pfx} and {@code --out name.key} both give the base {@code name}. */
    static Path baseName(Path path) {
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        for (String extension : List.of(".pfx", ".p12", ".key", ".crt", ".pem", ".cer")) {
            if (lower.endsWith(extension) && name.length() > extension.length()) {
                return path.resolveSibling(name.substring(0, name.length() - extension.length()));
            }
        }
        return path;
    }

    private static byte[] privateKeyPem(PrivateKey key, PasswordSource keyPassword) throws PfxkitException {
        if (keyPassword == null) {
            return PemText.block("PRIVATE KEY", key.getEncoded(), true);
        }
        char[] password = keyPassword.read();
        byte[] der = key.getEncoded();
        try {
            if (password.length == 0) {
                throw new PfxkitException(Problem.BAD_USAGE, "the key password from " + keyPassword.describe()
                        + " is empty", "give a non-empty key password, or leave it out for an unencrypted key");
            }
            PemObject encrypted = new PKCS8Generator(PrivateKeyInfo.getInstance(der),
                    PbeEncryption.pbes2Aes256(password, PfxOptions.DEFAULT_ITERATIONS)).generate();
            return PemText.block(encrypted.getType(), encrypted.getContent(), false);
        } catch (IOException e) {
            throw PfxkitException.internal("encrypting the private key failed", e);
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(der, (byte) 0);
        }
    }

    private static byte[] certificatesPem(List<X509Certificate> chain) throws PfxkitException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (X509Certificate certificate : chain) {
            try {
                out.writeBytes(PemText.block("CERTIFICATE", certificate.getEncoded(), false));
            } catch (CertificateEncodingException e) {
                throw new PfxkitException(Problem.BAD_DER, "cannot encode certificate '"
                        + certificate.getSubjectX500Principal().getName() + "'", null, e);
            }
        }
        return out.toByteArray();
    }
}
