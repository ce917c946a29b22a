package org.pfxkit.shared.pem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.testing.TestPki;

/** Every way a file can be wrong, each with its Problem code and a message that names the file, block and line. */
class ReaderErrorsTest {
    static final TestPki.Issued CERT = TestPki.selfSigned(TestPki.leaf("errors.example").sharedKey("errors"));

    @TempDir
    Path dir;

    PfxkitException fails(Problem expected, String name, byte[] content) throws Exception {
        Path file = Files.write(dir.resolve(name), content);
        PfxkitException e = assertThrows(PfxkitException.class, () -> MaterialReader.read(file, null));
        assertEquals(expected, e.problem(), e.getMessage());
        assertTrue(e.getMessage().contains("'" + file + "'"), "names the file: " + e.getMessage());
        assertTrue(e.hint() != null && !e.hint().isBlank(), "says how to fix it");
        return e;
    }

    PfxkitException fails(Problem expected, String name, String text) throws Exception {
        return fails(expected, name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyFileIsNotPem() throws Exception {
        assertTrue(fails(Problem.NOT_PEM, "empty.pem", new byte[0]).getMessage().endsWith("is empty"));
        fails(Problem.NOT_PEM, "blank.pem", "\n\r\n  \n");
    }

    @Test
    void binaryGarbageIsNotPem() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[1 + random.nextInt(3000)];
            random.nextBytes(garbage);
            garbage[0] = (byte) (garbage[0] == 0x30 ? 0x31 : garbage[0]);
            fails(Problem.NOT_PEM, "garbage.bin", garbage);
        }
    }

    @Test
    void randomTextIsNotPemAndSaysWhatIsMissing() throws Exception {
        PfxkitException e = fails(Problem.NOT_PEM, "notes.txt", "Dear admin,\nthe key is on the USB stick.\n");
        assertTrue(e.getMessage().contains("without any -----BEGIN line"), e.getMessage());
    }

    @Test
    void aJavaKeyStoreIsNamedAsSuch() throws Exception {
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setKeyEntry("k", CERT.privateKey(), "changeit".toCharArray(), new Certificate[] {CERT.certificate()});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        jks.store(out, "changeit".toCharArray());
        PfxkitException e = fails(Problem.NOT_PEM, "server.jks", out.toByteArray());
        assertTrue(e.getMessage().contains("Java key store"), e.getMessage());
        assertTrue(e.hint().contains("keytool -importkeystore"), e.hint());
    }

    @Test
    void aPkcs12FileIsUnexpectedAndTheHintNamesTheWayOut() throws Exception {
        byte[] pfx = pkcs12();
        PfxkitException e = fails(Problem.UNEXPECTED_PKCS12, "cert.pem", pfx);
        assertTrue(e.hint().contains("pfxconvert --to-pem " + dir.resolve("cert.pem")), e.hint());
        assertTrue(e.hint().contains("certfind"), e.hint());
        fails(Problem.UNEXPECTED_PKCS12, "cut.pfx", Arrays.copyOf(pfx, 40));
        String base64 = Base64.getMimeEncoder().encodeToString(pfx);
        assertTrue(fails(Problem.UNEXPECTED_PKCS12, "cert.b64", base64).getMessage().contains("base64"));
    }

