package org.pfxkit.shared.pem;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.io.InputFile;
import org.bouncycastle.asn1.ASN1InputStream;
import org.pfxkit.shared.secret.PasswordSource;

/**
 * Reads private keys and certificates from PEM or DER files, recognised by content, never by name. PEM may have any
 * text around its blocks; DER may be a certificate, a PKCS#8 (plain or encrypted), PKCS#1 or SEC1 key. A PKCS#12
 * file, a Java keystore or anything else is refused with a message that says what the file is and what to do.
 * The public methods throw nothing but {@link PfxkitException}.
 */
public final class MaterialReader {
    /** A CA bundle is about 0.2 MiB; anything far bigger is not a key or certificate file. */
    static final int MAX_SIZE = 16 * 1024 * 1024;

    private MaterialReader() {
    }

    /**
     * Reads one file. {@code keyPassword} is read only when an encrypted key is met (may be null: then an encrypted key
     * is a {@link Problem#PASSWORD_REQUIRED} error).
     */
    public static ParsedFile read(Path file, PasswordSource keyPassword) throws PfxkitException {
        byte[] content = InputFile.read(file, "key or certificate file", MAX_SIZE, Problem.NOT_PEM,
                "name the key or certificate file itself");
        try {
            return read(content, file, keyPassword);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Reads content already in memory; {@code nameForMessages} is the file named in messages and in the result.
     * The content is not modified.
     */
    public static ParsedFile read(byte[] content, Path nameForMessages, PasswordSource keyPassword)
            throws PfxkitException {
        try (KeyPassword password = new KeyPassword(keyPassword)) {
            return parse(content, nameForMessages, password);
        } catch (RuntimeException | StackOverflowError e) {
            // JDK and BouncyCastle parsers throw unchecked exceptions on some malformed input.
            throw new PfxkitException(Problem.BAD_DER, "'" + nameForMessages + "' cannot be parsed: its content is "
                    + "malformed", "the file is damaged or not a key/certificate file; export it again (--verbose "
                    + "shows the parser's complaint)", e);
        }
    }

    private static ParsedFile parse(byte[] content, Path file, KeyPassword password) throws PfxkitException {
        if (content.length > MAX_SIZE) {
            throw tooLarge(file, content.length);
        }
        if (isBlank(content, 0)) {
            throw notPem(file, "is empty");
        }
        if (ContentSniffer.isPkcs12(content)) {
            throw unexpectedPkcs12(file, "is a PKCS#12 (PFX) key store, not a PEM or DER key or certificate");
        }
        if (ContentSniffer.startsWith(content, "feedfeed") || ContentSniffer.startsWith(content, "cececece")) {
            throw new PfxkitException(Problem.NOT_PEM, "'" + file + "' is a Java key store (JKS/JCEKS), not a PEM "
                    + "or DER key or certificate", "convert it to PKCS#12 first: keytool -importkeystore -srckeystore "
                    + file + " -destkeystore store.pfx -deststoretype PKCS12; then pfxconvert --to-pem store.pfx");
        }
        String text = ContentSniffer.text(content);
        BlockReader reader = new BlockReader(password, new WorkBudget("'" + file + "'"));
        List<PemFraming.Block> blocks = PemFraming.split(text, file);
        ParsedFile.Encoding encoding = ParsedFile.Encoding.PEM;
        if (!blocks.isEmpty()) {
            for (PemFraming.Block block : blocks) {
                reader.pem(block);
            }
        } else if (ContentSniffer.startsLikeDer(content)) {
            readDer(content, file, reader);
            encoding = ParsedFile.Encoding.DER;
        } else {
            throw unrecognised(content, text, file);
        }
        ParsedFile parsed = new ParsedFile(file, encoding, reader.keys, reader.certificates, reader.skipped);
        if (parsed.keys().isEmpty() && parsed.certificates().isEmpty()) {
            throw nothingUsable(parsed);
        }
        return parsed;
    }

    private static void readDer(byte[] content, Path file, BlockReader reader) throws PfxkitException {
        ByteArrayInputStream bytes = new ByteArrayInputStream(content);
        ASN1InputStream in = new ASN1InputStream(bytes, content.length);
        // Tools that append a newline to binary output, or pad with zeros, leave trailing bytes: ignore those.
        for (int number = 1; !isBlank(content, content.length - bytes.available()); number++) {
            Origin origin = new Origin(file, number, 0);
            reader.der(BlockReader.next(in, origin.where()), origin);
        }
    }

    private static PfxkitException unrecognised(byte[] content, String text, Path file) {
        String compact = text.replaceAll("\\s", "");
        if (compact.length() >= 64 && compact.matches("[A-Za-z0-9+/]+={0,2}")) {
            // 64 such characters always decode, to more bytes than a PFX's first header needs.
            if (ContentSniffer.isPkcs12(Base64.getDecoder().decode(compact.substring(0, 64)))) {
                return unexpectedPkcs12(file, "is the base64 text of a PKCS#12 (PFX) key store");
            }
            return notPem(file, "holds base64 text without -----BEGIN and -----END lines");
        }
        if (text.startsWith("PuTTY-User-Key-File-")) {
            return new PfxkitException(Problem.NOT_PEM, "'" + file + "' is a PuTTY key (.ppk), not a PEM key",
                    "export it from PuTTYgen with Conversions > Export OpenSSH key, then convert a copy with "
                            + "ssh-keygen -p -m PKCS8 -f key.pem");
        }
        return notPem(file, isText(content) ? "is text without any -----BEGIN line"
                : "is neither PEM text nor a DER certificate or key");
    }

    private static PfxkitException nothingUsable(ParsedFile parsed) {
        if (parsed.skipped().isEmpty()) {
            return new PfxkitException(Problem.NO_PRIVATE_KEY, "'" + parsed.file() + "' holds only EC PARAMETERS, "
                    + "no key and no certificate", "generate the key itself: openssl genpkey -algorithm EC -pkeyopt "
                    + "ec_paramgen_curve:P-256 -out key.pem");
        }
        String found = parsed.skipped().stream().map(s -> "a " + s.value() + " in block " + s.block()
                + (s.line() > 0 ? " (line " + s.line() + ")" : "")).collect(Collectors.joining(", "));
        return new PfxkitException(Problem.NO_CERTIFICATE, "'" + parsed.file() + "' holds no private key and no "
                + "certificate, only " + found, "a PFX needs the certificate the CA issued (-----BEGIN CERTIFICATE) "
                + "and its private key; a public key or certificate request is not enough");
    }

    static PfxkitException notPem(Path file, String what) {
        return new PfxkitException(Problem.NOT_PEM, "'" + file + "' " + what,
                "give a private key or certificate file: PEM text (-----BEGIN ...) or binary DER");
    }

    private static PfxkitException unexpectedPkcs12(Path file, String what) {
        return new PfxkitException(Problem.UNEXPECTED_PKCS12, "'" + file + "' " + what,
                "to get its key and certificates as PEM: pfxconvert --to-pem " + file
                        + "; to see which certificate it holds: certfind --any " + file);
    }

    private static PfxkitException tooLarge(Path file, long size) {
        return notPem(file, "is " + size + " bytes, far too large for a key or certificate file");
    }

    /** True when nothing but whitespace or NUL padding follows {@code from}. */
    private static boolean isBlank(byte[] content, int from) {
        return IntStream.range(from, content.length).allMatch(i -> " \t\r\n\0".indexOf(content[i]) >= 0);
    }

    /** True when the first 4 KiB hold no control character but tab, CR and LF. */
    private static boolean isText(byte[] content) {
        return IntStream.range(0, Math.min(content.length, 4096))
                .allMatch(i -> (content[i] & 0xff) >= 0x20 || "\t\r\n".indexOf(content[i]) >= 0);
    }
}
