package org.pfxkit.shared.pem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.keys.KeyPairing;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.ExternalTool;

/** Keys and certificates made by the real openssl (3.x) read back and pair. */
class OpensslInteropTest {
    static final PasswordSource PW = PasswordSource.of("s3cret pass".toCharArray());

    @TempDir
    Path dir;

    @BeforeEach
    void needsOpenssl() {
        ExternalTool.require("openssl");
    }

    String openssl(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        return ExternalTool.run(command, dir, null, Map.of(), 60).assertSuccess().stdout();
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** A key from openssl genpkey and its self-signed certificate from openssl req -x509. */
    Path[] keyAndCertificate(String algorithm) {
        List<String> gen = new ArrayList<>(List.of("genpkey", "-out", "key.pem"));
        switch (algorithm) {
            case "RSA" -> gen.addAll(List.of("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"));
            case "P-256", "P-384", "P-521" -> gen.addAll(List.of("-algorithm", "EC", "-pkeyopt",
                    "ec_paramgen_curve:" + algorithm));
            default -> gen.addAll(List.of("-algorithm", algorithm));
        }
        openssl(gen.toArray(String[]::new));
        openssl("req", "-x509", "-key", "key.pem", "-out", "cert.pem", "-days", "30", "-subj", "/CN=openssl.example");
        return new Path[] {file("key.pem"), file("cert.pem")};
    }

    void assertPairs(Path key, PasswordSource password, Path cert) throws PfxkitException {
        KeyMaterial material = KeyPairing.assemble(List.of(MaterialReader.read(key, password),
                MaterialReader.read(cert, null)));
        assertEquals("CN=openssl.example", material.leaf().getSubjectX500Principal().getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "P-256", "P-384", "P-521", "ED25519", "ED448"})
    void genpkeyAndReqOutputPairs(String algorithm) throws Exception {
        Path[] files = keyAndCertificate(algorithm);
        assertPairs(files[0], null, files[1]);
        openssl("pkey", "-in", "key.pem", "-outform", "DER", "-out", "key.der");
        openssl("x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der");
        assertPairs(file("key.der"), null, file("cert.der"));
        openssl("pkcs8", "-topk8", "-v2", "aes256", "-in", "key.pem", "-out", "enc.pem", "-passout", "pass:s3cret pass");
        assertPairs(file("enc.pem"), PW, files[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-v2 aes256", "-v2 aes128", "-v2 aes192 -v2prf hmacWithSHA512", "-v2 des3",
            "-v2 aes256 -v2prf hmacWithSHA384", "-v2 aes256 -v2prf hmacWithSHA512-224",
            "-v2 aes256 -v2prf hmacWithSHA512-256", "-v2 aes256 -v2prf hmacWithSHA224", "-v1 PBE-SHA1-3DES",
            "-scrypt"})
    void pkcs8EncryptionsFromOpensslRead(String options) throws Exception {
        Path[] files = keyAndCertificate("P-256");
        List<String> args = new ArrayList<>(List.of("pkcs8", "-topk8", "-in", "key.pem", "-out", "enc.pem",
                "-passout", "pass:s3cret pass"));
        args.addAll(List.of(options.split(" ")));
        openssl(args.toArray(String[]::new));
        assertPairs(file("enc.pem"), PW, files[1]);
        args.addAll(List.of("-outform", "DER"));
        args.set(args.indexOf("enc.pem"), "enc.der");
        openssl(args.toArray(String[]::new));
        assertPairs(file("enc.der"), PW, files[1]);
        PfxkitException wrong = assertThrows(PfxkitException.class,
                () -> MaterialReader.read(file("enc.pem"), PasswordSource.of("wrong".toCharArray())));
        assertEquals(Problem.BAD_PASSWORD, wrong.problem());
    }

    @Test
    void rsaAes256LegacyPemReads() throws Exception {
        Path[] files = keyAndCertificate("RSA");
        openssl("rsa", "-in", "key.pem", "-aes256", "-traditional", "-out", "legacy.pem", "-passout",
                "pass:s3cret pass");
        assertTrue(Files.readString(file("legacy.pem")).contains("DEK-Info: AES-256-CBC"));
        assertPairs(file("legacy.pem"), PW, files[1]);
        openssl("rsa", "-in", "key.pem", "-aes256", "-out", "rsa-default.pem", "-passout", "pass:s3cret pass");
        assertPairs(file("rsa-default.pem"), PW, files[1]);
        openssl("rsa", "-in", "key.pem", "-des3", "-traditional", "-out", "des3.pem", "-passout", "pass:s3cret pass");
        assertPairs(file("des3.pem"), PW, files[1]);
        openssl("rsa", "-in", "key.pem", "-traditional", "-outform", "DER", "-out", "pkcs1.der");
        assertPairs(file("pkcs1.der"), null, files[1]);
        assertEquals(Problem.BAD_PASSWORD, assertThrows(PfxkitException.class, () -> MaterialReader.read(
                file("legacy.pem"), PasswordSource.of("nope".toCharArray()))).problem());
        assertEquals(Problem.PASSWORD_REQUIRED, assertThrows(PfxkitException.class, () -> MaterialReader.read(
                file("legacy.pem"), null)).problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"P-256", "P-384"})
    void ecAes256LegacyPemReads(String curve) throws Exception {
        Path[] files = keyAndCertificate(curve);
        openssl("ec", "-in", "key.pem", "-aes256", "-out", "legacy.pem", "-passout", "pass:s3cret pass");
        assertTrue(Files.readString(file("legacy.pem")).contains("DEK-Info: AES-256-CBC"));
        assertPairs(file("legacy.pem"), PW, files[1]);
        openssl("ec", "-in", "key.pem", "-outform", "DER", "-out", "sec1.der");
        assertPairs(file("sec1.der"), null, files[1]);
    }

    @Test
    void ecparamGenkeyOutputWithItsParametersBlockReads() throws Exception {
        openssl("ecparam", "-genkey", "-name", "secp384r1", "-out", "key.pem");
        assertTrue(Files.readString(file("key.pem")).startsWith("-----BEGIN EC PARAMETERS-----"));
        openssl("req", "-x509", "-key", "key.pem", "-out", "cert.pem", "-days", "30", "-subj", "/CN=openssl.example");
        assertPairs(file("key.pem"), null, file("cert.pem"));
    }

    @Test
    void pkcs12NodesOutputWithBagAttributesReads() throws Exception {
        Path[] files = keyAndCertificate("P-256");
        openssl("pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "x.pfx", "-passout", "pass:x");
        openssl("pkcs12", "-in", "x.pfx", "-nodes", "-out", "all.pem", "-passin", "pass:x");
        assertTrue(Files.readString(file("all.pem")).contains("Bag Attributes"));
        assertPairs(file("all.pem"), null, file("all.pem"));
        assertEquals(Problem.UNEXPECTED_PKCS12, assertThrows(PfxkitException.class,
                () -> MaterialReader.read(file("x.pfx"), null)).problem());
        assertPairs(files[0], null, files[1]);
    }

    @Test
    void trustedCertificateOutputGivesTheCertificate() throws Exception {
        Path[] files = keyAndCertificate("P-256");
        openssl("x509", "-in", "cert.pem", "-trustout", "-addtrust", "serverAuth", "-out", "trusted.pem");
        assertTrue(Files.readString(file("trusted.pem")).contains("BEGIN TRUSTED CERTIFICATE"));
        assertPairs(files[0], null, file("trusted.pem"));
    }

    @Test
    void keysOpensslCanMakeButServersCannotUseAreUnsupported() throws Exception {
        openssl("genpkey", "-algorithm", "X25519", "-out", "x25519.pem");
        assertEquals(Problem.UNSUPPORTED_KEY, assertThrows(PfxkitException.class,
                () -> MaterialReader.read(file("x25519.pem"), null)).problem());
        openssl("ecparam", "-genkey", "-name", "secp256k1", "-noout", "-out", "k1.pem");
        PfxkitException k1 = assertThrows(PfxkitException.class, () -> MaterialReader.read(file("k1.pem"), null));
        assertEquals(Problem.UNSUPPORTED_KEY, k1.problem());
        assertTrue(k1.getMessage().contains("secp256k1"), k1.getMessage());
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-param_enc", "explicit", "-out", "expl.pem");
        PfxkitException explicit = assertThrows(PfxkitException.class,
                () -> MaterialReader.read(file("expl.pem"), null));
        assertEquals(Problem.UNSUPPORTED_KEY, explicit.problem());
        assertTrue(explicit.hint().contains("-param_enc named_curve"), explicit.hint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-v2 aes256", "-v1 PBE-SHA1-3DES"})
    void aKeyEncryptedWithTheEmptyPasswordReadsWithTheExplicitEmptyPassword(String options) throws Exception {
        Path[] files = keyAndCertificate("P-256");
        List<String> args = new ArrayList<>(List.of("pkcs8", "-topk8", "-in", "key.pem", "-out", "enc.pem",
                "-passout", "pass:"));
        args.addAll(List.of(options.split(" ")));
        openssl(args.toArray(String[]::new));
        assertPairs(file("enc.pem"), PasswordSource.none(), files[1]);
    }

    /** Why PbeDecryption keeps the JDK for PBES2 with the empty password: neither bcpkix decryptor can do it. */
    @Test
    void bcpkixCannotDecryptPbes2WithTheEmptyPassword() throws Exception {
        keyAndCertificate("P-256");
        openssl("pkcs8", "-topk8", "-in", "key.pem", "-out", "enc.der", "-outform", "DER", "-passout", "pass:",
                "-v2", "aes256");
        org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo info = new org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo(
                Files.readAllBytes(file("enc.der")));
        assertThrows(org.bouncycastle.pkcs.PKCSException.class, () -> info.decryptPrivateKeyInfo(
                new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(BouncyCastle.provider()).build(new char[0])));
        assertThrows(org.bouncycastle.pkcs.PKCSException.class, () -> info.decryptPrivateKeyInfo(
                new org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder()
                        .setProvider(BouncyCastle.provider()).build(new char[0])));
        assertThrows(org.bouncycastle.pkcs.PKCSException.class, () -> info.decryptPrivateKeyInfo(
                new org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder().build(new char[0])));
        assertEquals(1, MaterialReader.read(file("enc.der"), PasswordSource.none()).keys().size());
    }

    @Test
    void aKeyAskingForMoreWorkThanTheBudgetIsRefusedAtOnce() throws Exception {
        keyAndCertificate("P-256");
        openssl("pkcs8", "-topk8", "-in", "key.pem", "-out", "enc.pem", "-passout", "pass:s3cret pass", "-v2",
                "aes256", "-iter", String.valueOf(WorkBudget.MAX_ITERATIONS + 1));
        PfxkitException e = assertThrows(PfxkitException.class, () -> MaterialReader.read(file("enc.pem"), PW));
        assertEquals(Problem.UNSUPPORTED_ALGORITHM, e.problem());
        assertTrue(e.getMessage().contains("key-derivation iterations"), e.getMessage());
    }
}
