package org.pfxkit.shared.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.CertBag;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.store.KeyCertPairing.CertItem;
import org.pfxkit.shared.store.KeyCertPairing.KeyItem;

/**
 * Reads a PKCS#12/PFX file (RFC 7292) with BouncyCastle's ASN.1 classes: checks the MAC, decrypts the encrypted
 * SafeContents and shrouded key bags, and collects the certificate and key bags in file order: the AuthenticatedSafe's
 * ContentInfos in order, the bags of each in order, nested safeContentsBags in place. The password is read only when
 * the file needs it (a MAC or encrypted content), once, and every copy is zeroed before returning.
 */
final class Pkcs12Reader {
    private static final int MAX_NESTING = 8;

    private final Path file;
    private final PasswordSource source;
    private final List<CertItem> certificates = new ArrayList<>();
    private final List<KeyItem> keys = new ArrayList<>();
    private List<Pkcs12Password> candidates;
    private Pkcs12Password chosen;
    private CertificateFactory certificateFactory;

    private Pkcs12Reader(Path file, PasswordSource source) {
        this.file = file;
        this.source = source;
    }

    static Keystore read(Path file, byte[] content, PasswordSource source) throws PfxkitException {
        Pkcs12Reader reader = new Pkcs12Reader(file, source);
        try {
            return reader.read(content);
        } finally {
            Pkcs12Password.closeAll(reader.candidates);
        }
    }

