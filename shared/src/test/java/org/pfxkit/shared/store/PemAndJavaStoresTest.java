package org.pfxkit.shared.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.NeedsVectors;
import org.pfxkit.shared.testing.TestPki;
import org.pfxkit.shared.testing.Vectors;

/** PEM bundles, single PEM and DER certificates, and JKS/JCEKS stores written with the JDK's KeyStore. */
class PemAndJavaStoresTest {
    private static final PasswordSource NEVER_READ = new PasswordSource() {
        @Override
        public char[] read() {
            return fail("the password was read for a store that needs none");
        }

        @Override
        public String describe() {
            return "a source that must not be read";
        }
    };

    static TestPki.Issued root;
    static TestPki.Issued inter;
    static TestPki.Issued leaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("pfxkit Pem Root");
        inter = root.issue(TestPki.ca("pfxkit Pem Intermediate"));
        leaf = inter.issue(TestPki.leaf("hunter.example.com"));
    }

    private static List<String> names(List<StoreEntry> entries) {
        return entries.stream().map(e -> e.certificate().getSubjectX500Principal().getName()).toList();
    }

    @Test
    void aPemBundleListsItsCertificatesInFileOrderWithTheKeyOnItsCertificate() throws PfxkitException {
        Path bundle = TestPki.writePem(dir.resolve("bundle.pem"), inter.certificate(), leaf.certificate(),
                leaf.privateKey(), root.certificate());
        Keystore store = Keystore.open(bundle, NEVER_READ);
        assertEquals(Keystore.Format.PEM, store.format());
        List<String> expected = List.of("CN=pfxkit Pem Intermediate", "CN=hunter.example.com", "CN=pfxkit Pem Root");
        assertEquals(expected, names(store.fileOrder()));
        assertEquals(expected, names(store.enumerationOrder()));
        assertEquals(leaf.privateKey(), store.fileOrder().get(1).privateKey());
        assertFalse(store.fileOrder().get(0).hasPrivateKey());
        assertEquals(BagAttributes.NONE, store.fileOrder().get(1).certificateAttributes());
        assertTrue(store.keysWithoutCertificate().isEmpty());
    }

    @Test
    void aPemKeyWithoutItsCertificateIsAKeyWithoutCertificate() throws PfxkitException {
        Path bundle = TestPki.writePem(dir.resolve("odd.pem"), root.certificate(), leaf.privateKey());
        Keystore store = Keystore.open(bundle, NEVER_READ);
        assertFalse(store.fileOrder().get(0).hasPrivateKey());
        assertEquals(List.of(leaf.privateKey()), store.keysWithoutCertificate());
    }

    @Test
    void aUtf16PemAsPowerShellWritesItOpensAsForTheConverter() throws Exception {
        String pem = "\uFEFF" + TestPki.pem(leaf.certificate());
        Keystore store = Keystore.open(pem.getBytes(StandardCharsets.UTF_16LE), Path.of("ps.pem"), NEVER_READ);
        assertEquals(Keystore.Format.PEM, store.format());
        assertEquals(List.of("CN=hunter.example.com"), names(store.fileOrder()));
    }

    @Test
    void aSingleDerCertificateIsAStoreOfOne() throws Exception {
        Path der = Files.write(dir.resolve("leaf.cer"), leaf.certificate().getEncoded());
        Keystore store = Keystore.open(der, NEVER_READ);
        assertEquals(Keystore.Format.DER, store.format());
        assertEquals(List.of("CN=hunter.example.com"), names(store.fileOrder()));
        assertEquals(1, store.fileOrder().get(0).fileIndex());
    }

    @Test
    @NeedsVectors
    void opensslsPemCertificateVectorIsAStoreOfOne() throws PfxkitException {
        Keystore store = Keystore.open(Vectors.file("generated-openssl-3.0.19/ca.crt"), NEVER_READ);
        assertEquals(Keystore.Format.PEM, store.format());
        assertEquals(List.of("CN=TestCA"), names(store.fileOrder()));
    }

    private Path javaStore(String type, String name) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        ks.setKeyEntry("hunter", leaf.privateKey(), "changeit".toCharArray(),
                new Certificate[] {leaf.certificate(), inter.certificate(), root.certificate()});
        ks.setCertificateEntry("root", root.certificate());
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, "changeit".toCharArray());
        }
        return file;
    }

    @Test
    void aJksKeyEntryBringsItsChainAndEachCertificateIsListedOnce() throws Exception {
        Keystore store = Keystore.open(javaStore("JKS", "s.jks"), PasswordSource.of("changeit".toCharArray()));
        assertEquals(Keystore.Format.JKS, store.format());
        assertEquals(3, store.fileOrder().size());
        assertEquals(List.of("CN=hunter.example.com", "CN=pfxkit Pem Intermediate", "CN=pfxkit Pem Root").stream()
                .sorted().toList(), names(store.fileOrder()).stream().sorted().toList());
        StoreEntry withKey = store.fileOrder().stream().filter(StoreEntry::hasPrivateKey).findFirst().orElseThrow();
        assertEquals(leaf.certificate(), withKey.certificate());
        assertEquals("hunter", withKey.certificateAttributes().friendlyName());
        assertEquals(store.fileOrder(), store.enumerationOrder());
    }

    @Test
    void aJceksStoreOpensLikeAJks() throws Exception {
        Keystore store = Keystore.open(javaStore("JCEKS", "s.jceks"), PasswordSource.of("changeit".toCharArray()));
        assertEquals(Keystore.Format.JKS, store.format());
        assertEquals(1, store.fileOrder().stream().filter(StoreEntry::hasPrivateKey).count());
        PfxkitException e = assertThrows(PfxkitException.class, () -> Keystore.open(dir.resolve("s.jceks"),
                PasswordSource.of("wrong".toCharArray())));
        assertEquals(Problem.BAD_PASSWORD, e.problem());
    }

    @Test
    void aTruncatedJksSaysSo() throws Exception {
        byte[] whole = Files.readAllBytes(javaStore("JKS", "t.jks"));
        Path cut = Files.write(dir.resolve("cut.jks"), java.util.Arrays.copyOf(whole, whole.length / 2));
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> Keystore.open(cut, PasswordSource.of("changeit".toCharArray())));
        assertEquals(Problem.TRUNCATED, e.problem());
        assertTrue(e.getMessage().contains("cut.jks"), e.getMessage());
        assertFalse(e.getMessage().contains("null"), e.getMessage());
    }
}
