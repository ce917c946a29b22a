package org.pfxkit.shared.pem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyPairing;
import org.pfxkit.shared.testing.TestPki;
import org.pfxkit.shared.testing.TestPki.KeyType;

class PlainMaterialTest {
    @TempDir
    Path dir;

    static TestPki.Issued issued(KeyType type) {
        return TestPki.selfSigned(TestPki.leaf("plain-" + type.name().toLowerCase() + ".example").keyType(type)
                .sharedKey("one"));
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
    void aPkcs8EcKeyNamingItsCurveOnlyInsideReads() throws Exception {
        // RFC 5915 allows the curve in the inner ECPrivateKey only, with no parameters in the AlgorithmIdentifier.
        KeyPair pair = issued(KeyType.EC_P256).keyPair();
        PrivateKeyInfo bare = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey),
                TestPkiPem.traditionalInfo(pair).parsePrivateKey());
        byte[] pem = TestPki.pem(new PemObject("PRIVATE KEY", bare.getEncoded())).getBytes(StandardCharsets.US_ASCII);
        PrivateKey read = MaterialReader.read(pem, Path.of("bare.pem"), null).keys().get(0).value();
        assertTrue(KeyPairing.matches(read, pair.getPublic()));
        DERSequence damaged = new DERSequence(new ASN1Encodable[] {new ASN1Integer(0),
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey), new DEROctetString(new byte[] {0x30, 5})});
        PfxkitException e = assertThrows(PfxkitException.class, () -> MaterialReader.read(TestPki.pem(
                new PemObject("PRIVATE KEY", damaged.getEncoded())).getBytes(StandardCharsets.US_ASCII),
                Path.of("bare.pem"), null));
        assertEquals(Problem.BAD_DER, e.problem());
        assertTrue(e.getMessage().startsWith("private key in 'bare.pem' block 1 (line 1)"), e.getMessage());
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


    @Test
    void otherCertificateLabelsAndUtf16TextAreRead() throws Exception {
        TestPki.Issued cert = issued(KeyType.EC_P256);
        String pem = cert.certificatePem().replace("CERTIFICATE", "X509 CERTIFICATE");
        Path x509 = Files.writeString(dir.resolve("x509.pem"), pem);
        assertEquals(cert.certificate(), MaterialReader.read(x509, null).certificates().get(0).value());
        byte[] utf16 = ("\uFEFF" + cert.privateKeyPem() + cert.certificatePem()).getBytes(StandardCharsets.UTF_16LE);
        ParsedFile parsed = MaterialReader.read(utf16, Path.of("powershell.pem"), null);
        assertEquals(1, parsed.keys().size());
        assertEquals(1, parsed.certificates().size());
    }

    @Test
    void passedOverBlocksAreRememberedAndSummarised() throws Exception {
        TestPki.Issued cert = issued(KeyType.EC_P256);
        Path file = Files.writeString(dir.resolve("mixed.pem"), "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n"
                + "-----END EC PARAMETERS-----\n" + TestPki.pem(cert.publicKey()) + cert.certificatePem());
        ParsedFile parsed = MaterialReader.read(file, null);
        assertEquals(List.of("PUBLIC KEY"), parsed.skipped().stream().map(ParsedFile.Located::value).toList());
        assertEquals(2, parsed.skipped().get(0).block());
        assertEquals(3, parsed.certificates().get(0).block());
        assertEquals("1 certificate, a PUBLIC KEY (not used)", parsed.summary());
    }

    @Test
    void severalDerObjectsInOneFileAreAllRead() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Der Root");
        TestPki.Issued leaf = root.issue(TestPki.leaf("der.example"));
        byte[] a = leaf.certificate().getEncoded();
        byte[] b = root.certificate().getEncoded();
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length + 1);
        System.arraycopy(b, 0, both, a.length, b.length);
        both[both.length - 1] = '\n';
        ParsedFile parsed = MaterialReader.read(both, Path.of("chain.der"), null);
        assertEquals(List.of(leaf.certificate(), root.certificate()), parsed.certificates().stream()
                .map(ParsedFile.Located::value).toList());
        assertEquals(2, parsed.certificates().get(1).block());
    }
}
