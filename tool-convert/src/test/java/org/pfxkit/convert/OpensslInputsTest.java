package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pfxkit.convert.Interop.assertContains;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.shared.testing.ExternalTool;

/** Keys and certificates made by openssl and GnuTLS, in the forms people have, all convert. */
class OpensslInputsTest {
    @TempDir
    Path dir;

    private Path passphraseFile() throws Exception {
        Path file = dir.resolve("kp.txt");
        Files.writeString(file, "kp\n");
        return file;
    }

    private void openssl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        ExternalTool.run(command, dir, null, java.util.Map.of(), 60).assertSuccess();
    }

    private Path selfSigned(String key, String cn) {
        openssl("req", "-x509", "-new", "-key", key, "-subj", "/CN=" + cn, "-days", "30", "-out", cn + ".crt");
        return dir.resolve(cn + ".crt");
    }

    /** Converts, then opens the result with the JDK: one key entry, named after the CN, with a one-long chain. */
    private void convertsAndOpens(String cn, String... args) throws Exception {
        Path out = dir.resolve(cn + ".pfx");
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString(), "--password-file", passphraseFile().toString()));
        Pfxconvert.run(all.toArray(String[]::new)).assertOk();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Files.readAllBytes(out)), "kp".toCharArray());
        assertEquals(List.of(cn), Collections.list(store.aliases()));
        assertEquals(1, store.getCertificateChain(cn).length);
    }

    @Test
    void anOpensslGenpkeyEcKeyAndReqCertificateConvert() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.key");
        Path crt = selfSigned("ec.key", "ec.example");
        convertsAndOpens("ec.example", crt.toString(), dir.resolve("ec.key").toString());
    }

    @Test
    void anOpensslEd25519KeyConverts() throws Exception {
        openssl("genpkey", "-algorithm", "ED25519", "-out", "ed.key");
        Path crt = selfSigned("ed.key", "ed.example");
        convertsAndOpens("ed.example", dir.resolve("ed.key").toString(), crt.toString());
    }

    @Test
    void aPkcs8KeyEncryptedWithPbes2Aes256ByOpensslConverts() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.key");
        openssl("pkcs8", "-topk8", "-v2", "aes256", "-in", "p384.key", "-out", "p384-enc.key", "-passout",
                "pass:kp");
        assertContains(Files.readString(dir.resolve("p384-enc.key")), "BEGIN ENCRYPTED PRIVATE KEY");
        Path crt = selfSigned("p384.key", "p384.example");
        convertsAndOpens("p384.example", dir.resolve("p384-enc.key").toString(), crt.toString(),
                "--key-password-file", passphraseFile().toString());
    }

    @Test
    void aLegacyOpensslEncryptedRsaKeyWithDekInfoConverts() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.key");
        openssl("rsa", "-aes256", "-traditional", "-in", "rsa.key", "-out", "rsa-legacy.key", "-passout", "pass:kp");
        String legacy = Files.readString(dir.resolve("rsa-legacy.key"));
        assertContains(legacy, "Proc-Type: 4,ENCRYPTED");
        assertContains(legacy, "DEK-Info: AES-256-CBC");
        Path crt = selfSigned("rsa.key", "rsa.example");
        convertsAndOpens("rsa.example", dir.resolve("rsa-legacy.key").toString(), crt.toString(),
                "--key-password-file", passphraseFile().toString());
    }

    @Test
    void aGnutlsCerttoolKeyAndSelfSignedCertificateWithTextBeforeThePemConvert() throws Exception {
        Path template = dir.resolve("template.cfg");
        Files.writeString(template, "cn = \"gnutls.example\"\nexpiration_days = 30\ntls_www_server\n");
        ExternalTool.run(List.of("certtool", "--generate-privkey", "--key-type", "ecdsa", "--outfile", "gnutls.key"),
                dir, null, java.util.Map.of(), 60).assertSuccess();
        ExternalTool.run(List.of("certtool", "--generate-self-signed", "--load-privkey", "gnutls.key",
                "--template", template.toString(), "--outfile", "gnutls.crt"), dir, null, java.util.Map.of(), 60)
                .assertSuccess();
        convertsAndOpens("gnutls.example", dir.resolve("gnutls.key").toString(),
                dir.resolve("gnutls.crt").toString());
    }

    /**
     * 'openssl req -x509 -subj /' with a subjectAltName: an empty issuer and subject. Windows imports it, Java cannot
     * read it: a clear refusal (exit 2, where and why), not the self-check's internal error, and nothing written.
     */
    @Test
    void aCertificateJavaCannotReadIsRefusedBeforeAnythingIsWritten() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-noenc", "-keyout",
                "empty.key", "-out", "empty.crt", "-subj", "/", "-addext", "subjectAltName=DNS:empty.example",
                "-days", "30");
        Path out = dir.resolve("empty.pfx");
        Pfxconvert.Run run = Pfxconvert.run(dir.resolve("empty.key").toString(), dir.resolve("empty.crt").toString(),
                "--out", out.toString(), "--password-file", passphraseFile().toString()).assertFails(2);
        assertContains(run.err(), "empty.crt");
        assertContains(run.err(), "empty issuer (RFC 5280 4.1.2.4");
        assertContains(run.err(), "hint: issue the certificate again with a subject");
        assertEquals(false, Files.exists(out));
    }
}