    @Test
    void aBlockWithoutItsEndLineIsTruncatedWithBlockAndLine() throws Exception {
        String pem = CERT.certificatePem();
        String cut = pem.substring(0, pem.indexOf("-----END"));
        PfxkitException e = fails(Problem.TRUNCATED, "chain.pem", "intro\n" + pem + cut);
        int line = pem.split("\n").length + 2;
        assertTrue(e.getMessage().contains("block 2 (line " + line + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("no '-----END CERTIFICATE-----' line"), e.getMessage());
    }

    @Test
    void aCharacterOutsideBase64IsBadPemWithItsLine() throws Exception {
        String[] lines = CERT.certificatePem().split("\n");
        lines[3] = lines[3].substring(0, 10) + "!" + lines[3].substring(11);
        PfxkitException e = fails(Problem.BAD_PEM, "cert.pem", String.join("\n", lines));
        assertTrue(e.getMessage().contains("block 1 (line 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("on line 4 (column 11)"), e.getMessage());
    }

    @Test
    void brokenBase64LengthIsBadPem() throws Exception {
        String[] lines = CERT.certificatePem().split("\n");
        lines[2] = lines[2].substring(1);
        PfxkitException e = fails(Problem.BAD_PEM, "cert.pem", String.join("\r\n", lines));
        assertTrue(e.getMessage().contains("block 1 (line 1) is not valid base64"), e.getMessage());
    }

    @Test
    void mismatchedEndLabelIsBadPem() throws Exception {
        String pem = CERT.certificatePem().replace("END CERTIFICATE", "END PRIVATE KEY");
        assertTrue(fails(Problem.BAD_PEM, "cert.pem", pem).getMessage().contains("ends 'PRIVATE KEY'"));
    }

    @Test
    void missingLinesInsideABlockShowAsTruncated() throws Exception {
        String[] lines = CERT.certificatePem().split("\n");
        String pem = lines[0] + "\n" + lines[1] + "\n" + lines[lines.length - 1] + "\n";
        PfxkitException e = fails(Problem.TRUNCATED, "cert.pem", pem);
        assertTrue(e.getMessage().contains("certificate in '" + dir.resolve("cert.pem") + "' block 1 (line 1)"),
                e.getMessage());
    }

    @Test
    void aDerStructureCutShortIsTruncated() throws Exception {
        byte[] der = CERT.certificate().getEncoded();
        for (int cut : new int[] {2, 10, der.length / 2, der.length - 1}) {
            assertTrue(fails(Problem.TRUNCATED, "cert.der", Arrays.copyOf(der, cut)).getMessage()
                    .contains("cut short"));
        }
        fails(Problem.TRUNCATED, "key.der", Arrays.copyOf(CERT.privateKey().getEncoded(), 50));
    }

    @Test
    void aDamagedDerCertificateIsBadDer() throws Exception {
        byte[] der = CERT.certificate().getEncoded();
        der[20] = 0x05;
        der[21] = 0x00;
        Problem problem = assertThrows(PfxkitException.class,
                () -> MaterialReader.read(der, Path.of("cert.der"), null)).problem();
        assertTrue(problem == Problem.BAD_DER || problem == Problem.TRUNCATED, problem.toString());
    }

    @Test
    void dsaKeysAreUnsupportedInPkcs8AndDer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        generator.initialize(2048);
        KeyPair dsa = generator.generateKeyPair();
        PfxkitException e = fails(Problem.UNSUPPORTED_KEY, "dsa.pem", TestPki.pem(dsa.getPrivate()));
        assertTrue(e.getMessage().contains("block 1 (line 1) is a key of type DSA"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot use DSA"), e.getMessage());
        fails(Problem.UNSUPPORTED_KEY, "dsa.der", dsa.getPrivate().getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp256k1", "brainpoolP256r1", "brainpoolP384r1"})
    void ecKeysOnOtherCurvesAreUnsupported(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec(curve));
        KeyPair pair = generator.generateKeyPair();
        PfxkitException e = fails(Problem.UNSUPPORTED_KEY, "k.pem", TestPki.pem(new PemObject("PRIVATE KEY",
                pair.getPrivate().getEncoded())));
        assertTrue(e.getMessage().contains("EC key on curve " + curve), e.getMessage());
        assertTrue(e.getMessage().contains("P-256, P-384 and P-521"), e.getMessage());
        fails(Problem.UNSUPPORTED_KEY, "k.pem", TestPkiPem.traditional(pair));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X25519", "X448"})
    void keyAgreementKeysAreUnsupported(String algorithm) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        PfxkitException e = fails(Problem.UNSUPPORTED_KEY, "x.pem", TestPki.pem(pair.getPrivate()));
        assertTrue(e.getMessage().contains("key of type " + algorithm + ": it is a key-agreement key"),
                e.getMessage());
    }

    @Test
    void opensshKeysAreUnsupportedWithTheConversion() throws Exception {
        PfxkitException e = fails(Problem.UNSUPPORTED_KEY, "id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB\n-----END OPENSSH PRIVATE KEY-----\n");
        assertTrue(e.hint().contains("ssh-keygen -p -m PKCS8"), e.hint());
    }

    @Test
    void aFileWithOnlyAPublicKeyOrRequestSaysWhatItHeld() throws Exception {
        PfxkitException e = fails(Problem.NO_CERTIFICATE, "public.pem", TestPki.pem(CERT.publicKey()));
        assertTrue(e.getMessage().contains("only a PUBLIC KEY in block 1 (line 1)"), e.getMessage());
        String csr = TestPki.pem(new JcaPKCS10CertificationRequestBuilder(CERT.certificate()
                .getSubjectX500Principal(), CERT.publicKey()).build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(CERT.privateKey())));
        assertTrue(fails(Problem.NO_CERTIFICATE, "req.pem", "subject=CN=x\n" + csr).getMessage()
                .contains("a CERTIFICATE REQUEST in block 1 (line 2)"));
    }

    @Test
    void aFolderOrAMissingFileIsReportedAsSuch() {
        assertEquals(Problem.BAD_USAGE, assertThrows(PfxkitException.class,
                () -> MaterialReader.read(dir, null)).problem());
        assertEquals(Problem.FILE_NOT_FOUND, assertThrows(PfxkitException.class,
                () -> MaterialReader.read(dir.resolve("absent.pem"), null)).problem());
    }

    static byte[] pkcs12() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("k", CERT.privateKey(), "pw".toCharArray(), new Certificate[] {CERT.certificate()});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, "pw".toCharArray());
        return out.toByteArray();
    }
}
