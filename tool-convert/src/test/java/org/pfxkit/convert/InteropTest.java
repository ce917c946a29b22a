package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pfxkit.convert.Interop.assertContains;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.testing.TestPki;
import org.pfxkit.shared.testing.TestPki.KeyType;
import org.pfxkit.shared.store.PfxOptions;
import org.pfxkit.shared.store.PfxWriter;
import org.pfxkit.shared.store.Profile;

/** What pfxconvert writes opens in openssl 3, keytool, GnuTLS certtool and pyca/cryptography, in both profiles. */
class InteropTest {
    private static final String PASSWORD = "interop-Pa55";
    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("pfxkit Interop Root");
        intermediate = root.issue(TestPki.ca("pfxkit Interop Intermediate"));
    }

    private Path write(KeyType type, Profile profile, String password) throws Exception {
        TestPki.Issued leaf = intermediate.issue(TestPki.leaf("interop.example.com").keyType(type)
                .sharedKey("interop"));
        Path pfx = dir.resolve(type + "-" + profile + ".pfx");
        Files.write(pfx, PfxWriter.write(new KeyMaterial(leaf.privateKey(), leaf.chain()), password.toCharArray(),
                new PfxOptions(profile, PfxOptions.DEFAULT_ITERATIONS, null, null, true)));
        return pfx;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"RSA_2048, MODERN", "EC_P256, MODERN", "EC_P384, MODERN", "ED25519, MODERN",
                "RSA_2048, LEGACY", "EC_P256, LEGACY"})
    void everyReaderOpensTheFileFindsTheKeyMatchingTheLeafAndTheWholeChain(KeyType type, Profile profile)
            throws Exception {
        Path pfx = write(type, profile, PASSWORD);

        String info = Interop.opensslInfo(pfx, PASSWORD, profile).output();
        if (profile == Profile.MODERN) {
            assertContains(info, "MAC: sha256, Iteration 2048");
            assertContains(info, "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256");
        } else {
            assertContains(info, "MAC: sha1, Iteration 2048");
            assertContains(info, "PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048");
            assertContains(info, "Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048");
        }
        String dump = Interop.opensslDump(pfx, PASSWORD, profile).stdout();
        assertEquals(3, dump.split("BEGIN CERTIFICATE", -1).length - 1);
        assertContains(dump, "BEGIN PRIVATE KEY");

        String keytool = Interop.keytoolList(pfx, PASSWORD).stdout();
        assertContains(keytool, "Alias name: interop.example.com");
        assertContains(keytool, "Entry type: PrivateKeyEntry");
        assertContains(keytool, "Certificate chain length: 3");

        // certtool exits 1 with "verify_mac: ..." when the MAC does not verify, so success means it did.
        String certtool = Interop.certtoolInfo(pfx, PASSWORD).output();
        assertContains(certtool, "Elements: 3");
        assertContains(certtool, "Type: PKCS #8 Encrypted key");
        assertContains(certtool, "Friendly name: interop.example.com");

        assertEquals("match\n2", Interop.pycaLoad(pfx, PASSWORD));
    }

    @Test
    void anEmptyPasswordFileOpensInOpensslTheJdkAndPyca() throws Exception {
        Path pfx = write(KeyType.EC_P256, Profile.MODERN, "");
        Interop.opensslInfo(pfx, "", Profile.MODERN);
        assertContains(Interop.keytoolList(pfx, "").stdout(), "Entry type: PrivateKeyEntry");
        assertEquals("match\n2", Interop.pycaLoad(pfx, ""));
    }

    @Test
    void anEmptyPasswordLegacyFileOpensInOpensslAndPyca() throws Exception {
        Path pfx = write(KeyType.EC_P256, Profile.LEGACY, "");
        Interop.opensslInfo(pfx, "", Profile.LEGACY);
        assertEquals("match\n2", Interop.pycaLoad(pfx, ""));
    }

    @Test
    void theCspNameAttributeIsWhatOpensslShowsAsMicrosoftCspName() throws Exception {
        TestPki.Issued leaf = intermediate.issue(TestPki.leaf("csp.example.com").keyType(KeyType.RSA_2048)
                .sharedKey("interop"));
        Path pfx = dir.resolve("csp.pfx");
        Files.write(pfx, PfxWriter.write(new KeyMaterial(leaf.privateKey(), leaf.chain()), PASSWORD.toCharArray(),
                new PfxOptions(Profile.MODERN, PfxOptions.DEFAULT_ITERATIONS, null,
                        PfxOptions.cspName("aes"), true)));
        String dump = Interop.opensslDump(pfx, PASSWORD, Profile.MODERN).stdout();
        assertContains(dump, "Microsoft CSP Name: Microsoft Enhanced RSA and AES Cryptographic Provider");
        assertContains(dump, "friendlyName: csp.example.com");
    }
}
