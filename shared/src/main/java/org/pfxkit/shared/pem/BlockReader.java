package org.pfxkit.shared.pem;

import java.io.EOFException;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.bc.BcPEMDecryptorProvider;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.pem.ParsedFile.Located;

/** Decodes the PEM blocks or DER objects of one file into keys and certificates, remembering what it passed over. */
final class BlockReader {
    final List<Located<PrivateKey>> keys = new ArrayList<>();
    final List<Located<X509Certificate>> certificates = new ArrayList<>();
    final List<Located<String>> skipped = new ArrayList<>();
    private final KeyPassword password;
    private final WorkBudget budget;

    BlockReader(KeyPassword password, WorkBudget budget) {
        this.password = password;
        this.budget = budget;
    }

    /** One PEM block, by its label (RFC 7468 section 4 and openssl's traditional labels). */
    void pem(PemFraming.Block block) throws PfxkitException {
        Origin origin = block.origin();
        try {
            label(block, origin);
        } catch (IllegalArgumentException e) {
            throw new PfxkitException(Problem.BAD_DER, block.label().toLowerCase(Locale.ROOT) + " in "
                    + origin.where() + " is not a valid DER structure: " + e.getMessage(),
                    "the file is damaged; export it again", e);
        }
    }

    private void label(PemFraming.Block block, Origin origin) throws PfxkitException {
        switch (block.label()) {
            // openssl's TRUSTED CERTIFICATE is the certificate followed by its trust settings: take the first.
            case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE" -> certificates.add(origin.locate(
                    Certificates.parse(firstObject(block.der(), origin, "certificate"), origin)));
            case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" -> keys.add(origin.locate(legacyKey(block)));
            case "ENCRYPTED PRIVATE KEY" -> keys.add(origin.locate(PlainKeys.fromPkcs8(EncryptedKeys.decrypt(
                    EncryptedPrivateKeyInfo.getInstance(firstObject(block.der(), origin, "encrypted private key")),
                    origin, password, budget), origin)));
            case "DSA PRIVATE KEY" -> throw PlainKeys.unsupported(origin, "a DSA key", PlainKeys.reason(Oids.DSA));
            case "OPENSSH PRIVATE KEY" -> throw new PfxkitException(Problem.UNSUPPORTED_KEY, "private key in "
                    + origin.where() + " is in OpenSSH's own format, which certificates and PFX files do not use",
                    "convert a copy to PKCS#8: cp " + origin.file() + " key.pem && ssh-keygen -p -m PKCS8 -f key.pem");
            case "EC PARAMETERS" -> {
                // Written by 'openssl ecparam -genkey' before the key; the key names its curve itself.
            }
            default -> skipped.add(origin.locate(block.label()));
        }
    }

    /** One DER object of a binary file. */
    void der(ASN1Primitive object, Origin origin) throws PfxkitException {
        try {
            switch (ObjectKind.of(object)) {
                case CERTIFICATE -> certificates.add(origin.locate(Certificates.parse(object, origin)));
                case PKCS8 -> keys.add(origin.locate(PlainKeys.fromPkcs8(PrivateKeyInfo.getInstance(object), origin)));
                case ENCRYPTED_PKCS8 -> keys.add(origin.locate(PlainKeys.fromPkcs8(EncryptedKeys.decrypt(
                        EncryptedPrivateKeyInfo.getInstance(object), origin, password, budget), origin)));
                case PKCS1_RSA -> keys.add(origin.locate(PlainKeys.fromPkcs1((ASN1Sequence) object, origin)));
                case SEC1_EC -> keys.add(origin.locate(PlainKeys.fromSec1((ASN1Sequence) object, origin)));
                case DSA -> throw PlainKeys.unsupported(origin, "a DSA key", PlainKeys.reason(Oids.DSA));
                case PUBLIC_KEY -> skipped.add(origin.locate("PUBLIC KEY"));
                case CERTIFICATE_REQUEST -> skipped.add(origin.locate("CERTIFICATE REQUEST"));
                case PKCS7 -> throw new PfxkitException(Problem.BAD_DER, origin.where()
                        + " is a PKCS#7 certificate bundle (.p7b), not a certificate or key",
                        "extract its certificates: openssl pkcs7 -inform DER -print_certs -in " + origin.file()
                                + " -out chain.pem");
                default -> throw new PfxkitException(Problem.BAD_DER, origin.where()
                        + " is DER but holds neither a certificate nor a private key",
                        "give the certificate or private key file (PEM or DER)");
            }
        } catch (IllegalArgumentException e) {
            throw new PfxkitException(Problem.BAD_DER, origin.where() + " is not a valid DER structure: "
                    + e.getMessage(), "the file is damaged; export it again", e);
        }
    }

    /** The first DER object of a PEM block (a TRUSTED CERTIFICATE has its trust settings after it). */
    static ASN1Primitive firstObject(byte[] der, Origin origin, String what) throws PfxkitException {
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive object = in.readObject();
            if (object == null) {
                throw new EOFException("no object");
            }
            return object;
        } catch (IOException | RuntimeException e) {
            boolean truncated = isTruncation(e);
            throw new PfxkitException(truncated ? Problem.TRUNCATED : Problem.BAD_DER, what + " in " + origin.where()
                    + " is " + (truncated ? "cut short" : "malformed") + ": " + e.getMessage(),
                    "the " + what + " is damaged; export it again", e);
        }
    }

    /** BouncyCastle's ASN1InputStream says "truncated" or "out of bounds length" when the bytes end too early. */
    static boolean isTruncation(Exception e) {
        String message = String.valueOf(e.getMessage());
        return e instanceof EOFException || message.contains("out of bounds length") || message.contains("truncated")
                || message.contains("EOF");
    }

    /** A PKCS#8, PKCS#1 or SEC1 key that may carry openssl's "Proc-Type: 4,ENCRYPTED" headers. */
    private PrivateKey legacyKey(PemFraming.Block block) throws PfxkitException {
        Origin origin = block.origin();
        String procType = block.headers().get("Proc-Type");
        if (procType == null || !procType.replace(" ", "").toUpperCase(Locale.ROOT).endsWith(",ENCRYPTED")) {
            return decode(block.label(), ASN1Sequence.getInstance(firstObject(block.der(), origin, "private key")),
                    origin);
        }
        ASN1Sequence plain = legacyDecrypted(block);
        try {
            return decode(block.label(), plain, origin);
        } catch (PfxkitException | IllegalArgumentException e) {
            // A wrong password passes the padding check about one time in 256 and then yields garbage.
            if (e instanceof PfxkitException p && p.problem() != Problem.BAD_DER) {
                throw p;
            }
            throw password.wrong(origin, e);
        }
    }

    private static PrivateKey decode(String label, ASN1Sequence der, Origin origin) throws PfxkitException {
        return switch (label) {
            case "RSA PRIVATE KEY" -> PlainKeys.fromPkcs1(der, origin);
            case "EC PRIVATE KEY" -> PlainKeys.fromSec1(der, origin);
            default -> PlainKeys.fromPkcs8(PrivateKeyInfo.getInstance(der), origin);
        };
    }

    /** Decrypts openssl's traditional PEM encryption with bcpkix's BcPEMDecryptorProvider (no JCA provider). */
    private ASN1Sequence legacyDecrypted(PemFraming.Block block) throws PfxkitException {
        Origin origin = block.origin();
        Map<String, String> headers = block.headers();
        String dekInfo = headers.getOrDefault("DEK-Info", "");
        int comma = dekInfo.indexOf(',');
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(dekInfo.substring(comma + 1).strip());
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            iv = new byte[0];
        }
        if (comma < 0 || iv.length < 8) {
            throw new PfxkitException(Problem.BAD_PEM, "PEM " + origin.where()
                    + " says it is encrypted (Proc-Type: 4,ENCRYPTED) but has no valid DEK-Info header",
                    "the header lines were damaged; export the key again");
        }
        String cipher = dekInfo.substring(0, comma).strip().toUpperCase(Locale.ROOT);
        char[] pw = password.get(origin);
        // openssl's PEM_do_header: EVP_BytesToKey(MD5, salt = the IV's first 8 bytes, 1 iteration): no budget needed.
        // BcPEMDecryptorProvider takes one byte per character; openssl hashes the UTF-8 bytes: give it those first,
        // then, for a password beyond ASCII, the characters as they are (BouncyCastle's own writer).
        char[] utf8 = utf8AsChars(pw);
        Exception last = null;
        for (char[] candidate : java.util.Arrays.equals(utf8, pw) ? new char[][] {pw} : new char[][] {utf8, pw}) {
            byte[] plain = null;
            try {
                plain = new BcPEMDecryptorProvider(candidate).get(cipher).decrypt(block.der(), iv);
                return ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(plain));
            } catch (IOException | RuntimeException e) {
                if (String.valueOf(e.getMessage()).startsWith("unknown DEK")) {
                    throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, "private key in " + origin.where()
                            + " is encrypted with " + cipher + " (DEK-Info), which pfxkit does not support",
                            "re-encrypt it: openssl pkcs8 -topk8 -v2 aes256 -in " + origin.file()
                                    + " -out key-aes.pem");
                }
                last = e;
            } finally {
                if (plain != null) {
                    java.util.Arrays.fill(plain, (byte) 0);
                }
            }
        }
        java.util.Arrays.fill(utf8, '\0');
        throw password.wrong(origin, last);
    }

    /** The password's UTF-8 bytes, one per char, for bcpkix APIs that take the low byte of each character. */
    static char[] utf8AsChars(char[] pw) {
        java.nio.ByteBuffer bytes = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(pw));
        char[] chars = new char[bytes.remaining()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (bytes.get() & 0xff);
        }
        java.util.Arrays.fill(bytes.array(), (byte) 0);
        return chars;
    }
}
