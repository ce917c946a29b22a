package org.pfxkit.shared.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.ExternalTool;
import org.pfxkit.shared.testing.TestPki;

/** Stores written at run time by the real openssl and keytool, with their exact file and Windows orders. */
class ToolWrittenStoresTest {
    private static final PasswordSource PW = PasswordSource.of("pw".toCharArray());
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
    static Path pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void writePki() {
        root = TestPki.rootCa("pfxkit Tool Root");
        inter = root.issue(TestPki.ca("pfxkit Tool Intermediate"));
        leaf = inter.issue(TestPki.leaf("hunter.example.com"));
        TestPki.writePem(pki.resolve("leaf.key"), leaf.privateKey());
        TestPki.writePem(pki.resolve("leaf.crt"), leaf.certificate());
        TestPki.writePem(pki.resolve("root.crt"), root.certificate());
        TestPki.writePem(pki.resolve("inter-root.pem"), inter.certificate(), root.certificate());
        TestPki.writePem(pki.resolve("root-inter.pem"), root.certificate(), inter.certificate());
    }

    private Path opensslExport(String name, String... options) {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("openssl", "pkcs12", "-export",
                "-inkey", pki.resolve("leaf.key").toString(), "-in", pki.resolve("leaf.crt").toString(),
                "-out", out.toString()));
        command.addAll(List.of(options));
        ExternalTool.run(command).assertSuccess();
        return out;
    }

    private static List<String> names(List<StoreEntry> entries) {
        return entries.stream().map(e -> e.certificate().getSubjectX500Principal().getName()).toList();
    }

    private static final String LEAF = "CN=hunter.example.com";
    private static final String INTER = "CN=pfxkit Tool Intermediate";
    private static final String ROOT = "CN=pfxkit Tool Root";

    @Test
    void anySearchReturnsTheRootWhenOpensslWroteTheChainLeafFirst() throws PfxkitException {
        Path pfx = opensslExport("chain.pfx", "-certfile", pki.resolve("inter-root.pem").toString(),
                "-passout", "pass:pw");
        Keystore store = Keystore.open(pfx, PW);
        assertEquals(List.of(LEAF, INTER, ROOT), names(store.fileOrder()));
        assertEquals(List.of(ROOT, INTER, LEAF), names(store.enumerationOrder()));
        assertTrue(store.fileOrder().get(0).hasPrivateKey());
        assertFalse(store.enumerationOrder().get(0).hasPrivateKey());
    }

    @Test
    void anySearchReturnsTheIntermediateWhenTheCertfileListsTheRootFirst() throws PfxkitException {
        Path pfx = opensslExport("chain2.pfx", "-certfile", pki.resolve("root-inter.pem").toString(),
                "-passout", "pass:pw");
        Keystore store = Keystore.open(pfx, PW);
        assertEquals(List.of(LEAF, ROOT, INTER), names(store.fileOrder()));
        assertEquals(List.of(INTER, ROOT, LEAF), names(store.enumerationOrder()));
    }

    @Test
    void opensslLegacyFilesOpenWithRc2AndTripleDes() throws PfxkitException {
        Path pfx = opensslExport("legacy.pfx", "-legacy", "-certfile", pki.resolve("root.crt").toString(),
                "-name", "hunter", "-passout", "pass:pw");
        Keystore store = Keystore.open(pfx, PW);
        assertEquals(List.of(LEAF, ROOT), names(store.fileOrder()));
        assertEquals(leaf.privateKey(), store.fileOrder().get(0).privateKey());
        assertEquals("hunter", store.fileOrder().get(0).certificateAttributes().friendlyName());
        assertEquals(ROOT, names(store.enumerationOrder()).get(0));
    }

    @Test
    void opensslUnencryptedBagsOpenAndTheMacStillChecksThePassword() throws PfxkitException {
        Path pfx = opensslExport("none.pfx", "-keypbe", "NONE", "-certpbe", "NONE", "-passout", "pass:pw");
        Keystore store = Keystore.open(pfx, PW);
        assertEquals(List.of(LEAF), names(store.fileOrder()));
        assertEquals(leaf.privateKey(), store.fileOrder().get(0).privateKey());
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> Keystore.open(pfx, PasswordSource.of("wrong".toCharArray())));
        assertEquals(Problem.BAD_PASSWORD, e.problem());
    }

    @Test
    void opensslEmptyPasswordFilesOpenWithTheExplicitEmptyPassword() throws PfxkitException {
        Path pfx = opensslExport("empty.pfx", "-passout", "pass:");
        Keystore store = Keystore.open(pfx, PasswordSource.none());
        assertEquals(leaf.privateKey(), store.fileOrder().get(0).privateKey());
        PfxkitException e = assertThrows(PfxkitException.class, () -> Keystore.open(pfx, PW));
        assertEquals(Problem.BAD_PASSWORD, e.problem());
    }

    private Path keytool(String type, String file, String... entries) {
        Path store = dir.resolve(file);
        for (String alias : entries) {
            ExternalTool.run("keytool", "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + alias, "-validity", "30", "-keystore", store.toString(), "-storetype", type,
                    "-storepass", "changeit", "-keypass", "changeit").assertSuccess();
        }
        return store;
    }

    @Test
    void keytoolJksOpensWithItsPasswordInAliasOrder() throws PfxkitException {
        Path jks = keytool("JKS", "k.jks", "alpha", "beta");
        Keystore store = Keystore.open(jks, PasswordSource.of("changeit".toCharArray()));
        assertEquals(Keystore.Format.JKS, store.format());
        assertEquals(2, store.fileOrder().size());
        assertTrue(store.fileOrder().stream().allMatch(StoreEntry::hasPrivateKey));
        assertEquals(store.fileOrder(), store.enumerationOrder());
        List<String> aliases = new ArrayList<>(store.fileOrder().stream()
                .map(e -> e.certificateAttributes().friendlyName()).toList());
        for (StoreEntry entry : store.fileOrder()) {
            assertEquals("CN=" + entry.certificateAttributes().friendlyName(),
                    entry.certificate().getSubjectX500Principal().getName());
        }
        Collections.sort(aliases);
        assertEquals(List.of("alpha", "beta"), aliases);
        PfxkitException e = assertThrows(PfxkitException.class,
                () -> Keystore.open(jks, PasswordSource.of("wrong".toCharArray())));
        assertEquals(Problem.BAD_PASSWORD, e.problem());
        assertTrue(e.getMessage().contains("k.jks"), e.getMessage());
    }

    @Test
    void keytoolPkcs12IsReadByThePkcs12ReaderWithTheAliasAsFriendlyName() throws PfxkitException {
        Path p12 = keytool("PKCS12", "k.p12", "hunter");
        Keystore store = Keystore.open(p12, PasswordSource.of("changeit".toCharArray()));
        assertEquals(Keystore.Format.PKCS12, store.format());
        assertEquals(List.of("CN=hunter"), names(store.fileOrder()));
        StoreEntry entry = store.fileOrder().get(0);
        assertTrue(entry.hasPrivateKey());
        assertEquals("hunter", entry.certificateAttributes().friendlyName());
        assertEquals("hunter", entry.keyAttributes().friendlyName());
    }

    @Test
    void aJksOfTrustedCertificatesIsListedWithoutReadingThePassword() throws Exception {
        Path jks = dir.resolve("trust.jks");
        ExternalTool.run("keytool", "-importcert", "-noprompt", "-alias", "root", "-file",
                pki.resolve("root.crt").toString(), "-keystore", jks.toString(), "-storetype", "JKS",
                "-storepass", "changeit").assertSuccess();
        Keystore store = Keystore.open(jks, NEVER_READ);
        assertEquals(List.of(ROOT), names(store.fileOrder()));
        assertFalse(store.fileOrder().get(0).hasPrivateKey());
        assertEquals("root", store.fileOrder().get(0).certificateAttributes().friendlyName());
        assertNull(store.fileOrder().get(0).certificateAttributes().localKeyId());
        assertTrue(Files.size(jks) > 4);
    }
}
