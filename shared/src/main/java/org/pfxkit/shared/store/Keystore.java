package org.pfxkit.shared.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;

/**
 * A keystore opened for reading: PKCS#12/PFX, JKS, a PEM bundle, or a single DER or PEM certificate, recognised by
 * content. Certificates are listed in two orders: the file's, and the order in which Windows' CryptoAPI enumerates
 * them after {@code PFXImportCertStore} (what {@code cert_store_find_certificate $store any} returns first).
 */
public final class Keystore {
    /** What the content was recognised as; JKS covers JCEKS too (both read by the JDK's KeyStore). */
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
        byte[] content = readFile(file);
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
                case PEM_OR_DER -> PemStoreReader.read(nameForMessages, content, password);
            };
        } catch (RuntimeException | StackOverflowError e) {
            // A parser meeting malformed input in a way nobody foresaw: still the user's file, not our bug.
            throw new PfxkitException(Problem.BAD_STORE, "'" + nameForMessages + "' cannot be read as a keystore ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    "the file is corrupt or not a keystore; give the PFX, JKS or PEM file itself", e);
        }
    }

    private static byte[] readFile(Path file) throws PfxkitException {
        try {
            if (Files.isDirectory(file)) {
                throw new PfxkitException(Problem.BAD_USAGE, "'" + file + "' is a folder, not a keystore",
                        "give the PFX, JKS or PEM file itself");
            }
            long size = Files.size(file);
            if (size > MAX_SIZE) {
                throw new PfxkitException(Problem.BAD_STORE, "'" + file + "' has " + size
                        + " bytes, too large for a keystore (at most " + MAX_SIZE + ")",
                        "give the PFX, JKS or PEM file itself");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PfxkitException(Problem.FILE_NOT_FOUND, "keystore '" + file + "' does not exist",
                    "check the path and the current folder");
        } catch (IOException e) {
            throw new PfxkitException(Problem.ENVIRONMENT, "cannot read keystore '" + file + "': "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    "check the file's permissions");
        }
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

    /**
     * Certificates in Windows' enumeration order: the order 'any' and a looping subject search see. For PKCS#12 the
     * reverse of {@link #fileOrder()} (docs/enumeration-order.md gives the evidence); for JKS the order of
     * {@code KeyStore.aliases()}; for PEM and DER the file order.
     */
    public List<StoreEntry> enumerationOrder() {
        return enumerationOrder;
    }

    /** Private keys for which the store holds no certificate (key-only PKCS#12 files). */
    public List<PrivateKey> keysWithoutCertificate() {
        return keysWithoutCertificate;
    }
}
