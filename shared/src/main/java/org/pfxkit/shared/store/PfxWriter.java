package org.pfxkit.shared.store;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.pem.Certificates;

/**
 * Writes a private key and its chain as a PKCS#12 / PFX file (RFC 7292) with bcpkix's builders, not BouncyCastle's
 * KeyStore, which always writes a SHA-1 MAC. Beside {@link Pkcs12Reader}: this package owns PKCS#12 both ways. The
 * layout follows openssl 3's {@code pkcs12 -export}: an encrypted SafeContents with the certificate bags, then a plain
 * SafeContents with the PKCS8ShroudedKeyBag, then the MAC.
 */
public final class PfxWriter {
    /** Microsoft's szOID_PKCS_12_KEY_PROVIDER_NAME_ATTR (wincrypt.h): the CSP the key is imported into. */
    public static final ASN1ObjectIdentifier MICROSOFT_CSP_NAME = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.17.1");

    private static final Set<String> SUPPORTED_KEYS = Set.of("RSA", "EC", "ECDSA", "Ed25519", "Ed448", "EdDSA");

    private PfxWriter() {
    }

    /** The PFX bytes. {@code password} may be empty (then it is encoded {@code 00 00}, as openssl does). */
    public static byte[] write(KeyMaterial material, char[] password, PfxOptions requested)
            throws PfxkitException {
        PfxOptions options = requested.forPassword(false);
        PrivateKey key = material.privateKey();
        if (!SUPPORTED_KEYS.contains(key.getAlgorithm())) {
            throw new PfxkitException(Problem.UNSUPPORTED_KEY, "cannot write a " + key.getAlgorithm()
                    + " private key to a PFX: only RSA, EC (P-256, P-384, P-521), Ed25519 and Ed448 keys are supported",
                    "TLS servers no longer accept " + key.getAlgorithm() + " keys; make a new RSA or EC key");
        }
        X509Certificate leaf = material.leaf();
        byte[] localKeyId = localKeyId(leaf);
        String name = options.friendlyName() != null ? options.friendlyName() : commonName(leaf);
        // The three password-based key derivations (certificate bags, key bag, MAC) are most of the work and do
        // not depend on each other or on the content: the bags' two run on their own threads beside the MAC's.
        CompletableFuture<OutputEncryptor> certificateEncryptor = derive(() -> encryptor(password, options));
        CompletableFuture<OutputEncryptor> keyEncryptor = derive(() -> encryptor(password, options));
        PfxMac mac = PfxMac.derive(password, options.profile(), options.iterations());
        try {
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(certificateEncryptor.join(),
                    certificateBags(material, options, name, localKeyId));
            pfx.addData(keyBag(key, keyEncryptor.join(), options, name, localKeyId));
            ContentInfo authSafe = pfx.build(null, null).toASN1Structure().getAuthSafe();
            byte[] content = ASN1OctetString.getInstance(authSafe.getContent()).getOctets();
            return new Pfx(authSafe, mac.compute(content)).getEncoded(ASN1Encoding.DER);
        } catch (IOException | PKCSException | CompletionException e) {
            throw PfxkitException.internal("building the PFX structure failed", e);
        }
    }

    /** On a thread of its own: the common pool has a single thread on two cores, and we want both busy. */
    private static <T> CompletableFuture<T> derive(Supplier<T> derivation) {
        return CompletableFuture.supplyAsync(derivation,
                task -> Thread.ofPlatform().name("pfxkit-key-derivation").daemon().start(task));
    }

    /**
     * The certificate bags in file order: the chain root first and the leaf last. Windows' {@code PFXImportCertStore}
     * enumerates a PFX's certificates in the reverse of the file's order ({@link Keystore#enumerationOrder()} cites
     * Wine's crypt32 for it), so a subject or 'any' search sees the leaf first; openssl writes the leaf first and so
     * makes 'any' return the root.
     */
    public static PKCS12SafeBag[] certificateBags(KeyMaterial material, PfxOptions options, String name,
                                                  byte[] localKeyId) throws IOException, PfxkitException {
        List<X509Certificate> chain = options.includeChain() ? material.chain() : List.of(material.leaf());
        List<PKCS12SafeBag> bags = new ArrayList<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            PKCS12SafeBagBuilder bag = new PKCS12SafeBagBuilder(Certificates.holder(encoded(chain.get(i))));
            if (i == 0) {
                addNameAndId(bag, name, localKeyId);
            }
            bags.add(bag.build());
        }
        return bags.toArray(PKCS12SafeBag[]::new);
    }

    private static PKCS12SafeBag keyBag(PrivateKey key, OutputEncryptor encryptor, PfxOptions options, String name,
                                        byte[] localKeyId) {
        PKCS12SafeBagBuilder bag = new PKCS12SafeBagBuilder(PrivateKeyInfo.getInstance(key.getEncoded()), encryptor);
        addNameAndId(bag, name, localKeyId);
        if (options.cspName() != null) {
            bag.addBagAttribute(MICROSOFT_CSP_NAME, new DERBMPString(options.cspName()));
        }
        return bag.build();
    }

    private static void addNameAndId(PKCS12SafeBagBuilder bag, String name, byte[] localKeyId) {
        if (name != null) {
            bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(name));
        }
        bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
    }

    /** A fresh encryptor (own salt and IV) for each use, as openssl makes one per bag and per SafeContents. */
    private static OutputEncryptor encryptor(char[] password, PfxOptions options) {
        return options.profile() == Profile.MODERN
                ? PbeEncryption.pbes2Aes256(password, options.iterations())
                : PbeEncryption.pkcs12TripleDes(password, options.iterations());
    }

    /** The first CN of the certificate's subject, or null when it has none (the default friendlyName). */
    public static String commonName(X509Certificate certificate) {
        org.bouncycastle.asn1.x500.RDN[] cns = org.bouncycastle.asn1.x500.X500Name.getInstance(
                certificate.getSubjectX500Principal().getEncoded()).getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
        return cns.length == 0 ? null
                : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    /** SHA-1 of the leaf certificate's DER: localKeyID as openssl's {@code PKCS12_create} sets it (p12_crt.c). */
    public static byte[] localKeyId(X509Certificate leaf) throws PfxkitException {
        try {
            return MessageDigest.getInstance("SHA-1").digest(encoded(leaf));
        } catch (NoSuchAlgorithmException e) {
            throw PfxkitException.internal("SHA-1 is not available in this Java runtime", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) throws PfxkitException {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new PfxkitException(Problem.BAD_DER, "cannot encode certificate '"
                    + certificate.getSubjectX500Principal().getName() + "'", null, e);
        }
    }
}
