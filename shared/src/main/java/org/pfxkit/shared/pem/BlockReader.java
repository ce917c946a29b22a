package org.pfxkit.shared.pem;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.EncryptionException;
import org.bouncycastle.openssl.bc.BcPEMDecryptorProvider;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.pem.ParsedFile.Located;

/**
 * Decodes the PEM blocks or DER objects of one file into keys and certificates, remembering what it passed over. A DER
 * object is given the PEM label its shape says it would have, and both go through the one table of labels.
 */
final class BlockReader {
    /** openssl's "DEK-Info: AES-256-CBC,<IV in hex>" (RFC 1421 section 4.6.1.3), the IV at least 8 bytes. */
    private static final Pattern DEK_INFO = Pattern.compile("\\s*([^,]+),\\s*((?:\\p{XDigit}{2}){8,})\\s*");

    final List<Located<PrivateKey>> keys = new ArrayList<>();
    final List<Located<X509Certificate>> certificates = new ArrayList<>();
    final List<Located<String>> skipped = new ArrayList<>();
    private final KeyPassword password;
    private final WorkBudget budget;

    BlockReader(KeyPassword password, WorkBudget budget) {
        this.password = password;
        this.budget = budget;
    }

    /** The DER object to decode, parsed only for the labels that need it. */
    private interface Der {
        ASN1Primitive get() throws PfxkitException;
    }

    /** One PEM block. */
    void pem(PemFraming.Block block) throws PfxkitException {
        Origin origin = block.origin();
        String procType = block.headers().getOrDefault("Proc-Type", "");
        if (block.label().matches("(RSA |EC )?PRIVATE KEY")
                && procType.replace(" ", "").toUpperCase(Locale.ROOT).endsWith(",ENCRYPTED")) {
            keys.add(origin.locate(legacyKey(block)));
        } else {
            add(block.label(), () -> next(new ASN1InputStream(block.der()),
                    block.label().toLowerCase(Locale.ROOT) + " in " + origin.where()), origin);
        }
    }

    /** One DER object of a binary file. */
    void der(ASN1Primitive object, Origin origin) throws PfxkitException {
        add(labelOf(object, origin), () -> object, origin);
    }

