package org.pfxkit.shared.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.TestPki;

/** Edge cases built with bcpkix: key-only, certificate-only, several keys, odd or missing localKeyIDs, damage. */
class BuiltStoresTest {
    private static final byte[] ID1 = {1};
    private static final byte[] ID2 = {2};
    private static final PasswordSource PW = PasswordSource.of("pw".toCharArray());

    static TestPki.Issued root;
    static TestPki.Issued inter;
    static TestPki.Issued leaf;
    static TestPki.Issued other;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("pfxkit Store Root");
        inter = root.issue(TestPki.ca("pfxkit Store Intermediate"));
        leaf = inter.issue(TestPki.leaf("hunter.example.com"));
        other = inter.issue(TestPki.leaf("other.example.com"));
    }

    private Keystore open(byte[] pfx) throws PfxkitException {
        return Keystore.open(TestPfx.write(dir.resolve("store.pfx"), pfx), PW);
    }

    private static List<X509Certificate> certs(List<StoreEntry> entries) {
        return entries.stream().map(StoreEntry::certificate).toList();
    }

    @Test
    void aKeyOnlyStoreListsNoCertificateAndOneKeyWithoutCertificate() throws PfxkitException {
        TestPfx pfx = TestPfx.password("pw");
        Keystore store = open(pfx.plain(pfx.shroudedKey(leaf.privateKey(), ID1)).withMac());
        assertTrue(store.fileOrder().isEmpty());
        assertTrue(store.enumerationOrder().isEmpty());
        assertEquals(List.of(leaf.privateKey()), store.keysWithoutCertificate());
    }

    @Test
    void aCertificateOnlyStoreListsItsCertificatesWithoutKeysInReverseForWindows() throws PfxkitException {
        Keystore store = open(TestPfx.password("pw").aes(TestPfx.cert(root.certificate(), "root", null),
                TestPfx.cert(inter.certificate(), "inter", null)).withMac());
        assertEquals(List.of(root.certificate(), inter.certificate()), certs(store.fileOrder()));
        assertEquals(List.of(inter.certificate(), root.certificate()), certs(store.enumerationOrder()));
        assertTrue(store.fileOrder().stream().noneMatch(StoreEntry::hasPrivateKey));
        assertTrue(store.keysWithoutCertificate().isEmpty());
    }

    @Test
    void severalKeysEachFindTheirOwnCertificate() throws PfxkitException {
        TestPfx pfx = TestPfx.password("pw");
        Keystore store = open(pfx.aes(TestPfx.cert(leaf.certificate(), "leaf", ID1),
                        TestPfx.cert(other.certificate(), "other", ID2))
                .plain(pfx.shroudedKey(other.privateKey(), ID2), pfx.shroudedKey(leaf.privateKey(), ID1)).withMac());
        assertEquals(leaf.privateKey(), store.fileOrder().get(0).privateKey());
        assertEquals(other.privateKey(), store.fileOrder().get(1).privateKey());
        assertArrayEqualsId(ID1, store.fileOrder().get(0).keyAttributes().localKeyId());
        assertTrue(store.keysWithoutCertificate().isEmpty());
    }

    @Test
    void withoutLocalKeyIdTheKeyIsPairedByItsPublicKey() throws PfxkitException {
        TestPfx pfx = TestPfx.password("pw");
        Keystore store = open(pfx.aes(TestPfx.cert(root.certificate(), null, null),
                TestPfx.cert(leaf.certificate(), null, null)).plain(pfx.shroudedKey(leaf.privateKey(), null)).withMac());
        assertFalse(store.fileOrder().get(0).hasPrivateKey());
        assertEquals(leaf.privateKey(), store.fileOrder().get(1).privateKey());
    }

    @Test
    void aLocalKeyIdPointingAtTheWrongKeyIsNotTrusted() throws PfxkitException {
        // GnuTLS certtool writes such files: the certificate claims a key that is not its own.
        TestPfx pfx = TestPfx.password("pw");
        Keystore store = open(pfx.aes(TestPfx.cert(leaf.certificate(), "leaf", ID1))
                .plain(pfx.shroudedKey(other.privateKey(), ID1)).withMac());
        assertFalse(store.fileOrder().get(0).hasPrivateKey());
        assertEquals(List.of(other.privateKey()), store.keysWithoutCertificate());
    }

    @Test
    void differingLocalKeyIdsStillPairAKeyWithItsCertificate() throws PfxkitException {
        TestPfx pfx = TestPfx.password("pw");
        Keystore store = open(pfx.aes(TestPfx.cert(leaf.certificate(), "leaf", ID2))
                .plain(pfx.shroudedKey(leaf.privateKey(), ID1)).withMac());
        assertEquals(leaf.privateKey(), store.fileOrder().get(0).privateKey());
        assertTrue(store.keysWithoutCertificate().isEmpty());
    }

    @Test
    void certificatesInSeveralSafeContentsAreEnumeratedInReverseOfTheirOverallFileOrder() throws PfxkitException {
        TestPfx pfx = TestPfx.password("pw");
        Keystore store = open(pfx.aes(TestPfx.cert(leaf.certificate(), "leaf", ID1),
                        TestPfx.cert(inter.certificate(), null, null))
                .plain(pfx.shroudedKey(leaf.privateKey(), ID1))
                .rc2(TestPfx.cert(root.certificate(), null, null)).withMac());
        assertEquals(List.of(leaf.certificate(), inter.certificate(), root.certificate()), certs(store.fileOrder()));
        assertEquals(List.of(root.certificate(), inter.certificate(), leaf.certificate()),
                certs(store.enumerationOrder()));
        assertEquals(List.of(3, 2, 1), store.enumerationOrder().stream().map(StoreEntry::fileIndex).toList());
        assertTrue(store.enumerationOrder().get(2).hasPrivateKey());
    }

    @Test
    void theCertificateWithTheKeyGetsNoSpecialPlace() throws PfxkitException {
        TestPfx pfx = TestPfx.password("pw");
        Keystore store = open(pfx.plain(pfx.shroudedKey(leaf.privateKey(), ID1))
                .aes(TestPfx.cert(root.certificate(), null, null), TestPfx.cert(leaf.certificate(), "leaf", ID1),
                        TestPfx.cert(inter.certificate(), null, null)).withMac());
        assertEquals(List.of(inter.certificate(), leaf.certificate(), root.certificate()),
                certs(store.enumerationOrder()));
    }

    @Test
    void aStoreWithoutMacOrEncryptionNeverReadsThePassword() throws PfxkitException {
        PasswordSource refuses = new PasswordSource() {
            @Override
            public char[] read() {
                return fail("the password was read for a store that needs none");
            }

            @Override
            public String describe() {
                return "a source that must not be read";
            }
        };
        Path file = TestPfx.write(dir.resolve("open.pfx"), TestPfx.password("pw")
                .plain(TestPfx.cert(leaf.certificate(), "leaf", ID1), TestPfx.key(leaf.privateKey(), ID1)).withoutMac());
        Keystore store = Keystore.open(file, refuses);
        assertEquals(leaf.privateKey(), store.fileOrder().get(0).privateKey());
    }

    @Test
    void thePasswordArrayIsZeroedAfterUse() throws PfxkitException {
        List<char[]> handedOut = new ArrayList<>();
        PasswordSource recording = new PasswordSource() {
            @Override
            public char[] read() {
                char[] password = "pw".toCharArray();
                handedOut.add(password);
                return password;
            }

            @Override
            public String describe() {
                return "a recording source";
            }
        };
        TestPfx pfx = TestPfx.password("pw");
        Path file = TestPfx.write(dir.resolve("z.pfx"), pfx.aes(TestPfx.cert(leaf.certificate(), null, ID1))
                .plain(pfx.shroudedKey(leaf.privateKey(), ID1)).withMac());
        Keystore.open(file, recording);
        assertEquals(1, handedOut.size(), "read once");
        assertTrue(Arrays.equals(new char[2], handedOut.get(0)), "zeroed");
    }

    @Test
    void withoutMacAWrongPasswordIsFoundByDecryption() {
        TestPfx pfx = TestPfx.password("pw");
        Path file = TestPfx.write(dir.resolve("nomac.pfx"), pfx.aes(TestPfx.cert(leaf.certificate(), null, ID1))
                .plain(pfx.shroudedKey(leaf.privateKey(), ID1)).withoutMac());
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> Keystore.open(file, PasswordSource.of("nope".toCharArray())));
        assertEquals(Problem.BAD_PASSWORD, e.problem());
        assertTrue(e.getMessage().contains("does not decrypt"), e.getMessage());
    }

    @Test
    void aHugeIterationCountIsRefusedBeforeAnyWork() throws Exception {
        byte[] good = TestPfx.password("pw").aes(TestPfx.cert(leaf.certificate(), null, null)).withMac();
        Pfx pfx = Pfx.getInstance(ASN1Primitive.fromByteArray(good));
        MacData mac = pfx.getMacData();
        byte[] bad = new Pfx(pfx.getAuthSafe(), new MacData(mac.getMac(), mac.getSalt(), 2_000_000_000))
                .getEncoded("DER");
        PfxkitException e = assertThrows(PfxkitException.class, () -> open(bad));
        assertEquals(Problem.UNSUPPORTED_ALGORITHM, e.problem());
        assertTrue(e.getMessage().contains("2000000000"), e.getMessage());
    }

    @Test
    void theWorkOfAllBagsTogetherIsBudgetedPerFile() throws Exception {
        int each = (int) (org.pfxkit.shared.pem.WorkBudget.MAX_ITERATIONS / 2 + 1);
        byte[] crafted = TestPfx.password("pw").iterations(each).aes(TestPfx.cert(leaf.certificate(), null, null))
                .aes(TestPfx.cert(root.certificate(), null, null)).withMac();
        PfxkitException e = assertThrows(PfxkitException.class, () -> open(crafted));
        assertEquals(2, e.problem().exitCode());
        assertTrue(e.getMessage().contains("more than " + org.pfxkit.shared.pem.WorkBudget.MAX_ITERATIONS
                + " key-derivation iterations in all"), e.getMessage());
        assertTrue(e.getMessage().contains("SafeContents 2"), e.getMessage());
        byte[] fits = TestPfx.password("pw").iterations(each).aes(TestPfx.cert(leaf.certificate(), null, null))
                .withMac();
        assertEquals(1, open(fits).fileOrder().size());
    }

    @Test
    void aTruncatedPfxSaysSoAndWhatItLookedLike() {
        byte[] good = TestPfx.password("pw").aes(TestPfx.cert(leaf.certificate(), null, null)).withMac();
        PfxkitException e = assertThrows(PfxkitException.class, () -> open(Arrays.copyOf(good, good.length / 2)));
        assertEquals(Problem.TRUNCATED, e.problem());
        assertTrue(e.getMessage().contains("PKCS#12"), e.getMessage());
    }

    @Test
    void binaryGarbageIsNotAKeystore() throws Exception {
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> Keystore.open(Files.write(dir.resolve("a.exe"), new byte[] {'M', 'Z', (byte) 0x90, 0}), PW));
        assertEquals(Problem.BAD_STORE, e.problem());
        assertTrue(e.getMessage().contains("4d5a9000"), e.getMessage());
    }

    @Test
    void anEmptyFileIsNotAKeystore() throws Exception {
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> Keystore.open(Files.write(dir.resolve("empty.pfx"), new byte[0]), PW));
        assertEquals(Problem.BAD_STORE, e.problem());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void aMissingFileIsFileNotFound() {
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> Keystore.open(dir.resolve("missing.pfx"), PW));
        assertEquals(Problem.FILE_NOT_FOUND, e.problem());
        assertTrue(e.getMessage().contains("missing.pfx"), e.getMessage());
    }

    @Test
    void theStoreRemembersItsPathAndFormat() throws PfxkitException {
        Path file = TestPfx.write(dir.resolve("p.pfx"),
                TestPfx.password("pw").aes(TestPfx.cert(leaf.certificate(), null, null)).withMac());
        Keystore store = Keystore.open(file, PW);
        assertSame(file, store.path());
        assertEquals(Keystore.Format.PKCS12, store.format());
        assertNull(store.fileOrder().get(0).certificateAttributes().friendlyName());
    }

    private static void assertArrayEqualsId(byte[] expected, byte[] actual) {
        assertTrue(Arrays.equals(expected, actual), Arrays.toString(actual));
    }
}
