package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pfxkit.convert.Interop.assertContains;

import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.keys.KeyFingerprint;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.testing.ExternalTool;
import org.pfxkit.shared.testing.TestPki;
import org.pfxkit.shared.store.PbeEncryption;
import org.pfxkit.shared.store.PfxOptions;
import org.pfxkit.shared.store.PfxWriter;

/** Every input error ends in one message and a hint, the right exit code, no stack trace and no file written. */
class ConvertErrorsTest {
    private static TestPki.Issued leaf;
    private static TestPki.Issued other;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        leaf = TestPki.selfSigned(TestPki.leaf("errors.example.com"));
        other = TestPki.selfSigned(TestPki.leaf("other.example.com"));
    }

    private Path key() {
        return TestPki.writePem(dir.resolve("key.pem"), leaf.privateKey());
    }

    private Path cert() {
        return TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate());
    }

    /** Runs, checks the exit code and that the folder holds exactly what it held before. */
    private Pfxconvert.Run failsWithNothingWritten(int exit, Object... args) {
        List<String> before = Pfxconvert.listing(dir);
        Pfxconvert.Run run = Pfxconvert.run(List.of(args)).assertFails(exit);
        assertEquals(before, Pfxconvert.listing(dir), "a failed run must leave no file behind");
        return run;
    }

    @Test
    void aKeyAndCertificateThatDoNotMatchNameBothFilesAndBothKeyFingerprints() {
        Path otherCert = TestPki.writePem(dir.resolve("other.pem"), other.certificate());
        Pfxconvert.Run run = failsWithNothingWritten(2, key(), otherCert);
        assertContains(run.err(), "key.pem");
        assertContains(run.err(), "other.pem");
        assertContains(run.err(), KeyFingerprint.of(leaf.publicKey()));
        assertContains(run.err(), KeyFingerprint.of(other.publicKey()));
        assertContains(run.err(), "hint: ");
    }

    @Test
    void aWrongKeyPassphraseIsReportedAsSuch() throws Exception {
        Path encrypted = encryptedKey("right-passphrase");
        Path wrong = dir.resolve("wrong.txt");
        Files.writeString(wrong, "wrong-passphrase\n");
        Pfxconvert.Run run = failsWithNothingWritten(2, encrypted, cert(), "--key-password-file", wrong);
        assertContains(run.err(), "enc.pem");
        assertContains(run.err().toLowerCase(), "password");
    }

    @Test
    void anEncryptedKeyOpensWithTheRightPassphraseFromAFile() throws Exception {
        Path encrypted = encryptedKey("right-passphrase");
        Path right = dir.resolve("right.txt");
        Files.writeString(right, "right-passphrase\n");
        Pfxconvert.run(encrypted.toString(), cert().toString(), "--key-password-file", right.toString()).assertOk();
    }

    @Test
    void anUnsetKeyPasswordVariableHintsAtTheKeyPasswordOptions() throws Exception {
        Path encrypted = encryptedKey("right-passphrase");
        String unset = "PFXKIT_TEST_UNSET_" + System.nanoTime();
        Pfxconvert.Run run = failsWithNothingWritten(2, encrypted, cert(), "--key-password-env", unset);
        assertContains(run.err(), "environment variable " + unset + " (--key-password-env) is not set");
        assertContains(run.err(), "hint: export " + unset + "=... before running, or use --key-password-file FILE");
        assertFalse(run.err().contains("--password-file"), run.err());
    }

    @Test
    void thePassphrasePromptOnATerminalNamesTheKeyFile() throws Exception {
        Path encrypted = encryptedKey("right-passphrase");
        Path pfx = dir.resolve("prompted.pfx");
        // script(1) gives the child a terminal, so System.console() is one and pfxconvert asks; the passphrase is
        // typed once the prompt shows, when echo is off.
        String command = String.join(" ", Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PfxConvertMain.class.getName(), encrypted.toString(),
                cert().toString(), "--out", pfx.toString()).map(ConvertErrorsTest::shellQuoted).toList());
        Process process = new ProcessBuilder(ExternalTool.require("script"), "-qec", command, "/dev/null")
                .redirectErrorStream(true).start();
        String prompt = "Passphrase for the private key in '" + encrypted + "': ";
        StringBuilder shown = new StringBuilder();
        InputStream terminal = process.getInputStream();
        // Type at any passphrase prompt (one that names no file too), so that a wrong prompt fails, not hangs.
        for (int b; shown.indexOf("Passphrase for") < 0 && (b = terminal.read()) >= 0; ) {
            shown.append((char) b);
        }
        process.getOutputStream().write("right-passphrase\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        String output = shown + new String(terminal.readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        process.getOutputStream().close();

        assertEquals(0, process.exitValue(), output);
        assertContains(output, prompt);
        assertFalse(output.contains("right-passphrase"), "the passphrase is not echoed:\n" + output);
        assertTrue(Files.isRegularFile(pfx), output);
    }

    private static String shellQuoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Test
    void anEncryptedKeyWithoutAPassphraseAndNoTerminalSaysHowToGiveIt() throws Exception {
        Path encrypted = encryptedKey("right-passphrase");
        Pfxconvert.Run run = failsWithNothingWritten(2, encrypted, cert());
        assertContains(run.err(), "pfxconvert: cannot open the encrypted private key in '" + encrypted + "': a "
                + "password is needed, none was given, and there is no terminal to ask for it\n");
        assertContains(run.err(), "--key-password-file");
    }

    @Test
    void noPrivateKeyAmongTheInputs() {
        Pfxconvert.Run run = failsWithNothingWritten(2, cert());
        assertContains(run.err().toLowerCase(), "no private key");
    }

    @Test
    void noCertificateAmongTheInputs() {
        Pfxconvert.Run run = failsWithNothingWritten(2, key());
        assertContains(run.err().toLowerCase(), "no certificate");
    }

    @Test
    void aPfxGivenWherePemWasExpectedPointsToToPem() throws Exception {
        Path pfx = dir.resolve("store.pfx");
        Files.write(pfx, PfxWriter.write(new KeyMaterial(leaf.privateKey(), leaf.chain()), "pw".toCharArray(),
                PfxOptions.defaults()));
        Pfxconvert.Run run = failsWithNothingWritten(2, key(), pfx);
        assertContains(run.err(), "store.pfx");
        assertContains(run.err(), "--to-pem");
    }

    @Test
    void aTruncatedPemFileIsReportedWithItsName() throws Exception {
        String pem = leaf.certificatePem();
        Path truncated = dir.resolve("truncated.pem");
        Files.writeString(truncated, pem.substring(0, pem.length() / 2));
        Pfxconvert.Run run = failsWithNothingWritten(2, key(), truncated);
        assertContains(run.err(), "truncated.pem");
    }

    @Test
    void binaryGarbageIsReportedWithItsName() throws Exception {
        byte[] garbage = new byte[700];
        new Random(42).nextBytes(garbage);
        Path file = dir.resolve("garbage.bin");
        Files.write(file, garbage);
        Pfxconvert.Run run = failsWithNothingWritten(2, key(), file);
        assertContains(run.err(), "garbage.bin");
    }

    @Test
    void aDsaKeyIsAnUnsupportedKeyType() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        generator.initialize(1024);
        PrivateKey dsa = generator.generateKeyPair().getPrivate();
        Path dsaKey = TestPki.writePem(dir.resolve("dsa.pem"), dsa);
        Pfxconvert.Run run = failsWithNothingWritten(2, dsaKey, cert());
        assertContains(run.err(), "DSA");
    }

    @Test
    void aMissingInputFileIsNamed() {
        Pfxconvert.Run run = failsWithNothingWritten(2, key(), dir.resolve("absent.pem"));
        assertContains(run.err(), "absent.pem");
    }

    @Test
    void noArgumentsIsABadUsageWithAHint() {
        Pfxconvert.Run run = failsWithNothingWritten(2);
        assertContains(run.err(), "hint: ");
    }

    @Test
    void aNonAsciiPasswordIsRefusedBecauseJavaCannotOpenTheResult() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "pässword\n", StandardCharsets.UTF_8);
        Pfxconvert.Run run = failsWithNothingWritten(2, key(), cert(), "--password-file", secret);
        assertContains(run.err(), "ASCII");
    }

    private Path encryptedKey(String passphrase) throws Exception {
        char[] password = passphrase.toCharArray();
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PKCS8Generator(PrivateKeyInfo.getInstance(leaf.privateKey().getEncoded()),
                    PbeEncryption.pbes2Aes256(password, 2048)));
        }
        Arrays.fill(password, '\0');
        Path file = dir.resolve("enc.pem");
        Files.writeString(file, text.toString());
        return file;
    }
}