    /** One object by its label (RFC 7468 section 4 and openssl's traditional labels). */
    private void add(String label, Der der, Origin origin) throws PfxkitException {
        try {
            switch (label) {
                // openssl's TRUSTED CERTIFICATE is the certificate followed by its trust settings: take the first.
                case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE" -> certificates.add(origin.locate(
                        Certificates.parse(der.get(), origin)));
                case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" -> keys.add(origin.locate(
                        decode(label, ASN1Sequence.getInstance(der.get()), origin)));
                case "ENCRYPTED PRIVATE KEY" -> keys.add(origin.locate(encrypted(der.get(), origin)));
                case "DSA PRIVATE KEY" -> throw PlainKeys.unsupported(origin, "a DSA key", PlainKeys.reason(Oids.DSA));
                case "OPENSSH PRIVATE KEY" -> throw new PfxkitException(Problem.UNSUPPORTED_KEY, "private key in "
                        + origin.where() + " is in OpenSSH's own format, which certificates and PFX files do not use",
                        "convert a copy to PKCS#8: cp " + origin.file()
                                + " key.pem && ssh-keygen -p -m PKCS8 -f key.pem");
                case "EC PARAMETERS" -> {
                    // Written by 'openssl ecparam -genkey' before the key; the key names its curve itself.
                }
                default -> skipped.add(origin.locate(label));
            }
        } catch (IllegalArgumentException e) {
            throw new PfxkitException(Problem.BAD_DER, label.toLowerCase(Locale.ROOT) + " in " + origin.where()
                    + " is not a valid DER structure: " + e.getMessage(), "the file is damaged; export it again", e);
        }
    }

    /**
     * The PEM label of a DER object, told from its outer shape alone (no file names, no guessing from extensions): the
     * one judgement BouncyCastle leaves to us, since its parsers are told the type by a PEM label.
     */
    private static String labelOf(ASN1Primitive object, Origin origin) throws PfxkitException {
        ASN1Encodable[] c = object instanceof ASN1Sequence sequence ? sequence.toArray() : new ASN1Encodable[0];
        if (c.length == 3 && c[0] instanceof ASN1Sequence tbs && c[1] instanceof ASN1Sequence
                && c[2] instanceof DERBitString) {
            // Certificate (RFC 5280 4.1) and CertificationRequest (RFC 2986 4.2) share this shape; a TBSCertificate
            // starts with [0] version or the serial followed by the signature AlgorithmIdentifier.
            boolean certificate = tbs.size() >= 2
                    && (tbs.getObjectAt(0) instanceof ASN1TaggedObject || startsWithOid(tbs.getObjectAt(1)));
            return certificate ? "CERTIFICATE" : "CERTIFICATE REQUEST";
        }
        if (c.length == 2 && startsWithOid(c[0]) && c[1] instanceof ASN1OctetString) {
            return "ENCRYPTED PRIVATE KEY";
        }
        if (c.length == 2 && startsWithOid(c[0]) && c[1] instanceof DERBitString) {
            return "PUBLIC KEY";
        }
        if (c.length > 0 && c[0] instanceof ASN1ObjectIdentifier oid && PKCSObjectIdentifiers.signedData.equals(oid)) {
            throw new PfxkitException(Problem.BAD_DER, origin.where()
                    + " is a PKCS#7 certificate bundle (.p7b), not a certificate or key",
                    "extract its certificates: openssl pkcs7 -inform DER -print_certs -in " + origin.file()
                            + " -out chain.pem");
        }
        if (c.length > 0 && c[0] instanceof ASN1Integer first && first.getValue().bitLength() <= 8) {
            int version = first.intValueExact();
            if (c.length >= 3 && (version == 0 || version == 1) && startsWithOid(c[1])
                    && c[2] instanceof ASN1OctetString) {
                return "PRIVATE KEY";
            }
            if (version == 1 && c.length >= 2 && c[1] instanceof ASN1OctetString) {
                return "EC PRIVATE KEY";
            }
            boolean allIntegers = Arrays.stream(c).allMatch(ASN1Integer.class::isInstance);
            if (allIntegers && version == 0 && c.length >= 9) {
                return "RSA PRIVATE KEY";
            }
            if (allIntegers && version == 0 && c.length == 6) {
                return "DSA PRIVATE KEY";
            }
        }
        throw new PfxkitException(Problem.BAD_DER, origin.where()
                + " is DER but holds neither a certificate nor a private key",
                "give the certificate or private key file (PEM or DER)");
    }

    private static boolean startsWithOid(ASN1Encodable part) {
        return part instanceof ASN1Sequence s && s.size() > 0 && s.getObjectAt(0) instanceof ASN1ObjectIdentifier;
    }

    /**
     * The next DER object of {@code in}, the first of a PEM block (a TRUSTED CERTIFICATE has its trust settings after
     * it) or of what is left of a binary file. What BouncyCastle cannot read is cut short when it says "truncated",
     * "out of bounds length" or EOF, else malformed.
     */
    static ASN1Primitive next(ASN1InputStream in, String what) throws PfxkitException {
        try {
            ASN1Primitive object = in.readObject();
            if (object == null) {
                throw new EOFException("no object");
            }
            return object;
        } catch (IOException | RuntimeException e) {
            throw notDer(what, e);
        }
    }

    private static PfxkitException notDer(String what, Exception e) {
        String message = String.valueOf(e.getMessage());
        boolean truncated = e instanceof EOFException || message.contains("out of bounds length")
                || message.contains("truncated") || message.contains("EOF");
        return new PfxkitException(truncated ? Problem.TRUNCATED : Problem.BAD_DER, what
                + (truncated ? " is cut short: " : " is not valid DER: ") + e.getMessage(),
                truncated ? "the file was cut short (an interrupted copy or download?); copy it again"
                        : "the file is damaged; export it again", e);
    }

    private static PrivateKey decode(String label, ASN1Sequence der, Origin origin) throws PfxkitException {
        return switch (label) {
            case "RSA PRIVATE KEY" -> PlainKeys.fromPkcs1(der, origin);
            case "EC PRIVATE KEY" -> PlainKeys.fromSec1(der, origin);
            default -> PlainKeys.fromPkcs8(PrivateKeyInfo.getInstance(der), origin);
        };
    }

    /** A PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 section 3), decrypted by {@link PbeDecryption}. */
    private PrivateKey encrypted(ASN1Primitive der, Origin origin) throws PfxkitException {
        EncryptedPrivateKeyInfo encrypted = EncryptedPrivateKeyInfo.getInstance(der);
        PrivateKeyInfo key = PbeDecryption.decrypt(encrypted.getEncryptionAlgorithm(), encrypted.getEncryptedData(),
                password.get(origin), PrivateKeyInfo::getInstance, budget, "the private key in " + origin.where());
        if (key == null) {
            throw password.wrong(origin, null);
        }
        return PlainKeys.fromPkcs8(key, origin);
    }

    /**
     * A PKCS#8, PKCS#1 or SEC1 key with openssl's "Proc-Type: 4,ENCRYPTED" headers, decrypted with bcpkix's
     * BcPEMDecryptorProvider (no JCA provider).
     */
    private PrivateKey legacyKey(PemFraming.Block block) throws PfxkitException {
        Origin origin = block.origin();
        Matcher dekInfo = DEK_INFO.matcher(block.headers().getOrDefault("DEK-Info", ""));
        if (!dekInfo.matches()) {
            throw new PfxkitException(Problem.BAD_PEM, "PEM " + origin.where()
                    + " says it is encrypted (Proc-Type: 4,ENCRYPTED) but has no valid DEK-Info header",
                    "the header lines were damaged; export the key again");
        }
        String cipher = dekInfo.group(1).strip().toUpperCase(Locale.ROOT);
        byte[] iv = HexFormat.of().parseHex(dekInfo.group(2));
        char[] pw = password.get(origin);
        // openssl's PEM_do_header: EVP_BytesToKey(MD5, salt = the IV's first 8 bytes, 1 iteration): no budget needed.
        // BcPEMDecryptorProvider takes one byte per character; openssl hashes the UTF-8 bytes: give it those first,
        // then, for a password beyond ASCII, the characters as they are (BouncyCastle's own writer).
        char[] utf8 = utf8AsChars(pw);
        Exception last = null;
        try {
            for (char[] candidate : Arrays.equals(utf8, pw) ? new char[][] {pw} : new char[][] {utf8, pw}) {
                byte[] plain = null;
                try {
                    plain = new BcPEMDecryptorProvider(candidate).get(cipher).decrypt(block.der(), iv);
                    return decode(block.label(), ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(plain)), origin);
                } catch (PfxkitException e) {
                    // A wrong password passes the padding check about one time in 256 and then yields garbage.
                    if (e.problem() != Problem.BAD_DER) {
                        throw e;
                    }
                    last = e;
                } catch (IOException | RuntimeException e) {
                    // bcpkix 1.87: "unknown encryption with private key: X", "unknown AES encryption with ...".
                    if (e instanceof EncryptionException && String.valueOf(e.getMessage()).startsWith("unknown")) {
                        throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, "private key in " + origin.where()
                                + " is encrypted with " + cipher + " (DEK-Info), which pfxkit does not support",
                                "re-encrypt it: openssl pkcs8 -topk8 -v2 aes256 -in " + origin.file()
                                        + " -out key-aes.pem");
                    }
                    last = e;
                } finally {
                    if (plain != null) {
                        Arrays.fill(plain, (byte) 0);
                    }
                }
            }
        } finally {
            Arrays.fill(utf8, '\0');
        }
        throw password.wrong(origin, last);
    }

    /** The password's UTF-8 bytes, one per char, for bcpkix APIs that take the low byte of each character. */
    private static char[] utf8AsChars(char[] pw) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pw));
        char[] chars = new char[bytes.remaining()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (bytes.get() & 0xff);
        }
        Arrays.fill(bytes.array(), (byte) 0);
        return chars;
    }
}
