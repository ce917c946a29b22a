package org.pfxkit.shared.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

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
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.MacCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;
import org.bouncycastle.pkcs.bc.BcPKCS12PBMac1CalculatorBuilderProvider;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.pem.PbeDecryption;
import org.pfxkit.shared.pem.WorkBudget;
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
    private final WorkBudget budget;
    private char[] password;

    private Pkcs12Reader(Path file, PasswordSource source) {
        this.file = file;
        this.source = source;
        this.budget = new WorkBudget(where());
    }

    static Keystore read(Path file, byte[] content, PasswordSource source) throws PfxkitException {
        Pkcs12Reader reader = new Pkcs12Reader(file, source);
        try {
            return reader.read(content);
        } finally {
            if (reader.password != null) {
                Arrays.fill(reader.password, '\0');
            }
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
                        + name(info.getContentType()) + ", which pfxkit does not read",
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
            checkMac(mac, authSafe);
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
        return KeyCertPairing.pair(file, Keystore.Format.PKCS12, certificates, keys);
    }

    /**
     * Checks the integrity MAC: PBMAC1 (RFC 9579) with bcpkix's calculator, or the classic PKCS#12 MAC (RFC 7292 B.4).
     * Not with PKCS12PfxPdu.isMacValid: it compares a re-encoded MacData with the file's, and Windows encodes MacData
     * differently (no NULL digest parameters, an explicit iteration count of 1), so it fails on genuine Windows
     * exports (VectorStoresTest shows it).
     */
    private void checkMac(MacData mac, byte[] authSafe) throws PfxkitException {
        AlgorithmIdentifier algorithm = mac.getMac().getAlgorithmId();
        char[] pw = password();
        boolean valid;
        try {
            if (PKCSObjectIdentifiers.id_PBMAC1.equals(algorithm.getAlgorithm())) {
                budget.spend(algorithm, "its PBMAC1");
                MacCalculator calculator = new BcPKCS12PBMac1CalculatorBuilderProvider().get(algorithm).build(pw);
                try (OutputStream out = calculator.getOutputStream()) {
                    out.write(authSafe);
                }
                valid = MessageDigest.isEqual(calculator.getMac(), mac.getMac().getDigest());
            } else {
                budget.spend(mac.getIterationCount(), "its MAC");
                valid = classicMacMatches(mac, PKCS12ParametersGenerator.PKCS12PasswordToBytes(pw), authSafe);
                if (!valid && pw.length == 0) {
                    budget.spend(mac.getIterationCount(), "its MAC");
                    valid = classicMacMatches(mac, new byte[2], authSafe);
                }
            }
        } catch (OperatorCreationException | IOException | RuntimeException e) {
            throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, where() + ": its MAC ("
                    + algorithm.getAlgorithm().getId() + ") cannot be checked: " + e.getMessage(),
                    "re-export the store with a SHA-256 MAC", e);
        }
        if (!valid) {
            throw badPassword("its integrity MAC does not verify");
        }
    }

    /**
     * The classic MAC keyed from these password bytes, with BouncyCastle's PKCS#12 KDF and HMAC (as bcpkix's
     * {@code BcPKCS12MacCalculatorBuilder} computes it). Not through that builder: it turns an empty char[] into zero
     * bytes (the Windows/BouncyCastle form) and has no way to ask for the BMP 00 00 (RFC 7292 B.1) that openssl, the
     * JDK and pyca write for '-passout pass:' (VectorStoresTest shows it). .NET also tries both ("try empty first,
     * then null").
     */
    private static boolean classicMacMatches(MacData mac, byte[] password, byte[] authSafe)
            throws OperatorCreationException {
        Digest digest = BcDefaultDigestProvider.INSTANCE.get(mac.getMac().getAlgorithmId());
        PKCS12ParametersGenerator generator = new PKCS12ParametersGenerator(digest);
        generator.init(password, mac.getSalt(), mac.getIterationCount().intValueExact());
        HMac hmac = new HMac(digest);
        hmac.init(generator.generateDerivedMacParameters(digest.getDigestSize() * 8));
        hmac.update(authSafe, 0, authSafe.length);
        byte[] actual = new byte[hmac.getMacSize()];
        hmac.doFinal(actual, 0);
        return MessageDigest.isEqual(mac.getMac().getDigest(), actual);
    }

    private void readSafeContents(ContentInfo info, int number) throws PfxkitException {
        ASN1ObjectIdentifier type = info.getContentType();
        String what = "SafeContents " + number;
        try {
            if (PKCSObjectIdentifiers.data.equals(type)) {
                readBags(ASN1Sequence.getInstance(ASN1OctetString.getInstance(info.getContent()).getOctets()), 0);
            } else if (PKCSObjectIdentifiers.encryptedData.equals(type)) {
                EncryptedData encrypted = EncryptedData.getInstance(info.getContent());
                ASN1OctetString data = encrypted.getContent();
                if (data == null) {
                    throw damaged(what + " is encrypted but holds no data", null);
                }
                readBags(decrypt(encrypted.getEncryptionAlgorithm(), data.getOctets(), ASN1Sequence::getInstance, what),
                        0);
            } else {
                throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, where() + ": " + what + " uses "
                        + name(type) + ", which pfxkit does not read",
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
                PrivateKeyInfo key = decrypt(info.getEncryptionAlgorithm(), info.getEncryptedData(),
                        PrivateKeyInfo::getInstance, "key bag " + (keys.size() + 1));
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

    /** Decrypts with bcpkix through PbeDecryption, which tries every encoding the password may have. */
    private <T> T decrypt(AlgorithmIdentifier algorithm, byte[] data, Function<byte[], T> parser, String what)
            throws PfxkitException {
        T plain;
        try {
            plain = PbeDecryption.decrypt(algorithm, data, password(), parser, budget, where() + " " + what);
        } catch (RuntimeException e) {
            throw damaged(what + " has unreadable encryption parameters", e);
        }
        if (plain == null) {
            throw badPassword(what + " does not decrypt");
        }
        return plain;
    }

    private char[] password() throws PfxkitException {
        if (password == null) {
            password = source.read();
        }
        return password;
    }

    private X509Certificate certificate(byte[] der) throws PfxkitException {
        try {
            return org.pfxkit.shared.pem.Certificates.decode(der);
        } catch (CertificateException | IOException | RuntimeException e) {
            throw damaged("certificate bag " + (certificates.size() + 1) + " is not a readable X.509 certificate",
                    e);
        }
    }

    private PrivateKey privateKey(PrivateKeyInfo info) throws PfxkitException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException | RuntimeException e) {
            throw new PfxkitException(Problem.UNSUPPORTED_KEY, where() + ": key bag " + (keys.size() + 1)
                    + " holds a " + info.getPrivateKeyAlgorithm().getAlgorithm().getId()
                    + " key that cannot be read", "pfxkit reads RSA, EC, DSA, Ed25519 and Ed448 keys", e);
        }
    }

    private PfxkitException badPassword(String what) {
        boolean empty = password != null && password.length == 0;
        String tried = empty ? "the empty password from " + source.describe()
                + " (tried both as BMP 00 00 and as zero-length)" : "the password from " + source.describe();
        return Keystore.wrongPassword("PKCS#12 store " + where(), file, what, tried);
    }

    private PfxkitException damaged(String what, Throwable cause) {
        return new PfxkitException(Problem.BAD_STORE, "PKCS#12 store " + where() + " is damaged: " + what,
                "the file is corrupt or truncated; export it again from its source", cause);
    }

    private static String name(ASN1ObjectIdentifier type) {
        return (PKCSObjectIdentifiers.signedData.equals(type) ? "public-key integrity (signedData)"
                : PKCSObjectIdentifiers.envelopedData.equals(type) ? "public-key encryption (envelopedData)"
                : "content type") + " (" + type.getId() + ")";
    }

    private String where() {
        return "'" + file + "'";
    }
}
