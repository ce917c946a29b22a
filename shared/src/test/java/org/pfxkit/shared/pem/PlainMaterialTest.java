package org.pfxkit.shared.pem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pfxkit.shared.keys.KeyPairing;
import org.pfxkit.shared.testing.TestPki;
import org.pfxkit.shared.testing.TestPki.KeyType;

class PlainMaterialTest {
    @TempDir
    Path dir;

    static TestPki.Issued issued(KeyType type) {
        return TestPki.selfSigned(TestPki.leaf("plain-" + type.name().toLowerCase() + ".example").keyType(type)
                .sharedKey("plain"));
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "EC_P521", "RSA_2048", "ED25519", "ED448"})
    void everyKeyTypeReadsBackFromPkcs8PemWithItsCertificate(KeyType type) throws Exception {
        TestPki.Issued cert = issued(type);
        Path file = dir.resolve("both.pem");
        Files.writeString(file, "Bag Attributes\n    localKeyID: 01\nsubject=/CN=x\n" + cert.privateKeyPem()
                + "some words between\r\n" + cert.certificatePem(), StandardCharsets.US_ASCII);
        ParsedFile parsed = MaterialReader.read(file, null);
        assertEquals(ParsedFile.Encoding.PEM, parsed.encoding());
        assertEquals(1, parsed.keys().size());
        assertEquals(1, parsed.certificates().size());
        assertArrayEquals(cert.privateKey().getEncoded(), parsed.keys().get(0).value().getEncoded());
        assertEquals(cert.certificate(), parsed.certificates().get(0).value());
        assertEquals(4, parsed.keys().get(0).line());
        assertEquals(2, parsed.certificates().get(0).block());
        assertTrue(KeyPairing.matches(parsed.keys().get(0).value(), parsed.certificates().get(0).value()
                .getPublicKey()));
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048", "ED25519", "ED448"})
    void derKeysAndCertificatesAreRecognisedByContent(KeyType type) throws Exception {
        TestPki.Issued cert = issued(type);
        Path key = Files.write(dir.resolve("cert.crt"), cert.privateKey().getEncoded());
        Path crt = Files.write(dir.resolve("key.key"), cert.certificate().getEncoded());
        ParsedFile keyFile = MaterialReader.read(key, null);
        ParsedFile certFile = MaterialReader.read(crt, null);
        assertEquals(ParsedFile.Encoding.DER, keyFile.encoding());
        assertEquals(List.of(), keyFile.certificates());
        assertArrayEquals(cert.privateKey().getEncoded(), keyFile.keys().get(0).value().getEncoded());
        assertEquals(cert.certificate(), certFile.certificates().get(0).value());
    }

    @Test
    void traditionalRsaAndEcKeysReadInPemAndDer() throws Exception {
        for (KeyType type : new KeyType[] {KeyType.RSA_2048, KeyType.EC_P256, KeyType.EC_P384, KeyType.EC_P521}) {
            KeyPair pair = issued(type).keyPair();
            Path pem = dir.resolve("trad.pem");
            String text = TestPkiPem.traditional(pair);
            Files.writeString(pem, text);
            PrivateKey read = MaterialReader.read(pem, null).keys().get(0).value();
            assertTrue(KeyPairing.matches(read, pair.getPublic()), type + " PEM");
            assertTrue(text.contains(type == KeyType.RSA_2048 ? "RSA PRIVATE KEY" : "EC PRIVATE KEY"));
            Path der = Files.write(dir.resolve("trad.der"), TestPkiPem.traditionalDer(pair));
            assertTrue(KeyPairing.matches(MaterialReader.read(der, null).keys().get(0).value(), pair.getPublic()),
                    type + " DER");
        }
    }

    @Test
    void aChainFileGivesEveryCertificateInFileOrder() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Plain Root");
        TestPki.Issued leaf = root.issue(TestPki.leaf("chain.example"));
        Path file = dir.resolve("chain.pem");
        Files.writeString(file, TestPki.pem(leaf.certificate(), root.certificate()));
        List<X509Certificate> certs = MaterialReader.read(file, null).certificates().stream()
                .map(ParsedFile.Located::value).toList();
        assertEquals(List.of(leaf.certificate(), root.certificate()), certs);
    }

}
