package org.pfxkit.shared.pem;

import java.io.ByteArrayInputStream;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.pem.Der.DerException;
import org.pfxkit.shared.pem.Der.Tlv;
import org.pfxkit.shared.pem.ParsedFile.Located;

/** Decodes the PEM blocks or DER objects of one file into keys and certificates, remembering what it passed over. */
final class BlockReader {
    final List<Located<PrivateKey>> keys = new ArrayList<>();
    final List<Located<X509Certificate>> certificates = new ArrayList<>();
    final List<Located<String>> skipped = new ArrayList<>();
    private final KeyPassword password;
    private CertificateFactory certificateFactory;

    BlockReader(KeyPassword password) {
        this.password = password;
    }

    /** One PEM block, by its label (RFC 7468 section 4 and openssl's traditional labels). */
    void pem(PemFraming.Block block) throws PfxkitException {
        Origin origin = block.origin();
        switch (block.label()) {
            case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE" ->
                    // openssl's TRUSTED CERTIFICATE is the certificate followed by its trust settings: take the first.
                    certificates.add(origin.locate(certificate(block.der(), origin)));
            case "PRIVATE KEY" -> keys.add(origin.locate(legacyDecrypted(block, Form.PKCS8)));
            case "ENCRYPTED PRIVATE KEY" -> keys.add(origin.locate(
                    KeyDecoder.fromPkcs8(EncryptedKeys.decrypt(block.der(), origin, password), origin)));
            case "RSA PRIVATE KEY" -> keys.add(origin.locate(legacyDecrypted(block, Form.PKCS1)));
            case "EC PRIVATE KEY" -> keys.add(origin.locate(legacyDecrypted(block, Form.SEC1)));
            case "DSA PRIVATE KEY" -> throw KeyDecoder.unsupported(origin, "a DSA key", KeyDecoder.reason(Oids.DSA));
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
    void der(Tlv object, Origin origin) throws PfxkitException {
        try {
            switch (DerShape.of(object)) {
                case CERTIFICATE -> certificates.add(origin.locate(certificate(object.encoded(), origin)));
                case PKCS8 -> keys.add(origin.locate(KeyDecoder.fromPkcs8(object.encoded(), origin)));
                case ENCRYPTED_PKCS8 -> keys.add(origin.locate(KeyDecoder.fromPkcs8(
                        EncryptedKeys.decrypt(object.encoded(), origin, password), origin)));
                case PKCS1_RSA -> keys.add(origin.locate(KeyDecoder.fromPkcs1(object.encoded(), origin)));
                case SEC1_EC -> keys.add(origin.locate(KeyDecoder.fromSec1(object.encoded(), origin)));
                case DSA -> throw KeyDecoder.unsupported(origin, "a DSA key", KeyDecoder.reason(Oids.DSA));
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
        } catch (DerException e) {
            throw new PfxkitException(e.truncated ? Problem.TRUNCATED : Problem.BAD_DER, origin.where()
                    + " is not a valid DER structure: " + e.getMessage(), "the file is damaged; export it again", e);
        }
    }

    /** The unencrypted key encodings (an enum rather than method references: no lambda start-up per run). */
    private enum Form {
        PKCS8, PKCS1, SEC1;

        PrivateKey decode(byte[] der, Origin origin) throws PfxkitException {
            return switch (this) {
                case PKCS8 -> KeyDecoder.fromPkcs8(der, origin);
                case PKCS1 -> KeyDecoder.fromPkcs1(der, origin);
                case SEC1 -> KeyDecoder.fromSec1(der, origin);
            };
        }
    }

    /** A key that may carry openssl's "Proc-Type: 4,ENCRYPTED" headers. */
    private PrivateKey legacyDecrypted(PemFraming.Block block, Form decoder) throws PfxkitException {
        Map<String, String> headers = block.headers();
        if (!LegacyPemEncryption.isEncrypted(headers)) {
            return decoder.decode(block.der(), block.origin());
        }
        byte[] plain = LegacyPemEncryption.decrypt(headers, block.der(), block.origin(), password);
        try {
            return decoder.decode(plain, block.origin());
        } catch (PfxkitException e) {
            // A wrong password passes the padding check about one time in 256 and then yields garbage.
            if (e.problem() == Problem.BAD_DER || e.problem() == Problem.TRUNCATED) {
                throw password.wrong(block.origin(), e);
            }
            throw e;
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }

    private X509Certificate certificate(byte[] der, Origin origin) throws PfxkitException {
        byte[] encoded;
        try {
            Tlv first = Der.read(der);
            Der.sequence(first, 3);
            encoded = first.encoded();
        } catch (DerException e) {
            throw new PfxkitException(e.truncated ? Problem.TRUNCATED : Problem.BAD_DER, "certificate in "
                    + origin.where() + " is " + (e.truncated ? "cut short" : "malformed") + ": " + e.getMessage(),
                    "the certificate is damaged; download or export it again", e);
        }
        try {
            if (certificateFactory == null) {
                certificateFactory = CertificateFactory.getInstance("X.509");
            }
            return (X509Certificate) certificateFactory.generateCertificate(new ByteArrayInputStream(encoded));
        } catch (CertificateException | RuntimeException e) {
            throw new PfxkitException(Problem.BAD_DER, "certificate in " + origin.where() + " cannot be decoded: "
                    + e.getMessage(), "the certificate is damaged; download or export it again", e);
        }
    }
}
