package org.pfxkit.shared.store;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.io.InputFile;
import org.pfxkit.shared.pem.MaterialReader;
import org.pfxkit.shared.pem.ParsedFile;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.store.KeyCertPairing.CertItem;
import org.pfxkit.shared.store.KeyCertPairing.KeyItem;

/**
 * A keystore opened for reading: PKCS#12/PFX, JKS, a PEM bundle, or a single DER or PEM certificate, recognised by
 * content. Certificates are listed in two orders: the file's, and the order in which Windows' CryptoAPI enumerates
 * them after {@code PFXImportCertStore} (what {@code cert_store_find_certificate $store any} returns first).
 *
 * @param path                   the file, or the name given for content already in memory
 * @param format                 what the content was recognised as
 * @param fileOrder              certificates in the order the file holds them
 * @param keysWithoutCertificate private keys for which the store holds no certificate (key-only PKCS#12 files)
 */
public record Keystore(Path path, Format format, List<StoreEntry> fileOrder, List<PrivateKey> keysWithoutCertificate) {
    /** What the content was recognised as; JKS covers JCEKS too (both read by the JDK's KeyStore). */
    public enum Format { PKCS12, JKS, PEM, DER }

    public Keystore {
        fileOrder = List.copyOf(fileOrder);
        keysWithoutCertificate = List.copyOf(keysWithoutCertificate);
    }

    /** Files larger than this are refused: a keystore of 10,000 certificates is about 15 MiB. */
    static final long MAX_SIZE = 64L << 20;

    /**
     * Opens any supported store, recognised by content: PKCS#12/PFX, JKS, JCEKS, a PEM bundle, or a single PEM or DER
     * certificate. The password is read only when the store needs one (a PKCS#12 MAC or encryption, JKS private keys,
     * an encrypted PEM key) and is zeroed after use. An empty PKCS#12 password is tried in both encodings (BMP
     * {@code 00 00} and zero-length).
     *
     * @throws PfxkitException FILE_NOT_FOUND, BAD_STORE, TRUNCATED, BAD_PASSWORD, UNSUPPORTED_ALGORITHM,
     *                         UNSUPPORTED_KEY, the password source's own problems, or those of PEM reading; never
     *                         another exception
     */
    public static Keystore open(Path file, PasswordSource password) throws PfxkitException {
        Objects.requireNonNull(file, "file");
        byte[] content = InputFile.read(file, "keystore", MAX_SIZE, Problem.BAD_STORE,
                "give the PFX, JKS or PEM file itself");
        try {
            return open(content, file, password);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * As {@link #open(Path, PasswordSource)} for content already in memory (a store from a secret manager, a test);
     * {@code nameForMessages} is what messages and {@link #path()} show. The content is not modified.
     */
    public static Keystore open(byte[] content, Path nameForMessages, PasswordSource password)
            throws PfxkitException {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(nameForMessages, "nameForMessages");
        Objects.requireNonNull(password, "password");
        try {
            return switch (StoreSniffer.sniff(nameForMessages, content)) {
                case PKCS12 -> Pkcs12Reader.read(nameForMessages, content, password);
                case JKS -> JksReader.read(nameForMessages, content, "JKS", password);
                case JCEKS -> JksReader.read(nameForMessages, content, "JCEKS", password);
                case PEM_OR_DER -> pemOrDer(nameForMessages, content, password);
            };
        } catch (RuntimeException | StackOverflowError e) {
            // A parser meeting malformed input in a way nobody foresaw: still the user's file, not our bug.
            throw new PfxkitException(Problem.BAD_STORE, "'" + nameForMessages + "' cannot be read as a keystore ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    "the file is corrupt or not a keystore; give the PFX, JKS or PEM file itself", e);
        }
    }

    /**
     * A PEM bundle or a single PEM/DER certificate, read by {@link MaterialReader}: certificates in file order, each
     * with the private key from the same file that belongs to it. The password is asked for only for an encrypted key.
     */
    private static Keystore pemOrDer(Path file, byte[] content, PasswordSource password) throws PfxkitException {
        ParsedFile parsed = MaterialReader.read(content, file, password);
        return KeyCertPairing.pair(file, parsed.encoding() == ParsedFile.Encoding.DER ? Format.DER : Format.PEM,
                parsed.certificates().stream().map(c -> new CertItem(c.value(), BagAttributes.NONE)).toList(),
                parsed.keys().stream().map(k -> new KeyItem(k.value(), BagAttributes.NONE)).toList());
    }

    /** BAD_PASSWORD, worded alike for every format: what failed with which password, and where to give another. */
    static PfxkitException wrongPassword(String store, Path file, String what, String tried) {
        return new PfxkitException(Problem.BAD_PASSWORD, "cannot open " + store + ": " + what + " with " + tried
                + ", so the password is wrong", "give the right password with --password-file FILE (first line), or"
                + " put it in '" + PasswordSource.besideStore(file) + "' beside the store");
    }

    /**
     * Certificates in Windows' enumeration order: what {@code CERT_FIND_ANY} returns first and what a looping subject
     * search walks. The rule and its evidence are in docs/enumeration-order.md.
     *
     * <p>PKCS#12: the exact reverse of the file's certificate-bag order, across all SafeContents, whatever bag holds
     * the key. {@code PFXImportCertStore} adds the certificates one by one, in bag order, to a memory store
     * ({@code CertOpenStore(CERT_STORE_PROV_MEMORY)}), and a memory store puts each new certificate at the head of its
     * list (Wine dlls/crypt32/store.c MemStore_addContext: list_add_head; MemStore_enumContext walks from list_head).
     * .NET's UnixPkcs12Reader.EnumerateAll, written to give Windows' order on Linux and macOS, returns the bags from
     * the last to the first.
     *
     * <p>JKS/JCEKS: the order of {@code KeyStore.aliases()} (a hash order the JDK does not define). PEM and DER: the
     * file's order; these are not PFX imports, and pfxkit assumes a store built from them lists certificates as read.
     */
    public List<StoreEntry> enumerationOrder() {
        return format == Format.PKCS12 ? fileOrder.reversed() : fileOrder;
    }

    /** Not a record's default, which would print the private keys (the JDK's RSA key prints its private exponent). */
    @Override
    public String toString() {
        return format + " keystore '" + path + "' with " + fileOrder.size() + " certificates";
    }
}
