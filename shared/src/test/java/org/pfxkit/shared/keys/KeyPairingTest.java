package org.pfxkit.shared.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.pem.ParsedFile;
import org.pfxkit.shared.pem.ParsedFile.Located;
import org.pfxkit.shared.testing.TestPki;
import org.pfxkit.shared.testing.TestPki.KeyType;

class KeyPairingTest {
    static final TestPki.Issued ROOT = TestPki.rootCa("Pairing Root");
    static final TestPki.Issued INTER = ROOT.issue(TestPki.ca("Pairing Intermediate"));
    static final TestPki.Issued LEAF = INTER.issue(TestPki.leaf("pairing.example"));

    static ParsedFile file(String name, List<PrivateKey> keys, X509Certificate... certs) {
        Path path = Path.of(name);
        List<Located<PrivateKey>> k = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            k.add(new Located<>(keys.get(i), path, i + 1, 1 + 10 * i));
        }
        List<Located<X509Certificate>> c = new ArrayList<>();
        for (int i = 0; i < certs.length; i++) {
            c.add(new Located<>(certs[i], path, keys.size() + i + 1, 100 + 30 * i));
        }
        return new ParsedFile(path, ParsedFile.Encoding.PEM, k, c);
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "EC_P521", "RSA_2048", "ED25519", "ED448"})
    void aKeyMatchesItsOwnPublicKeyAndNoOther(KeyType type) {
        KeyPair one = TestPki.selfSigned(TestPki.leaf("one").keyType(type).sharedKey("one")).keyPair();
        KeyPair two = TestPki.selfSigned(TestPki.leaf("two").keyType(type).sharedKey("two")).keyPair();
        assertTrue(KeyPairing.matches(one.getPrivate(), one.getPublic()));
        assertFalse(KeyPairing.matches(one.getPrivate(), two.getPublic()));
        assertFalse(KeyPairing.matches(one.getPrivate(), LEAF.publicKey()));
        assertEquals(KeyFingerprint.of(one.getPublic()), KeyFingerprint.of(KeyPairing.publicKeyOf(one.getPrivate())
                .orElseThrow()));
    }

    @Test
    void matchingNeverThrowsOnNullsOrStrangeKeys() throws Exception {
        assertFalse(KeyPairing.matches(null, LEAF.publicKey()));
        assertFalse(KeyPairing.matches(LEAF.privateKey(), null));
        KeyPair rsa = TestPki.selfSigned(TestPki.leaf("one").keyType(KeyType.RSA_2048).sharedKey("one")).keyPair();
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) rsa.getPrivate();
        PrivateKey bare = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(crt.getModulus(),
                crt.getPrivateExponent()));
        assertTrue(KeyPairing.matches(bare, rsa.getPublic()), "an RSA key without CRT parts still pairs exactly");
        assertFalse(KeyPairing.matches(bare, LEAF.publicKey()));
    }

    @Test
    void aFingerprintIsTheFirstHalfOfTheSha256OfTheSubjectPublicKeyInfo() throws Exception {
        String shortForm = KeyFingerprint.of(LEAF.publicKey());
        assertTrue(shortForm.matches("SHA256(:[0-9a-f]{2}){16}"), shortForm);
        String full = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(LEAF.publicKey().getEncoded()));
        assertTrue(full.startsWith(shortForm.substring("SHA256:".length()).replace(":", "")), full);
    }

    @Test
    void assembleFindsTheLeafForTheKeyAndOrdersTheChain() throws Exception {
        KeyMaterial material = KeyPairing.assemble(List.of(
                file("chain.pem", List.of(), ROOT.certificate(), INTER.certificate()),
                file("cert.pem", List.of(), LEAF.certificate()),
                file("key.pem", List.of(LEAF.privateKey()))));
        assertEquals(List.of(LEAF.certificate(), INTER.certificate(), ROOT.certificate()), material.chain());
        assertEquals(LEAF.privateKey(), material.privateKey());
    }

    @Test
    void aKeyThatFitsNoCertificateIsAMismatchNamingBothSides() {
        TestPki.Issued other = TestPki.selfSigned(TestPki.leaf("other.example"));
        PfxkitException e = assertThrows(PfxkitException.class, () -> KeyPairing.assemble(List.of(
                file("key.pem", List.of(other.privateKey())), file("cert.pem", List.of(), LEAF.certificate()))));
        assertEquals(Problem.KEY_CERT_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains("'key.pem' block 1 (line 1)"), e.getMessage());
        assertTrue(e.getMessage().contains(KeyFingerprint.of(other.publicKey())), e.getMessage());
        assertTrue(e.getMessage().contains("'cert.pem' block 1 (line 100) CN=pairing.example"), e.getMessage());
        assertTrue(e.getMessage().contains(KeyFingerprint.of(LEAF.publicKey())), e.getMessage());
    }

    @Test
    void twoDifferentKeysAreTooManyAndBothPlacesAreNamed() {
        TestPki.Issued other = TestPki.selfSigned(TestPki.leaf("second.example"));
        PfxkitException e = assertThrows(PfxkitException.class, () -> KeyPairing.assemble(List.of(
                file("a.pem", List.of(LEAF.privateKey())), file("b.pem", List.of(other.privateKey())),
                file("cert.pem", List.of(), LEAF.certificate()))));
        assertEquals(Problem.TOO_MANY_KEYS, e.problem());
        assertTrue(e.getMessage().contains("'a.pem' block 1 (line 1) (" + KeyFingerprint.of(LEAF.publicKey())),
                e.getMessage());
        assertTrue(e.getMessage().contains("'b.pem' block 1 (line 1) (" + KeyFingerprint.of(other.publicKey())),
                e.getMessage());
    }

    @Test
    void theSameKeyTwiceInDifferentFormsIsOneKey() throws Exception {
        KeyPair rsa = TestPki.selfSigned(TestPki.leaf("twice.example").keyType(KeyType.RSA_2048)
                .sharedKey("one")).keyPair();
        TestPki.Issued cert = TestPki.selfSigned(TestPki.leaf("twice.example").keyType(KeyType.RSA_2048)
                .sharedKey("one"));
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) rsa.getPrivate();
        PrivateKey copy = KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec.RSAPrivateCrtKeySpec(
                crt.getModulus(), crt.getPublicExponent(), crt.getPrivateExponent(), crt.getPrimeP(),
                crt.getPrimeQ(), crt.getPrimeExponentP(), crt.getPrimeExponentQ(), crt.getCrtCoefficient()));
        KeyMaterial material = KeyPairing.assemble(List.of(file("key.pem", List.of(rsa.getPrivate(), copy)),
                file("combined.pem", List.of(copy), cert.certificate())));
        assertEquals(List.of(cert.certificate()), material.chain());
    }

    @Test
    void noKeyNamesTheFilesAndWhatTheyHeld() {
        PfxkitException e = assertThrows(PfxkitException.class, () -> KeyPairing.assemble(List.of(
                file("cert.pem", List.of(), LEAF.certificate()),
                file("chain.pem", List.of(), INTER.certificate(), ROOT.certificate()))));
        assertEquals(Problem.NO_PRIVATE_KEY, e.problem());
        assertEquals("no private key found; read 'cert.pem' (1 certificate), 'chain.pem' (2 certificates)",
                e.getMessage());
    }

    @Test
    void noCertificateNamesTheFilesRead() {
        PfxkitException e = assertThrows(PfxkitException.class, () -> KeyPairing.assemble(List.of(
                file("key.pem", List.of(LEAF.privateKey())))));
        assertEquals(Problem.NO_CERTIFICATE, e.problem());
        assertTrue(e.getMessage().contains("'key.pem' (1 private key)"), e.getMessage());
    }

    @Test
    void theValidCertificateForTheKeyIsTheLeafAndAnExpiredOneIsReported() throws Exception {
        TestPki.Issued expired = INTER.issue(TestPki.leaf("renewed.example").sharedKey("renewed").expired());
        TestPki.Issued current = INTER.issue(TestPki.leaf("renewed.example").sharedKey("renewed"));
        Assembly assembly = KeyPairing.assembleReport(List.of(file("key.pem", List.of(current.privateKey())),
                file("certs.pem", List.of(), expired.certificate(), current.certificate(), INTER.certificate())));
        assertEquals(current.certificate(), assembly.leaf().value());
        assertEquals(List.of(current.certificate(), INTER.certificate()), assembly.linkedChain());
        assertEquals(List.of(expired.certificate()), assembly.unrelated().stream().map(Located::value).toList());
        assertEquals(Path.of("key.pem"), assembly.key().file());
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "EC_P521"})
    void theEcPublicPointComputedFromThePrivateScalarIsTheJdksForManyKeys(KeyType type) {
        for (int i = 0; i < 25; i++) {
            KeyPair pair = TestPki.generate(type);
            assertEquals(((java.security.interfaces.ECPublicKey) pair.getPublic()).getW(),
                    ((java.security.interfaces.ECPublicKey) KeyPairing.publicKeyOf(pair.getPrivate()).orElseThrow())
                            .getW());
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "ED25519", "ED448"})
    void bouncyCastleKeyObjectsPairAsWellAsJdkOnes(KeyType type) throws Exception {
        KeyPair pair = TestPki.selfSigned(TestPki.leaf("one").keyType(type).sharedKey("one")).keyPair();
        PrivateKey bcKey = KeyFactory.getInstance(pair.getPrivate().getAlgorithm(),
                new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
        assertTrue(KeyPairing.matches(bcKey, pair.getPublic()));
        assertFalse(KeyPairing.matches(bcKey, LEAF.publicKey()));
        assertEquals(KeyFingerprint.of(pair.getPublic()), KeyFingerprint.of(KeyPairing.publicKeyOf(bcKey)
                .orElseThrow()));
    }

    @Test
    void aCurveTheJdkDoesNotNamePairsThroughTheGenericCurve() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC",
                new org.bouncycastle.jce.provider.BouncyCastleProvider());
        generator.initialize(new java.security.spec.ECGenParameterSpec("brainpoolP256r1"));
        KeyPair one = generator.generateKeyPair();
        KeyPair two = generator.generateKeyPair();
        assertTrue(KeyPairing.matches(one.getPrivate(), one.getPublic()));
        assertFalse(KeyPairing.matches(one.getPrivate(), two.getPublic()));
    }
}
