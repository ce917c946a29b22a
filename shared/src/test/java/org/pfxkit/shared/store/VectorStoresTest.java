package org.pfxkit.shared.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.NeedsVectors;
import org.pfxkit.shared.testing.Vectors;

/** Every PKCS#12 file under ../shared/vectors opens as its MANIFEST.txt says. */
@NeedsVectors
class VectorStoresTest {
    private static final String CA = "CN=cryptography CA,C=US";
    private static final String CERT2 = "CN=www.cryptography.io,OU=Domain Control Validated - RapidSSL(R),"
            + "OU=See www.rapidssl.com/resources/cps (c)14,OU=GT48742965";
    private static final String CERT3 = "CN=Let's Encrypt Authority X3,O=Let's Encrypt,C=US";
    private static final byte[] WINDOWS_KEY_ID = {1, 0, 0, 0};

    static Keystore open(String vector, String password) throws PfxkitException {
        Path file = Vectors.file(vector);
        return Keystore.open(file, password == null ? PasswordSource.none() : PasswordSource.of(password.toCharArray()));
    }

    static List<String> subjects(List<StoreEntry> entries) {
        return entries.stream().map(e -> e.certificate().getSubjectX500Principal().getName()).toList();
    }

    /** vector, password (null: PasswordSource.none()), certificates in file order, keys paired, loose keys. */
    static Stream<Arguments> manifest() {
        return Stream.of(
                Arguments.of("pyca-cryptography/pkcs12/cert-key-aes256cbc.p12", "cryptography", List.of(CA), 1, 0),
                Arguments.of("pyca-cryptography/pkcs12/cert-none-key-none.p12", "cryptography", List.of(CA), 1, 0),
                Arguments.of("pyca-cryptography/pkcs12/cert-rc2-key-3des.p12", "cryptography", List.of(CA), 1, 0),
                Arguments.of("pyca-cryptography/pkcs12/cert-aes256cbc-no-key.p12", "cryptography", List.of(CA), 0, 0),
                Arguments.of("pyca-cryptography/pkcs12/no-cert-key-aes256cbc.p12", "cryptography", List.of(), 0, 1),
                Arguments.of("pyca-cryptography/pkcs12/no-password.p12", null, List.of(CA), 1, 0),
                Arguments.of("pyca-cryptography/pkcs12/name-all-pwd.p12", "password", List.of(CA, CERT2, CERT3), 1, 0),
                Arguments.of("pyca-cryptography/pkcs12/name-all-no-pwd.p12", null, List.of(CA, CERT2, CERT3), 1, 0),
                Arguments.of("pyca-cryptography/pkcs12/name-unicode-pwd.p12", "password", List.of(CA, CERT2, CERT3),
                        1, 0),
                Arguments.of("pyca-cryptography/pkcs12/no-cert-name-all-pwd.p12", "password", List.of(CERT2, CERT3),
                        0, 0),
                Arguments.of("go-pkcs12/windows-certmgr-aes256-ad_standalone_com.p12", "password",
                        List.of("CN=*.ad.standalone.com"), 1, 0),
                Arguments.of("go-pkcs12/windows-azure-tools-nullpw.p12", null, List.of("CN=Windows Azure Tools"), 1, 0),
                Arguments.of("go-pkcs12/testing-at-example-com-emptypw.p12", null, List.of("CN=testing@example.com"),
                        1, 0),
                Arguments.of("go-pkcs12/example-com-aes128.p12", "rHyQTJsubhfxcpH5JttyilHE6BBsNoZp",
                        List.of("CN=example-com"), 1, 0),
                Arguments.of("go-pkcs12/example-com-aes192.p12", "password",
                        List.of("CN=example-com,O=Internet Widgits Pty Ltd,ST=Some-State,C=AU"), 1, 0),
                Arguments.of("go-pkcs12/rfc9579-a1.p12", "1234", List.of("CN=tt,OU=rr,O=ee,L=ww,ST=qq,C=XX"), 1, 0),
                Arguments.of("go-pkcs12/rfc9579-a3.p12", "1234", List.of("CN=tt,OU=rr,O=ee,L=ww,ST=qq,C=XX"), 1, 0),
                Arguments.of("golang-crypto/windows-ias-peap-ldaps-emptypw.p12", null,
                        List.of("1.3.6.1.4.1.311.17.1=#0c1374657374696e67406578616d706c652e636f6d,"
                                + "CN=Windows IAS PEAP & LDAPS certificates"), 1, 0),
                Arguments.of("generated-openssl-3.0.19/rsa2048_default_pw-changeit.pfx", "changeit",
                        List.of("CN=rsa.example"), 1, 0),
                Arguments.of("generated-openssl-3.0.19/rsa2048_default_emptypw.pfx", null, List.of("CN=rsa.example"),
                        1, 0),
                Arguments.of("generated-openssl-3.0.19/rsa2048_legacy_pw-x.pfx", "x", List.of("CN=rsa.example"), 1, 0),
                Arguments.of("generated-openssl-3.0.19/rsa2048_keypbe-certpbe-NONE_pw-x.pfx", "x",
                        List.of("CN=rsa.example"), 1, 0),
                Arguments.of("generated-openssl-3.0.19/leaf+ca_name_caname_CSP_LMK_keyex_pw-x.pfx", "x",
                        List.of("CN=leaf.example", "CN=TestCA"), 1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifest")
    void everyVectorOpensWithItsManifestPasswordAndShowsItsCertificatesInReverseForWindows(String vector,
            String password, List<String> fileOrder, int pairedKeys, int looseKeys) throws PfxkitException {
        Keystore store = open(vector, password);
        assertEquals(Keystore.Format.PKCS12, store.format());
        assertEquals(fileOrder, subjects(store.fileOrder()));
        List<String> reversed = new java.util.ArrayList<>(fileOrder);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, subjects(store.enumerationOrder()));
        assertEquals(pairedKeys, store.fileOrder().stream().filter(StoreEntry::hasPrivateKey).count());
        assertEquals(looseKeys, store.keysWithoutCertificate().size());
        for (int i = 0; i < store.fileOrder().size(); i++) {
            assertEquals(i + 1, store.fileOrder().get(i).fileIndex());
        }
    }

    @Test
    void unicodeFriendlyNamesAreKeptAsWritten() throws PfxkitException {
        Keystore store = open("pyca-cryptography/pkcs12/name-unicode-pwd.p12", "password");
        assertEquals(List.of("\u263A", "\u00E4", "\u00E7"), store.fileOrder().stream()
                .map(e -> e.certificateAttributes().friendlyName()).toList());
        assertEquals("\u263A", store.fileOrder().get(0).keyAttributes().friendlyName());
    }

    @Test
    void anySearchOnPycaNamedStoreSeesTheLastBagFirst() throws PfxkitException {
        Keystore store = open("pyca-cryptography/pkcs12/name-all-pwd.p12", "password");
        StoreEntry first = store.enumerationOrder().get(0);
        assertEquals("name3", first.certificateAttributes().friendlyName());
        assertFalse(first.hasPrivateKey());
        assertEquals(3, first.fileIndex());
    }

    @Test
    void windowsCertmgrExportCarriesTheKeyStorageProviderAndLocalKeySet() throws PfxkitException {
        StoreEntry entry = open("go-pkcs12/windows-certmgr-aes256-ad_standalone_com.p12", "password")
                .fileOrder().get(0);
        assertTrue(entry.hasPrivateKey());
        assertArrayEquals(WINDOWS_KEY_ID, entry.certificateAttributes().localKeyId());
        BagAttributes key = entry.keyAttributes();
        assertEquals("Microsoft Software Key Storage Provider", key.cspName());
        assertTrue(key.localKeySet());
        assertArrayEquals(WINDOWS_KEY_ID, key.localKeyId());
        assertTrue(key.friendlyName().startsWith("te-c6bda622-"), key.friendlyName());
        assertEquals(List.of("2.5.29.15=#03020090"), key.others());
    }

    @Test
    void azureToolsFriendlyNameKeepsItsTrailingNul() throws PfxkitException {
        StoreEntry entry = open("go-pkcs12/windows-azure-tools-nullpw.p12", null).fileOrder().get(0);
        assertEquals("Paul's Playground-10-2-2014-credentials\0", entry.certificateAttributes().friendlyName());
        assertArrayEquals(WINDOWS_KEY_ID, entry.certificateAttributes().localKeyId());
        assertEquals("Microsoft Software Key Storage Provider", entry.keyAttributes().cspName());
        assertFalse(entry.keyAttributes().localKeySet());
    }

    @Test
    void iasExportCarriesTheSchannelProviderAndLocalKeySet() throws PfxkitException {
        StoreEntry entry = open("golang-crypto/windows-ias-peap-ldaps-emptypw.p12", null).fileOrder().get(0);
        assertEquals("PEAP Certificate", entry.certificateAttributes().friendlyName());
        assertEquals("PEAP Certificate", entry.keyAttributes().friendlyName());
        assertEquals("Microsoft RSA SChannel Cryptographic Provider", entry.keyAttributes().cspName());
        assertTrue(entry.keyAttributes().localKeySet());
        assertEquals(20, entry.certificateAttributes().localKeyId().length);
    }

    @Test
    void opensslCspLmkKeyexAttributesLandOnTheKeyAndTheCaKeepsOnlyItsName() throws PfxkitException {
        Keystore store = open("generated-openssl-3.0.19/leaf+ca_name_caname_CSP_LMK_keyex_pw-x.pfx", "x");
        StoreEntry leaf = store.fileOrder().get(0);
        StoreEntry ca = store.fileOrder().get(1);
        assertEquals("my leaf", leaf.certificateAttributes().friendlyName());
        assertEquals("my leaf", leaf.keyAttributes().friendlyName());
        assertEquals("Microsoft Enhanced RSA and AES Cryptographic Provider", leaf.keyAttributes().cspName());
        assertTrue(leaf.keyAttributes().localKeySet());
        assertEquals(List.of("2.5.29.15=#03020410"), leaf.keyAttributes().others());
        assertEquals("my ca", ca.certificateAttributes().friendlyName());
        assertNull(ca.certificateAttributes().localKeyId());
        assertFalse(ca.hasPrivateKey());
        assertEquals("CN=TestCA", store.enumerationOrder().get(0).certificate().getSubjectX500Principal().getName());
    }

    @Test
    void opensslLocalKeyIdIsTheSha1OfTheCertificate() throws Exception {
        StoreEntry entry = open("generated-openssl-3.0.19/rsa2048_default_pw-changeit.pfx", "changeit")
                .fileOrder().get(0);
        byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1").digest(entry.certificate().getEncoded());
        assertArrayEquals(sha1, entry.certificateAttributes().localKeyId());
        assertArrayEquals(sha1, entry.keyAttributes().localKeyId());
    }

    @Test
    void rfc9579ExampleWithTheWrongIterationCountFailsAsBadPassword() {
        Path file = Vectors.file("go-pkcs12/rfc9579-a4.p12");
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> Keystore.open(file, PasswordSource.of("1234".toCharArray())));
        assertEquals(Problem.BAD_PASSWORD, e.problem());
        assertTrue(e.getMessage().contains("MAC"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifest")
    void aWrongPasswordFailsAsBadPasswordNamingTheFileAndTheSource(String vector, String password) {
        Path file = Vectors.file(vector);
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> Keystore.open(file, PasswordSource.of("definitely-wrong".toCharArray())));
        assertEquals(Problem.BAD_PASSWORD, e.problem(), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("a password given by the application"), e.getMessage());
        assertFalse(e.getMessage().contains("definitely-wrong"));
        assertTrue(e.hint().contains("--password-file"), e.hint());
        assertTrue(e.hint().contains(PasswordSource.besideStore(file).toString()), e.hint());
        if (password != null) {
            PfxkitException empty = assertThrows(PfxkitException.class,
                    () -> Keystore.open(file, PasswordSource.none()));
            assertEquals(Problem.BAD_PASSWORD, empty.problem(), empty.getMessage());
            assertTrue(empty.getMessage().contains("the empty password"), empty.getMessage());
        }
    }

    /** Why Pkcs12Reader checks the MAC with bcpkix's calculators rather than PKCS12PfxPdu.isMacValid. */
    @Test
    void bcpkixIsMacValidRefusesGenuineWindowsExports() throws Exception {
        org.bouncycastle.pkcs.PKCS12PfxPdu windows = new org.bouncycastle.pkcs.PKCS12PfxPdu(java.nio.file.Files
                .readAllBytes(Vectors.file("go-pkcs12/windows-certmgr-aes256-ad_standalone_com.p12")));
        assertFalse(windows.isMacValid(new org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilderProvider(
                org.bouncycastle.operator.bc.BcDefaultDigestProvider.INSTANCE), "password".toCharArray()));
        assertEquals(1, open("go-pkcs12/windows-certmgr-aes256-ad_standalone_com.p12", "password").fileOrder().size());
    }

    /** Why Pkcs12Reader keys the classic MAC itself: bcpkix cannot key it with the empty password as BMP 00 00. */
    @Test
    void bcpkixCannotCheckOpensslsEmptyPasswordMac() throws Exception {
        String vector = "generated-openssl-3.0.19/rsa2048_default_emptypw.pfx";
        org.bouncycastle.asn1.pkcs.Pfx pfx = org.bouncycastle.asn1.pkcs.Pfx.getInstance(java.nio.file.Files
                .readAllBytes(Vectors.file(vector)));
        org.bouncycastle.asn1.pkcs.MacData mac = pfx.getMacData();
        org.bouncycastle.operator.MacCalculator calculator = new org.bouncycastle.pkcs.bc
                .BcPKCS12MacCalculatorBuilderProvider(org.bouncycastle.operator.bc.BcDefaultDigestProvider.INSTANCE)
                .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(mac.getMac().getAlgorithmId().getAlgorithm(),
                        new org.bouncycastle.asn1.pkcs.PKCS12PBEParams(mac.getSalt(), mac.getIterationCount()
                                .intValue()))).build(new char[0]);
        try (java.io.OutputStream out = calculator.getOutputStream()) {
            out.write(org.bouncycastle.asn1.ASN1OctetString.getInstance(pfx.getAuthSafe().getContent()).getOctets());
        }
        assertFalse(java.util.Arrays.equals(mac.getMac().getDigest(), calculator.getMac()));
        assertEquals(1, open(vector, null).fileOrder().size());
    }
}
