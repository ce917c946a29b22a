package org.pfxkit.shared.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateKeySpec;
import java.util.ArrayList;
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
        KeyPair one = TestPki.generate(type);
        KeyPair two = TestPki.generate(type);
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
        KeyPair rsa = TestPki.generate(KeyType.RSA_2048);
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) rsa.getPrivate();
        PrivateKey bare = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(crt.getModulus(),
                crt.getPrivateExponent()));
        assertTrue(KeyPairing.matches(bare, rsa.getPublic()), "an RSA key without CRT parts still pairs exactly");
        assertFalse(KeyPairing.matches(bare, LEAF.publicKey()));
    }

    @Test
    void fingerprintsHaveAShortAndAFullForm() {
        String shortForm = KeyFingerprint.of(LEAF.publicKey());
        String full = KeyFingerprint.full(LEAF.publicKey());
        assertTrue(shortForm.matches("SHA256(:[0-9a-f]{2}){16}"), shortForm);
        assertTrue(full.matches("SHA256(:[0-9a-f]{2}){32}"), full);
        assertTrue(full.startsWith(shortForm));
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
}
