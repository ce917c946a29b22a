package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pfxkit.convert.Interop.assertContains;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pfxkit.shared.testing.NeedsVectors;
import org.pfxkit.shared.testing.Vectors;
import org.pfxkit.shared.store.Profile;

/**
 * The inputs of ../shared/vectors/generated-openssl-3.0.19 (read in place) convert as its MANIFEST says, and the result
 * has the structure of openssl's own {@code pkcs12 -export} output made from the same files.
 */
@NeedsVectors
class VectorsTest {
    private static final String DIR = "generated-openssl-3.0.19/";

    @TempDir
    Path dir;

    private Path password() throws Exception {
        Path file = dir.resolve("pw.txt");
        Files.writeString(file, "changeit\n");
        return file;
    }

    private Path keyPassword() throws Exception {
        Path file = dir.resolve("kp.txt");
        Files.writeString(file, "kp\n");
        return file;
    }

    private static String vector(String name) {
        return Vectors.file(DIR + name).toString();
    }

    /** openssl's structure lines (algorithms, MAC, bag types) without anything that differs between two exports. */
    private static List<String> structure(Path pfx, String password) {
        return Arrays.stream(Interop.opensslInfo(pfx, password, Profile.MODERN).output().split("\n"))
                .filter(line -> !line.isBlank()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rsa2048_pkcs8.key", "rsa2048_pkcs1.pem", "rsa2048_pkcs8_enc_pw-kp.pem",
                "rsa2048_pkcs1_dekinfo_aes256_pw-kp.pem"})
    void everyFormOfTheRsaKeyConvertsWithItsCertificateToOpensslsStructure(String keyName) throws Exception {
        Path out = dir.resolve("rsa.pfx");
        Pfxconvert.run(vector(keyName), vector("rsa2048.crt"), "--out", out.toString(),
                "--password-file", password().toString(), "--key-password-file", keyPassword().toString(),
                "--iterations", "2048").assertOk(); // openssl's count; a chosen password gets 10,000 by default

        Path reference = Vectors.file(DIR + "rsa2048_default_pw-changeit.pfx");
        assertEquals(structure(reference, "changeit"), structure(out, "changeit"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Files.readAllBytes(out)), "changeit".toCharArray());
        assertEquals(1, store.getCertificateChain("rsa.example").length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ecp256_pkcs8.key", "ecp256_sec1.pem"})
    void theEcKeyConvertsAsPkcs8AndAsSec1(String keyName) throws Exception {
        Path out = dir.resolve("ec.pfx");
        Pfxconvert.Run run = Pfxconvert.run(vector("ecp256.crt"), vector(keyName), "--out", out.toString(),
                "--password-file", password().toString()).assertOk();
        assertContains(run.out(), "EC P-256");
        assertContains(run.out(), "CN=ec.example");
    }

    @Test
    void theLeafConvertsWithItsCaAsAChainOfTwoWrittenCaFirst() throws Exception {
        Path out = dir.resolve("leaf.pfx");
        Pfxconvert.run(vector("ca.crt"), vector("leaf.key"), vector("leaf.crt"), "--out", out.toString(),
                "--password-file", password().toString()).assertOk();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Files.readAllBytes(out)), "changeit".toCharArray());
        assertEquals(2, store.getCertificateChain("leaf.example").length);
        var fileOrder = PfxWriterTest.certificatesInFileOrder(Files.readAllBytes(out), "changeit".toCharArray(),
                Profile.MODERN);
        assertEquals("CN=TestCA", fileOrder.get(0).getSubjectX500Principal().getName());
        assertEquals("CN=leaf.example", fileOrder.get(1).getSubjectX500Principal().getName());
    }

    @Test
    void theLeafKeyWithTheRsaCertificateIsAMismatchNamingBothFiles() throws Exception {
        Pfxconvert.Run run = Pfxconvert.run(vector("leaf.key"), vector("rsa2048.crt"), "--out",
                dir.resolve("x.pfx").toString(), "--password-file", password().toString()).assertFails(2);
        assertContains(run.err(), "leaf.key");
        assertContains(run.err(), "rsa2048.crt");
        assertEquals(List.of("pw.txt"), Pfxconvert.listing(dir));
    }

    @Test
    void opensslsOwnExportIsRefusedAsPemInputWithAPointerToToPem() throws Exception {
        Pfxconvert.Run run = Pfxconvert.run(vector("rsa2048_pkcs8.key"), vector("rsa2048_default_pw-changeit.pfx"),
                "--out", dir.resolve("x.pfx").toString()).assertFails(2);
        assertContains(run.err(), "--to-pem");
    }

    @Test
    void opensslsEmptyPasswordExportAndOursHaveTheSameMacShape() throws Exception {
        Path out = dir.resolve("empty.pfx");
        Pfxconvert.run(vector("rsa2048_pkcs8.key"), vector("rsa2048.crt"), "--out", out.toString(),
                "--no-password").assertOk();
        assertEquals(structure(Vectors.file(DIR + "rsa2048_default_emptypw.pfx"), ""), structure(out, ""));
    }
}