    private Keystore read(byte[] content) throws PfxkitException {
        Pfx pfx;
        byte[] authSafe;
        try {
            pfx = Pfx.getInstance(ASN1Primitive.fromByteArray(content));
            ContentInfo info = pfx.getAuthSafe();
            if (PKCSObjectIdentifiers.signedData.equals(info.getContentType())) {
                throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, where() + " uses "
                        + Algorithms.name(info.getContentType()) + ", which pfxkit does not read",
                        "re-export the store with password integrity (every common tool does)");
            }
            if (!PKCSObjectIdentifiers.data.equals(info.getContentType())) {
                throw damaged("its AuthenticatedSafe has content type " + info.getContentType().getId()
                        + " instead of data (1.2.840.113549.1.7.1)", null);
            }
            authSafe = ASN1OctetString.getInstance(info.getContent()).getOctets();
        } catch (IOException | RuntimeException e) {
            throw damaged("its PFX structure (RFC 7292 section 4) cannot be decoded", e);
        }
        MacData mac = pfx.getMacData();
        if (mac != null) {
            chooseByMac(mac, authSafe);
        }
        ContentInfo[] contents;
        try {
            contents = AuthenticatedSafe.getInstance(ASN1Primitive.fromByteArray(authSafe)).getContentInfo();
        } catch (IOException | RuntimeException e) {
            throw damaged("its AuthenticatedSafe cannot be decoded", e);
        }
        for (int i = 0; i < contents.length; i++) {
            readSafeContents(contents[i], i + 1);
        }
        KeyCertPairing.Paired paired = KeyCertPairing.pair(certificates, keys);
        return new Keystore(file, Keystore.Format.PKCS12, paired.fileOrder(),
                EnumerationOrder.of(Keystore.Format.PKCS12, paired.fileOrder()), paired.keysWithoutCertificate());
    }

    private void chooseByMac(MacData mac, byte[] authSafe) throws PfxkitException {
        try {
            for (Pkcs12Password candidate : candidates()) {
                if (Pkcs12Mac.verifies(mac, authSafe, candidate, where())) {
                    chosen = candidate;
                    return;
                }
            }
        } catch (RuntimeException e) {
            throw damaged("its MAC parameters cannot be decoded", e);
        }
        throw badPassword("its integrity MAC does not verify");
    }

    private void readSafeContents(ContentInfo info, int number) throws PfxkitException {
        ASN1ObjectIdentifier type = info.getContentType();
        String what = "SafeContents " + number;
        try {
            if (PKCSObjectIdentifiers.data.equals(type)) {
                byte[] octets = ASN1OctetString.getInstance(info.getContent()).getOctets();
                readBags(ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(octets)), 0);
            } else if (PKCSObjectIdentifiers.encryptedData.equals(type)) {
                EncryptedData encrypted = EncryptedData.getInstance(info.getContent());
                ASN1OctetString data = encrypted.getContent();
                if (data == null) {
                    throw damaged(what + " is encrypted but holds no data", null);
                }
                ASN1Primitive plain = decrypt(encrypted.getEncryptionAlgorithm(), data.getOctets(), what);
                readBags(ASN1Sequence.getInstance(plain), 0);
            } else {
                throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, where() + ": " + what + " uses "
                        + Algorithms.name(type) + ", which pfxkit does not read",
                        "re-export the store with password privacy (every common tool does)");
            }
        } catch (IOException | RuntimeException e) {
            throw damaged(what + " cannot be decoded", e);
        }
    }

    private void readBags(ASN1Sequence bags, int depth) throws PfxkitException, IOException {
        for (ASN1Encodable element : bags) {
            SafeBag bag = SafeBag.getInstance(element);
            ASN1ObjectIdentifier type = bag.getBagId();
            if (PKCSObjectIdentifiers.certBag.equals(type)) {
                CertBag certBag = CertBag.getInstance(bag.getBagValue());
                // sdsiCertificate bags (RFC 7292 4.2.3) carry no X.509 certificate; Windows skips them too.
                if (PKCSObjectIdentifiers.x509Certificate.equals(certBag.getCertId())) {
                    byte[] der = ASN1OctetString.getInstance(certBag.getCertValue()).getOctets();
                    certificates.add(new CertItem(certificate(der),
                            BagAttributeReader.read(bag.getBagAttributes(), null)));
                }
            } else if (PKCSObjectIdentifiers.keyBag.equals(type)) {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(bag.getBagValue());
                keys.add(new KeyItem(privateKey(info), BagAttributeReader.read(bag.getBagAttributes(),
                        info.getAttributes())));
            } else if (PKCSObjectIdentifiers.pkcs8ShroudedKeyBag.equals(type)) {
                EncryptedPrivateKeyInfo info = EncryptedPrivateKeyInfo.getInstance(bag.getBagValue());
                PrivateKeyInfo key = PrivateKeyInfo.getInstance(decrypt(info.getEncryptionAlgorithm(),
                        info.getEncryptedData(), "key bag " + (keys.size() + 1)));
                keys.add(new KeyItem(privateKey(key), BagAttributeReader.read(bag.getBagAttributes(),
                        key.getAttributes())));
            } else if (PKCSObjectIdentifiers.safeContentsBag.equals(type)) {
                if (depth >= MAX_NESTING) {
                    throw damaged("its safeContentsBags nest deeper than " + MAX_NESTING, null);
                }
                readBags(ASN1Sequence.getInstance(bag.getBagValue()), depth + 1);
            }
            // crlBag and secretBag hold nothing a certificate search sees.
        }
    }

    /** Decrypts with the chosen password encoding, or finds which one works when there was no MAC to tell. */
    private ASN1Primitive decrypt(AlgorithmIdentifier algorithm, byte[] data, String what) throws PfxkitException {
        String place = where() + " " + what;
        List<Pkcs12Password> order = new ArrayList<>(candidates());
        if (chosen != null) {
            order.remove(chosen);
            order.add(0, chosen);
        }
        for (Pkcs12Password candidate : order) {
            byte[] plain = null;
            try {
                plain = PbeCipher.decrypt(algorithm, data, candidate, place);
                ASN1Primitive parsed = ASN1Primitive.fromByteArray(plain);
                if (chosen == null) {
                    chosen = candidate;
                }
                return parsed;
            } catch (PbeCipher.WrongKey | IOException e) {
                // Bad padding or bytes that are no DER: this encoding is not the one the file was made with.
            } catch (RuntimeException e) {
                throw damaged(what + " has unreadable encryption parameters", e);
            } finally {
                if (plain != null) {
                    Arrays.fill(plain, (byte) 0);
                }
            }
        }
        throw badPassword(what + " does not decrypt");
    }

    private List<Pkcs12Password> candidates() throws PfxkitException {
        if (candidates == null) {
            char[] password = source.read();
            try {
                candidates = Pkcs12Password.candidates(password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        return candidates;
    }

    private X509Certificate certificate(byte[] der) throws PfxkitException {
        try {
            if (certificateFactory == null) {
                certificateFactory = CertificateFactory.getInstance("X.509");
            }
            return (X509Certificate) certificateFactory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw damaged("certificate bag " + (certificates.size() + 1) + " is not a readable X.509 certificate",
                    e);
        }
    }

    private PrivateKey privateKey(PrivateKeyInfo info) throws PfxkitException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException | RuntimeException e) {
            throw new PfxkitException(Problem.UNSUPPORTED_KEY, where() + ": key bag " + (keys.size() + 1)
                    + " holds a " + Algorithms.name(info.getPrivateKeyAlgorithm().getAlgorithm())
                    + " key that cannot be read", "pfxkit reads RSA, EC, DSA, Ed25519 and Ed448 keys", e);
        }
    }

    private PfxkitException badPassword(String what) {
        boolean empty = candidates != null && candidates.size() > 1;
        String tried = empty ? "the empty password from " + source.describe()
                + " (tried both as BMP 00 00 and as zero-length)" : "the password from " + source.describe();
        return new PfxkitException(Problem.BAD_PASSWORD, "cannot open PKCS#12 store " + where() + ": " + what
                + " with " + tried + ", so the password is wrong",
                "give the right password with --password-file FILE (first line), or put it in '"
                        + PasswordSource.besideStore(file) + "' beside the store");
    }

    private PfxkitException damaged(String what, Throwable cause) {
        return new PfxkitException(Problem.BAD_STORE, "PKCS#12 store " + where() + " is damaged: " + what,
                "the file is corrupt or truncated; export it again from its source", cause);
    }

    private String where() {
        return "'" + file + "'";
    }
}
