package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pfxkit.convert.Interop.assertContains;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.testing.TestPki;
import org.pfxkit.shared.store.PfxOptions;
import org.pfxkit.shared.store.PfxWriter;
import org.pfxkit.shared.store.Profile;

class PfxWriterTest {
    private static final char[] PASSWORD = "s3cret-Password".toCharArray();

    @TempDir
    Path dir;

    private static TestPki.Issued chainOf(TestPki.KeyType leafType) {
        TestPki.Issued root = TestPki.rootCa("pfxkit Writer Root");
        TestPki.Issued inter = root.issue(TestPki.ca("pfxkit Writer Intermediate"));
        return inter.issue(TestPki.leaf("writer.example.com").keyType(leafType).sharedKey("writer"));
    }

    private static KeyMaterial material(TestPki.Issued leaf) {
        return new KeyMaterial(leaf.privateKey(), leaf.chain());
    }

    @Test
    void theJdkOpensAModernFileAndFindsTheKeyWithTheWholeChain() throws Exception {
        TestPki.Issued leaf = chainOf(TestPki.KeyType.EC_P256);
        byte[] pfx = PfxWriter.write(material(leaf), PASSWORD, PfxOptions.defaults());

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(pfx), PASSWORD);
        assertEquals(List.of("writer.example.com"), java.util.Collections.list(store.aliases()));
        assertEquals(leaf.privateKey(), store.getKey("writer.example.com", PASSWORD));
        Certificate[] chain = store.getCertificateChain("writer.example.com");
        assertEquals(leaf.chain(), List.of(chain));
    }

    @Test
    void certificateBagsAreWrittenRootFirstSoWindowsEnumeratesTheLeafFirst() throws Exception {
        TestPki.Issued leaf = chainOf(TestPki.KeyType.EC_P256);
        byte[] pfx = PfxWriter.write(material(leaf), PASSWORD, PfxOptions.defaults());

        List<X509Certificate> fileOrder = certificatesInFileOrder(pfx, PASSWORD, Profile.MODERN);
        List<X509Certificate> expected = new ArrayList<>(leaf.chain());
        java.util.Collections.reverse(expected);
        assertEquals(expected, fileOrder);
    }

    @Test
    void withoutTheChainOnlyTheLeafIsWritten() throws Exception {
        TestPki.Issued leaf = chainOf(TestPki.KeyType.EC_P256);
        byte[] pfx = PfxWriter.write(material(leaf), PASSWORD,
                new PfxOptions(Profile.MODERN, PfxOptions.DEFAULT_ITERATIONS, null, null, false));
        assertEquals(List.of(leaf.certificate()), certificatesInFileOrder(pfx, PASSWORD, Profile.MODERN));
    }

    @Test
    void keyAndLeafCarryTheNameAndTheSha1OfTheLeafAsLocalKeyId() throws Exception {
        TestPki.Issued leaf = chainOf(TestPki.KeyType.EC_P256);
        byte[] pfx = PfxWriter.write(material(leaf), PASSWORD,
                new PfxOptions(Profile.MODERN, PfxOptions.DEFAULT_ITERATIONS, "my alias", PfxOptions.cspName("aes"),
                        true));
        byte[] expectedId = java.security.MessageDigest.getInstance("SHA-1").digest(leaf.certificate().getEncoded());

        List<PKCS12SafeBag> bags = bags(pfx, PASSWORD, Profile.MODERN);
        PKCS12SafeBag keyBag = bags.stream()
                .filter(b -> b.getType().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)).findFirst().orElseThrow();
        PKCS12SafeBag leafBag = bags.get(bags.size() - 2);
        for (PKCS12SafeBag bag : List.of(keyBag, leafBag)) {
            assertEquals("my alias", attribute(bag, PKCSObjectIdentifiers.pkcs_9_at_friendlyName));
            assertArrayEquals(expectedId, org.bouncycastle.asn1.ASN1OctetString.getInstance(
                    attributeValue(bag, PKCSObjectIdentifiers.pkcs_9_at_localKeyId)).getOctets());
        }
        assertEquals(PfxOptions.ENHANCED_RSA_AES_CSP, attribute(keyBag, PfxWriter.MICROSOFT_CSP_NAME));
        PKCS12SafeBag rootBag = bags.get(0);
        assertEquals(0, rootBag.getAttributes() == null ? 0 : rootBag.getAttributes().length);
    }

    @Test
    void anEmptyPasswordIsEncodedAsTheBmpEmptyStringSoTheJdkOpensIt() throws Exception {
        TestPki.Issued leaf = chainOf(TestPki.KeyType.EC_P256);
        byte[] pfx = PfxWriter.write(material(leaf), new char[0], PfxOptions.defaults());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(pfx), new char[0]);
        assertEquals(leaf.privateKey(), store.getKey("writer.example.com", new char[0]));
    }

    @Test
    void theLegacyProfileUsesTripleDesAndASha1Mac() throws Exception {
        TestPki.Issued leaf = chainOf(TestPki.KeyType.EC_P256);
        byte[] pfx = PfxWriter.write(material(leaf), PASSWORD,
                new PfxOptions(Profile.LEGACY, PfxOptions.DEFAULT_ITERATIONS, null, null, true));
        PKCS12PfxPdu pdu = new PKCS12PfxPdu(pfx);
        assertEquals(org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1,
                pdu.getMacAlgorithmID().getAlgorithm());
        assertEquals(leaf.chain().size(), certificatesInFileOrder(pfx, PASSWORD, Profile.LEGACY).size());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(pfx), PASSWORD);
        assertEquals(leaf.privateKey(), store.getKey("writer.example.com", PASSWORD));
    }

    @Test
    void aDsaKeyIsRefusedAsUnsupported() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        generator.initialize(1024);
        PrivateKey dsa = generator.generateKeyPair().getPrivate();
        TestPki.Issued leaf = chainOf(TestPki.KeyType.EC_P256);
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> PfxWriter.write(new KeyMaterial(dsa, leaf.chain()), PASSWORD, PfxOptions.defaults()));
        assertEquals(Problem.UNSUPPORTED_KEY, e.problem());
        assertContains(e.getMessage(), "DSA");
    }

    @Test
    void opensslReadsTheModernFileWithTheSameAlgorithmsAsItsOwnExport() throws Exception {
        TestPki.Issued leaf = chainOf(TestPki.KeyType.EC_P256);
        Path file = dir.resolve("modern.pfx");
        Files.write(file, PfxWriter.write(material(leaf), PASSWORD, PfxOptions.defaults()));
        String info = Interop.opensslInfo(file, new String(PASSWORD), Profile.MODERN).output();
        assertContains(info, "MAC: sha256, Iteration 2048");
        assertContains(info, "MAC length: 32, salt length: 8");
        assertContains(info, "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256");
        assertContains(info, "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256");
    }

    static int macIterations(byte[] pfx) {
        return org.bouncycastle.asn1.pkcs.Pfx.getInstance(pfx).getMacData().getIterationCount().intValueExact();
    }

    static List<PKCS12SafeBag> bags(byte[] pfx, char[] password, Profile profile) throws Exception {
        PKCS12PfxPdu pdu = new PKCS12PfxPdu(pfx);
        List<PKCS12SafeBag> bags = new ArrayList<>();
        for (org.bouncycastle.asn1.pkcs.ContentInfo info : pdu.getContentInfos()) {
            PKCS12SafeBagFactory factory = info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)
                    ? new PKCS12SafeBagFactory(info, profile == Profile.MODERN
                            ? new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(
                                    new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(password)
                            : new BcPKCS12PBEInputDecryptorProviderBuilder().build(password))
                    : new PKCS12SafeBagFactory(info);
            bags.addAll(List.of(factory.getSafeBags()));
        }
        return bags;
    }

    static List<X509Certificate> certificatesInFileOrder(byte[] pfx, char[] password, Profile profile)
            throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        for (PKCS12SafeBag bag : bags(pfx, password, profile)) {
            if (bag.getType().equals(PKCSObjectIdentifiers.certBag)) {
                byte[] der = ((org.bouncycastle.cert.X509CertificateHolder) bag.getBagValue()).getEncoded();
                certificates.add((X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            }
        }
        return certificates;
    }

    private static org.bouncycastle.asn1.ASN1Encodable attributeValue(PKCS12SafeBag bag,
                                                                    org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        for (org.bouncycastle.asn1.pkcs.Attribute attribute : bag.getAttributes()) {
            if (attribute.getAttrType().equals(oid)) {
                return attribute.getAttrValues().getObjectAt(0);
            }
        }
        throw new AssertionError("bag has no attribute " + oid);
    }

    private static String attribute(PKCS12SafeBag bag, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        return org.bouncycastle.asn1.DERBMPString.getInstance(attributeValue(bag, oid)).getString();
    }
}
