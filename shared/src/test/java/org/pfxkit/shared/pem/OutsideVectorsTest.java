package org.pfxkit.shared.pem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.keys.KeyPairing;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.NeedsVectors;
import org.pfxkit.shared.testing.Vectors;

/** The outside vectors read as their MANIFEST.txt says (../shared/vectors/{pyca-cryptography,generated-openssl-3.0.19}). */
@NeedsVectors
class OutsideVectorsTest {
    static PrivateKey key(String vector, String password) throws PfxkitException {
        ParsedFile parsed = MaterialReader.read(Vectors.file(vector),
                password == null ? null : PasswordSource.of(password.toCharArray()));
        assertEquals(1, parsed.keys().size(), vector);
        return parsed.keys().get(0).value();
    }

    static X509Certificate cert(String vector) throws PfxkitException {
        ParsedFile parsed = MaterialReader.read(Vectors.file(vector), null);
        assertEquals(1, parsed.certificates().size(), vector);
        return parsed.certificates().get(0).value();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "pyca-cryptography/pem/testrsa.pem, -, RSA",
            "pyca-cryptography/pem/testrsa-encrypted.pem, password, RSA",
            "pyca-cryptography/pem/pkcs1_rsa_private_key_des3.pem, 123456, RSA",
            "pyca-cryptography/pem/sec1_ec_private_key.pem, -, EC",
            "pyca-cryptography/pem/sec1_ec_private_key_encrypted.pem, 123456, EC",
            "pyca-cryptography/pem/ec_private_key.pem, -, EC",
            "pyca-cryptography/pem/ec_private_key_encrypted.pem, 123456, EC",
            "pyca-cryptography/pem/enc-rsa-pkcs8.pem, foobar, RSA",
            "pyca-cryptography/pem/unenc-rsa-pkcs8.pem, -, RSA",
            "pyca-cryptography/pem/ed25519-pkcs8.pem, -, EdDSA",
            "pyca-cryptography/pem/ed25519-pkcs8-enc.pem, password, EdDSA",
            "pyca-cryptography/pem/ed448-pkcs8-enc.pem, password, EdDSA",
            "pyca-cryptography/pem/ca_key.pem, -, EC",
            "generated-openssl-3.0.19/rsa2048_pkcs8.key, -, RSA",
            "generated-openssl-3.0.19/rsa2048_pkcs1.pem, -, RSA",
            "generated-openssl-3.0.19/rsa2048_pkcs8_enc_pw-kp.pem, kp, RSA",
            "generated-openssl-3.0.19/rsa2048_pkcs1_dekinfo_aes256_pw-kp.pem, kp, RSA",
            "generated-openssl-3.0.19/ecp256_pkcs8.key, -, EC",
            "generated-openssl-3.0.19/ecp256_sec1.pem, -, EC",
            "generated-openssl-3.0.19/leaf.key, -, RSA"})
    void everyManifestKeyReadsWithItsStatedPassword(String vector, String password, String algorithm)
            throws Exception {
        assertEquals(algorithm, key(vector, password).getAlgorithm());
    }

    @Test
    void sameKeyInEveryFormIsOneKey() throws Exception {
        X509Certificate rsaCert = cert("generated-openssl-3.0.19/rsa2048.crt");
        for (String form : List.of("rsa2048_pkcs8.key", "rsa2048_pkcs1.pem")) {
            assertTrue(KeyPairing.matches(key("generated-openssl-3.0.19/" + form, null), rsaCert.getPublicKey()));
        }
        assertTrue(KeyPairing.matches(key("generated-openssl-3.0.19/rsa2048_pkcs8_enc_pw-kp.pem", "kp"),
                rsaCert.getPublicKey()));
        assertTrue(KeyPairing.matches(key("generated-openssl-3.0.19/rsa2048_pkcs1_dekinfo_aes256_pw-kp.pem", "kp"),
                rsaCert.getPublicKey()));
        X509Certificate ecCert = cert("generated-openssl-3.0.19/ecp256.crt");
        assertTrue(KeyPairing.matches(key("generated-openssl-3.0.19/ecp256_pkcs8.key", null), ecCert.getPublicKey()));
        assertTrue(KeyPairing.matches(key("generated-openssl-3.0.19/ecp256_sec1.pem", null), ecCert.getPublicKey()));
        PrivateKey sec1 = key("pyca-cryptography/pem/sec1_ec_private_key.pem", null);
        PrivateKey pkcs8 = key("pyca-cryptography/pem/ec_private_key.pem", null);
        assertEquals(KeyPairing.publicKeyOf(sec1).orElseThrow(), KeyPairing.publicKeyOf(pkcs8).orElseThrow());
    }

    @Test
    void pycaCaKeyPairsWithItsCertificate() throws Exception {
        KeyMaterial material = KeyPairing.assemble(List.of(
                MaterialReader.read(Vectors.file("pyca-cryptography/pem/ca_key.pem"), null),
                MaterialReader.read(Vectors.file("pyca-cryptography/pem/ca.pem"), null)));
        assertEquals("CN=cryptography CA,C=US", material.leaf().getSubjectX500Principal().getName());
    }

    @Test
    void leafChainAssemblesFromTheGeneratedFiles() throws Exception {
        KeyMaterial material = KeyPairing.assemble(List.of(
                MaterialReader.read(Vectors.file("generated-openssl-3.0.19/ca.crt"), null),
                MaterialReader.read(Vectors.file("generated-openssl-3.0.19/leaf.crt"), null),
                MaterialReader.read(Vectors.file("generated-openssl-3.0.19/leaf.key"), null)));
        assertEquals(List.of(cert("generated-openssl-3.0.19/leaf.crt"), cert("generated-openssl-3.0.19/ca.crt")),
                material.chain());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pyca-cryptography/pem/ca.pem", "pyca-cryptography/pem/cryptography.io.pem",
            "pyca-cryptography/pem/letsencryptx3.pem", "generated-openssl-3.0.19/rsa2048.crt",
            "generated-openssl-3.0.19/ecp256.crt", "generated-openssl-3.0.19/ca.crt",
            "generated-openssl-3.0.19/leaf.crt"})
    void everyManifestCertificateReads(String vector) throws Exception {
        cert(vector);
    }

    @Test
    void theDsaKeyIsUnsupportedWithTheReason() {
        Path file = Vectors.file("pyca-cryptography/pem/dsa.2048.pem");
        PfxkitException e = assertThrows(PfxkitException.class, () -> MaterialReader.read(file, null));
        assertEquals(Problem.UNSUPPORTED_KEY, e.problem());
        assertTrue(e.getMessage().contains("'" + file + "' block 1 (line 1) is a DSA key"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot use DSA"), e.getMessage());
        assertTrue(e.getMessage().contains("supports RSA, EC on P-256"), e.getMessage());
    }

    @Test
    void leafKeyWithTheOtherCertificateIsAMismatch() throws Exception {
        Path key = Vectors.file("generated-openssl-3.0.19/leaf.key");
        Path crt = Vectors.file("generated-openssl-3.0.19/rsa2048.crt");
        PfxkitException e = assertThrows(PfxkitException.class, () -> KeyPairing.assemble(List.of(
                MaterialReader.read(key, null), MaterialReader.read(crt, null))));
        assertEquals(Problem.KEY_CERT_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + crt + "' block 1 (line 1) CN=rsa.example"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"generated-openssl-3.0.19/rsa2048_default_pw-changeit.pfx",
            "generated-openssl-3.0.19/rsa2048_legacy_pw-x.pfx", "pyca-cryptography/pkcs12/cert-key-aes256cbc.p12",
            "pyca-cryptography/pkcs12/no-password.p12", "go-pkcs12/windows-azure-tools-nullpw.p12",
            "go-pkcs12/windows-certmgr-aes256-ad_standalone_com.p12"})
    void pkcs12FilesAreRecognisedAndPointedToTheRightCommand(String vector) {
        Path file = Vectors.file(vector);
        PfxkitException e = assertThrows(PfxkitException.class, () -> MaterialReader.read(file, null));
        assertEquals(Problem.UNEXPECTED_PKCS12, e.problem());
        assertTrue(e.hint().contains("pfxconvert --to-pem " + file), e.hint());
    }
}
