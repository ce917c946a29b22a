package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.TestPki;

/** Key sources and the certificate choice: certfind's matcher over a PFX or a KeyStore, the chain built from it. */
class KeySourceTest {
    private static final TestPki.Issued FOX = TestServer.ROOT.issue(TestPki.leaf("fox.example.com")
            .sharedKey("server-leaf"));
    private static final TestPki.Issued HUNTER = TestServer.ROOT.issue(TestPki.leaf("hunter.example.com")
            .sharedKey("server-leaf"));

    @TempDir
    Path dir;

    private KeyStore keyStore() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("fox", FOX.privateKey(), "pw".toCharArray(), FOX.chain().toArray(X509Certificate[]::new));
        ks.setKeyEntry("hunter", HUNTER.privateKey(), "pw".toCharArray(),
                HUNTER.chain().toArray(X509Certificate[]::new));
        return ks;
    }

    @Test
    void aSha1ThumbprintAsCertmgrShowsItChoosesThatCertificateWithItsChain() throws Exception {
        Path pfx = dir.resolve("two.pfx");
        try (OutputStream out = Files.newOutputStream(pfx)) {
            keyStore().store(out, "pw".toCharArray());
        }
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(HUNTER.certificate().getEncoded());
        String spaced = HexFormat.ofDelimiter(" ").formatHex(sha1);
        ChosenCertificate chosen = KeySource.store(pfx, PasswordSource.of("pw".toCharArray()))
                .choose(CertificateSelector.sha1(spaced));
        assertEquals(HUNTER.certificate(), chosen.material().leaf());
        assertEquals(List.of(HUNTER.certificate(), TestServer.ROOT.certificate()), chosen.material().chain());
        assertTrue(chosen.explanation().get(0).startsWith("the SHA-1 thumbprint "), chosen.explanation().get(0));
    }

    @Test
    void aKeyStoreIsSearchedInItsAliasOrder() throws Exception {
        ChosenCertificate chosen = KeySource.keyStore(keyStore(), PasswordSource.of("pw".toCharArray()))
                .choose(CertificateSelector.subjectSubstring("example.com"));
        assertEquals(FOX.certificate(), chosen.material().leaf());
        assertTrue(chosen.explanation().get(1).startsWith("it is the first of 2 matches"), chosen.explanation().get(1));
    }

    @Test
    void aSearchAppliesToKeystoresOnly() {
        PfxkitException e = assertThrows(PfxkitException.class, () -> KeySource.of(TestServer.leafMaterial())
                .choose(CertificateSelector.any()));
        assertEquals(Problem.BAD_USAGE, e.problem());
    }

    @Test
    void aBadThumbprintIsBadUsage() {
        PfxkitException e = assertThrows(PfxkitException.class, () -> KeySource.keyStore(keyStore(),
                PasswordSource.of("pw".toCharArray())).choose(CertificateSelector.sha1("abc")));
        assertEquals(Problem.BAD_USAGE, e.problem());
    }
}
