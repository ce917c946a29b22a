package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pfxkit.convert.Interop.assertContains;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.store.Keystore;
import org.pfxkit.shared.store.StoreEntry;
import org.pfxkit.shared.testing.TestPki;
import org.pfxkit.shared.store.Profile;

class ConvertCommandTest {
    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static TestPki.Issued leaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("pfxkit Convert Root");
        intermediate = root.issue(TestPki.ca("pfxkit Convert Intermediate"));
        leaf = intermediate.issue(TestPki.leaf("convert.example.com").serverAuth());
    }

    private Path keyFile() {
        return TestPki.writePem(dir.resolve("private.pem"), leaf.privateKey());
    }

    private Path certFile() {
        return TestPki.writePem(dir.resolve("public.pem"), leaf.certificate());
    }

    private static char[] passwordBeside(Path pfx) throws Exception {
        return PasswordSource.file(PasswordSource.besideStore(pfx)).read();
    }

    private static KeyStore jdkOpen(Path pfx, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Files.readAllBytes(pfx)), password);
        return store;
    }

    @Test
    void writesPublicPfxAndAnOwnerOnlyPasswordFileBesideTheCertificate() throws Exception {
        Pfxconvert.Run run = Pfxconvert.run(keyFile().toString(), certFile().toString()).assertOk();

        Path pfx = dir.resolve("public.pfx");
        Path pwd = dir.resolve("public.pwd");
        assertTrue(Files.isRegularFile(pfx));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pwd)));
        char[] password = passwordBeside(pfx);
        assertEquals(24, password.length);
        KeyStore store = jdkOpen(pfx, password);
        assertEquals(leaf.privateKey(), store.getKey("convert.example.com", password));
        assertContains(run.out(), "Wrote " + pfx);
        assertContains(run.out(), pwd + " (owner-only)");
        assertFalse(run.out().contains(new String(password)), "the password must never be printed");
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        char[] a = Conversion.generatedPassword();
        char[] b = Conversion.generatedPassword();
        assertEquals(24, a.length);
        assertFalse(java.util.Arrays.equals(a, b));
        for (char c : a) {
            assertTrue(Character.isLetterOrDigit(c), "no shell-special characters");
        }
    }

    @Test
    void argumentsWorkInEitherOrder() throws Exception {
        Pfxconvert.run(certFile().toString(), keyFile().toString()).assertOk();
        assertTrue(Files.isRegularFile(dir.resolve("public.pfx")));
    }

    @Test
    void aSingleCombinedPemFileConverts() throws Exception {
        Path combined = TestPki.writePem(dir.resolve("combined.pem"), leaf.certificate(), leaf.privateKey(),
                intermediate.certificate());
        Pfxconvert.run(combined.toString()).assertOk();
        Path pfx = dir.resolve("combined.pfx");
        char[] password = passwordBeside(pfx);
        assertEquals(2, jdkOpen(pfx, password).getCertificateChain("convert.example.com").length);
    }

    @Test
    void outNamesThePfxAndThePasswordFileFollowsItsBaseName() throws Exception {
        Path out = dir.resolve("sub");
        Files.createDirectory(out);
        Pfxconvert.run(keyFile().toString(), certFile().toString(), "--out", out.resolve("cert.pfx").toString())
                .assertOk();
        assertTrue(Files.isRegularFile(out.resolve("cert.pfx")));
        assertTrue(Files.isRegularFile(out.resolve("cert.pwd")));
        assertFalse(Files.exists(dir.resolve("public.pfx")));
    }

    @Test
    void aPasswordFromAFileIsUsedAndNoPwdFileIsWritten() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "correct-horse\n");
        Pfxconvert.Run run = Pfxconvert.run(keyFile().toString(), certFile().toString(),
                "--password-file", secret.toString()).assertOk();
        assertFalse(Files.exists(dir.resolve("public.pwd")));
        jdkOpen(dir.resolve("public.pfx"), "correct-horse".toCharArray());
        assertContains(run.out(), "from password file '" + secret + "'");
    }

    @Test
    void noPasswordWritesAnEmptyPasswordPfxAndSaysAnyoneCanReadTheKey() throws Exception {
        Pfxconvert.Run run = Pfxconvert.run(keyFile().toString(), certFile().toString(), "--no-password")
                .assertOk();
        assertContains(run.err(), "anyone who gets the file can read the private key");
        assertFalse(Files.exists(dir.resolve("public.pwd")));
        KeyStore store = jdkOpen(dir.resolve("public.pfx"), new char[0]);
        assertEquals(leaf.privateKey(), store.getKey("convert.example.com", new char[0]));
    }

    @Test
    void aChainGivenInShuffledOrderIsWrittenRootFirstSoWindowsEnumeratesTheLeafFirst() throws Exception {
        Path rootFile = TestPki.writePem(dir.resolve("root.pem"), root.certificate());
        Path interFile = TestPki.writePem(dir.resolve("inter.pem"), intermediate.certificate());
        Pfxconvert.run(rootFile.toString(), certFile().toString(), interFile.toString(), keyFile().toString(),
                "--password-file", writePassword("pw")).assertOk();
        Path pfx = dir.resolve("public.pfx");

        List<X509Certificate> fileOrder = PfxWriterTest.certificatesInFileOrder(Files.readAllBytes(pfx),
                "pw".toCharArray(), Profile.MODERN);
        assertEquals(List.of(root.certificate(), intermediate.certificate(), leaf.certificate()), fileOrder);

        Keystore store = Keystore.open(pfx, PasswordSource.of("pw".toCharArray()));
        List<X509Certificate> enumerated = store.enumerationOrder().stream().map(StoreEntry::certificate).toList();
        assertEquals(leaf.certificate(), enumerated.get(0), "Windows 'any' must return the leaf");
        List<X509Certificate> reversed = new ArrayList<>(fileOrder);
        Collections.reverse(reversed);
        assertEquals(reversed, enumerated);
    }

    @Test
    void noChainWritesOnlyTheLeaf() throws Exception {
        Path interFile = TestPki.writePem(dir.resolve("inter.pem"), intermediate.certificate());
        Pfxconvert.run(keyFile().toString(), certFile().toString(), interFile.toString(), "--no-chain",
                "--password-file", writePassword("pw")).assertOk();
        assertEquals(1, jdkOpen(dir.resolve("public.pfx"), "pw".toCharArray())
                .getCertificateChain("convert.example.com").length);
    }

    @Test
    void nameSetsTheAliasThatKeytoolAndTheJdkShow() throws Exception {
        Pfxconvert.run(keyFile().toString(), certFile().toString(), "--name", "web server",
                "--password-file", writePassword("pw")).assertOk();
        assertEquals(List.of("web server"),
                Collections.list(jdkOpen(dir.resolve("public.pfx"), "pw".toCharArray()).aliases()));
    }

    @Test
    void anExistingOutputIsKeptAndTheRunExitsThree() throws Exception {
        Path pfx = dir.resolve("public.pfx");
        Files.writeString(pfx, "precious");
        Pfxconvert.Run run = Pfxconvert.run(keyFile().toString(), certFile().toString()).assertFails(3);
        assertContains(run.err(), "already exists");
        assertContains(run.err(), "--force");
        assertEquals("precious", Files.readString(pfx));
        assertFalse(Files.exists(dir.resolve("public.pwd")));
    }

    @Test
    void forceReplacesAnExistingOutput() throws Exception {
        Files.writeString(dir.resolve("public.pfx"), "old");
        Pfxconvert.run(keyFile().toString(), certFile().toString(), "--force").assertOk();
        jdkOpen(dir.resolve("public.pfx"), passwordBeside(dir.resolve("public.pfx")));
    }

    @Test
    void anUnwritableOutputFolderExitsThreeAndLeavesNothing() throws Exception {
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "x");
        List<String> before = Pfxconvert.listing(dir);
        Pfxconvert.Run run = Pfxconvert.run(keyFile().toString(), certFile().toString(),
                "--out", notAFolder.resolve("out.pfx").toString()).assertFails(3);
        assertContains(run.err(), "out.pfx");
        List<String> after = new ArrayList<>(Pfxconvert.listing(dir));
        after.removeAll(List.of("private.pem", "public.pem"));
        assertEquals(before, after);
    }

    @Test
    void anExpiredCertificateConvertsWithAWarningOnStandardError() throws Exception {
        TestPki.Issued old = TestPki.selfSigned(TestPki.leaf("old.example.com").expired());
        Path key = TestPki.writePem(dir.resolve("old.key"), old.privateKey());
        Path crt = TestPki.writePem(dir.resolve("old.crt"), old.certificate());
        Pfxconvert.Run run = Pfxconvert.run(key.toString(), crt.toString()).assertOk();
        assertContains(run.err(), "warning: the certificate expired");
        assertContains(run.out(), "(EXPIRED)");
    }

    @Test
    void theSummaryNamesSubjectIssuerKeyAlgorithmsAndFiles() throws Exception {
        Pfxconvert.Run run = Pfxconvert.run(keyFile().toString(), certFile().toString(), "--csp", "aes").assertOk();
        assertContains(run.out(), "subject     CN=convert.example.com");
        assertContains(run.out(), "issuer      CN=pfxkit Convert Intermediate");
        assertContains(run.out(), "key         EC P-256");
        assertContains(run.out(), "protection  modern: key and certificates AES-256-CBC, PBKDF2-HMAC-SHA256, 2048 "
                + "iterations; MAC SHA-256");
        assertContains(run.out(), "csp         Microsoft Enhanced RSA and AES Cryptographic Provider");
        assertContains(run.out(), dir.resolve("public.pwd").toString());
    }

    @Test
    void jsonIsOneObjectWithASchemaVersionAndNeverThePassword() throws Exception {
        Pfxconvert.Run run = Pfxconvert.run(keyFile().toString(), certFile().toString(), "--json",
                "--profile", "legacy", "--iterations", "4096").assertOk();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals("CN=convert.example.com", json.at("/certificate/subject").asText());
        assertEquals("valid", json.at("/certificate/validity").asText());
        assertEquals("EC P-256", json.get("key").asText());
        assertEquals("legacy", json.at("/protection/profile").asText());
        assertEquals("SHA-1", json.at("/protection/mac").asText());
        assertEquals(4096, json.at("/protection/iterations").asInt());
        assertEquals(dir.resolve("public.pwd").toString(), json.get("passwordFile").asText());
        assertEquals(2, json.get("files").size());
        char[] password = passwordBeside(dir.resolve("public.pfx"));
        assertFalse(run.out().contains(new String(password)), "the password must never be printed");
    }

    @Test
    void aChosenPasswordGetsTenThousandIterationsAndAGeneratedOneKeepsOpensslsCount() throws Exception {
        JsonNode chosen = new ObjectMapper().readTree(Pfxconvert.run(keyFile().toString(), certFile().toString(),
                "--json", "--password-file", writePassword("pw")).assertOk().out());
        assertEquals(10_000, chosen.at("/protection/iterations").asInt());
        assertEquals(10_000, PfxWriterTest.macIterations(Files.readAllBytes(dir.resolve("public.pfx"))));
        Files.delete(dir.resolve("public.pfx"));
        JsonNode generated = new ObjectMapper().readTree(Pfxconvert.run(keyFile().toString(), certFile().toString(),
                "--json").assertOk().out());
        assertEquals(2048, generated.at("/protection/iterations").asInt());
    }

    @Test
    void fewIterationsAndTheLegacyProfileAreWarnedAbout() {
        Pfxconvert.Run run = Pfxconvert.run(keyFile().toString(), certFile().toString(), "--iterations", "1000",
                "--profile", "legacy").assertOk();
        assertContains(run.err(), "warning: --iterations 1000 is below openssl's 2048");
        assertContains(run.err(), "warning: the legacy profile protects the key with 3DES and a SHA-1 MAC");
        Pfxconvert.Run plain = Pfxconvert.run(keyFile().toString(), certFile().toString(), "--force",
                "--iterations", "2048").assertOk();
        assertFalse(plain.err().contains("warning: --iterations"), plain.err());
        assertFalse(plain.err().contains("legacy profile"), plain.err());
    }

    @Test
    void anAbsurdIterationCountIsABadUsage() {
        Pfxconvert.Run run = Pfxconvert.run(keyFile().toString(), certFile().toString(), "--iterations", "0")
                .assertFails(2);
        assertContains(run.err(), "--iterations");
        assertEquals(List.of("private.pem", "public.pem"), Pfxconvert.listing(dir));
    }

    @Test
    void aKeyPasswordFromTheEnvironmentThatIsUnsetIsNotReadForAPlainKey() throws Exception {
        Pfxconvert.run(keyFile().toString(), certFile().toString(), "--key-password-env",
                "PFXKIT_SURELY_UNSET_VARIABLE").assertOk();
        assertTrue(Files.isRegularFile(dir.resolve("public.pfx")));
    }

    @Test
    void aCertificateOutsideTheLeafsChainIsKeptAfterItWithAWarning() throws Exception {
        TestPki.Issued stranger = TestPki.rootCa("pfxkit Unrelated CA");
        Path strangerFile = TestPki.writePem(dir.resolve("stranger.pem"), stranger.certificate());
        Pfxconvert.Run run = Pfxconvert.run(keyFile().toString(), certFile().toString(), strangerFile.toString(),
                "--json").assertOk();
        assertContains(run.err(), "CN=pfxkit Unrelated CA from '" + strangerFile + "'");
        assertContains(run.err(), "is not part of the leaf's chain");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(1, json.get("unrelatedCertificates").size());
        List<X509Certificate> fileOrder = PfxWriterTest.certificatesInFileOrder(
                Files.readAllBytes(dir.resolve("public.pfx")), passwordBeside(dir.resolve("public.pfx")),
                Profile.MODERN);
        assertEquals(List.of(stranger.certificate(), leaf.certificate()), fileOrder);
    }

    @Test
    void theSummaryShowsTheKeyFingerprintThatMismatchMessagesUse() throws Exception {
        Pfxconvert.Run run = Pfxconvert.run(keyFile().toString(), certFile().toString()).assertOk();
        assertContains(run.out(), org.pfxkit.shared.keys.KeyFingerprint.of(leaf.publicKey()));
    }

    @Test
    void verboseSaysWhatEachInputFileHolds() {
        Pfxconvert.Run run = Pfxconvert.run(keyFile().toString(), certFile().toString(), "--verbose").assertOk();
        assertContains(run.err(), "read '" + dir.resolve("private.pem")
                + "' (PEM): 1 private key(s), 0 certificate(s)");
        assertContains(run.err(), "read '" + dir.resolve("public.pem")
                + "' (PEM): 0 private key(s), 1 certificate(s)");
    }

    @Test
    void outNamingAFolderWritesThePfxThereUnderTheCertificatesName() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("tls"));
        Pfxconvert.run(keyFile().toString(), certFile().toString(), "--out", folder.toString()).assertOk();
        assertTrue(Files.isRegularFile(folder.resolve("public.pfx")));
        assertTrue(Files.isRegularFile(folder.resolve("public.pwd")));
    }

    @Test
    void outWithATrailingSlashWritesIntoThatFolder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("tls"));
        Pfxconvert.run(keyFile().toString(), certFile().toString(), "--out", folder + "/").assertOk();
        assertTrue(Files.isRegularFile(folder.resolve("public.pfx")));
        assertTrue(Files.isRegularFile(folder.resolve("public.pwd")));
    }

    @Test
    void outWithATrailingSlashNamingAMissingFolderExitsThreeAndWritesNoFileOfThatName() throws Exception {
        String key = keyFile().toString();
        String cert = certFile().toString();
        List<String> before = Pfxconvert.listing(dir);

        Pfxconvert.Run run = Pfxconvert.run(key, cert, "--out", dir.resolve("newdir") + "/").assertFails(3);

        assertContains(run.err(), "folder '" + dir.resolve("newdir") + "/': it does not exist");
        assertContains(run.err(), "mkdir -p");
        assertEquals(before, Pfxconvert.listing(dir), "no file 'newdir', no 'newdir.pwd'");
    }

    @Test
    void toPemWithATrailingSlashNamingAMissingFolderExitsThree() throws Exception {
        Pfxconvert.run(keyFile().toString(), certFile().toString(), "--no-password").assertOk();
        List<String> before = Pfxconvert.listing(dir);

        Pfxconvert.run("--to-pem", dir.resolve("public.pfx").toString(), "--no-password",
                "--out", dir.resolve("exported") + "/").assertFails(3);

        assertEquals(before, Pfxconvert.listing(dir));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--generated-password", "--no-password"})
    void thePfxIsReadableByItsOwnerOnly(String passwordChoice) throws Exception {
        List<String> args = new ArrayList<>(List.of(keyFile().toString(), certFile().toString()));
        if (!passwordChoice.equals("--generated-password")) {
            args.add(passwordChoice);
        }
        Pfxconvert.run(args.toArray(String[]::new)).assertOk();

        Path pfx = dir.resolve("public.pfx");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pfx)));
    }

    @ParameterizedTest(name = "force={0}")
    @ValueSource(booleans = {false, true})
    void aFolderNamedLikeTheOutputIsReportedAsAFolderInTheWay(boolean force) throws Exception {
        Files.createDirectory(dir.resolve("public.pfx"));
        List<String> args = new ArrayList<>(List.of(keyFile().toString(), certFile().toString()));
        if (force) {
            args.add("--force");
        }

        Pfxconvert.Run run = Pfxconvert.run(args.toArray(String[]::new)).assertFails(3);

        assertContains(run.err(), "a folder of that name is in the way");
        assertFalse(run.err().contains("add --force"), run.err());
        assertFalse(run.err().contains("free space"), run.err());
        assertFalse(Files.exists(dir.resolve("public.pwd")));
    }

    private String writePassword(String password) throws Exception {
        Path file = dir.resolve("given.pwd");
        Files.write(file, (password + "\n").getBytes(StandardCharsets.UTF_8));
        return file.toString();
    }
}
