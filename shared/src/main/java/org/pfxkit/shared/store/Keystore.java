package org.pfxkit.shared.store;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;

/**
 * A keystore opened for reading: PKCS#12/PFX, JKS, a PEM bundle, or a single DER or PEM certificate, recognised by
 * content. Certificates are listed in two orders: the file's, and the order in which Windows' CryptoAPI enumerates
 * them after {@code PFXImportCertStore} (what {@code cert_store_find_certificate $store any} returns first).
 */
public final class Keystore {
    public enum Format { PKCS12, JKS, PEM, DER }

    private final Path path;
    private final Format format;
    private final List<StoreEntry> fileOrder;
    private final List<StoreEntry> enumerationOrder;
    private final List<PrivateKey> keysWithoutCertificate;

    Keystore(Path path, Format format, List<StoreEntry> fileOrder, List<StoreEntry> enumerationOrder,
             List<PrivateKey> keysWithoutCertificate) {
        this.path = path;
        this.format = format;
        this.fileOrder = List.copyOf(fileOrder);
        this.enumerationOrder = List.copyOf(enumerationOrder);
        this.keysWithoutCertificate = List.copyOf(keysWithoutCertificate);
    }

    /** Opens any supported store; the password is read only when the format needs one. */
    public static Keystore open(Path file, PasswordSource password) throws PfxkitException {
        throw new PfxkitException(Problem.INTERNAL, "keystore reading is being written", null);
    }

    public Path path() {
        return path;
    }

    public Format format() {
        return format;
    }

    /** Certificates in the order the file holds them. */
    public List<StoreEntry> fileOrder() {
        return fileOrder;
    }

    /** Certificates in Windows' enumeration order: the order 'any' and a looping subject search see. */
    public List<StoreEntry> enumerationOrder() {
        return enumerationOrder;
    }

    /** Private keys for which the store holds no certificate (key-only PKCS#12 files). */
    public List<PrivateKey> keysWithoutCertificate() {
        return keysWithoutCertificate;
    }
}
