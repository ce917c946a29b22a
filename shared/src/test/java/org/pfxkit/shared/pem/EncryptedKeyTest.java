package org.pfxkit.shared.pem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.stream.Stream;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.keys.KeyPairing;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.testing.TestPki;
import org.pfxkit.shared.testing.TestPki.KeyType;

/** Keys encrypted by BouncyCastle the ways openssl does, read back with the right, no and the wrong password. */
class EncryptedKeyTest {
    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    static final char[] PASSWORD = "correct horse ☺".toCharArray();

    @TempDir
    Path dir;

    static KeyPair pair(KeyType type) {
        return TestPki.selfSigned(TestPki.leaf("enc-" + type.name().toLowerCase()).keyType(type).sharedKey("one"))
                .keyPair();
    }

    static byte[] encryptedPkcs8(PrivateKey key, ASN1ObjectIdentifier scheme, AlgorithmIdentifier prf) {
        try {
            JceOpenSSLPKCS8EncryptorBuilder builder = new JceOpenSSLPKCS8EncryptorBuilder(scheme).setProvider(BC)
                    .setPassword(PASSWORD).setIterationCount(2048);
            if (prf != null) {
                builder.setPRF(prf);
            }
            OutputEncryptor encryptor = builder.build();
            return new JcaPKCS8Generator(key, encryptor).generate().getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> pbes2() {
        return Stream.of(PKCS8Generator.AES_128_CBC, PKCS8Generator.AES_192_CBC, PKCS8Generator.AES_256_CBC,
                PKCS8Generator.DES3_CBC).flatMap(cipher -> Stream.of(PKCS8Generator.PRF_HMACSHA1,
                        PKCS8Generator.PRF_HMACSHA224, PKCS8Generator.PRF_HMACSHA256, PKCS8Generator.PRF_HMACSHA384,
                        PKCS8Generator.PRF_HMACSHA512).map(prf -> Arguments.of(cipher, prf)));
    }

    @ParameterizedTest
    @MethodSource("pbes2")
    void pbes2KeysReadWithEveryCipherAndPrf(ASN1ObjectIdentifier cipher, AlgorithmIdentifier prf) throws Exception {
        KeyPair pair = pair(KeyType.EC_P256);
        String pem = TestPki.pem(new org.bouncycastle.util.io.pem.PemObject("ENCRYPTED PRIVATE KEY",
                encryptedPkcs8(pair.getPrivate(), cipher, prf)));
        assertReads(pair, "Some text a tool printed first\n" + pem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PBE_SHA1_3DES", "PBE_SHA1_2DES", "PBE_SHA1_RC2_128", "PBE_SHA1_RC2_40",
            "PBE_SHA1_RC4_128", "PBE_SHA1_RC4_40"})
    void pkcs12PbeKeysRead(String scheme) throws Exception {
        ASN1ObjectIdentifier oid = (ASN1ObjectIdentifier) PKCS8Generator.class.getField(scheme).get(null);
        KeyPair pair = pair(KeyType.RSA_2048);
        byte[] der = encryptedPkcs8(pair.getPrivate(), oid, null);
        assertReads(pair, TestPki.pem(new org.bouncycastle.util.io.pem.PemObject("ENCRYPTED PRIVATE KEY", der)));
        Path file = Files.write(dir.resolve("key.der"), der);
        assertTrue(KeyPairing.matches(MaterialReader.read(file, PasswordSource.of(PASSWORD)).keys().get(0).value(),
                pair.getPublic()), "DER " + scheme);
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "EC_P521", "ED25519", "ED448"})
    void everyKeyTypeReadsFromEncryptedPkcs8(KeyType type) throws Exception {
        KeyPair pair = pair(type);
        assertReads(pair, TestPki.pem(new org.bouncycastle.util.io.pem.PemObject("ENCRYPTED PRIVATE KEY",
                encryptedPkcs8(pair.getPrivate(), PKCS8Generator.AES_256_CBC, PKCS8Generator.PRF_HMACSHA256))));
    }

    static Stream<Arguments> legacy() {
        return Stream.of("AES-128-CBC", "AES-192-CBC", "AES-256-CBC", "DES-EDE3-CBC", "DES-CBC")
                .flatMap(c -> Stream.of(KeyType.RSA_2048, KeyType.EC_P256, KeyType.EC_P384, KeyType.EC_P521)
                        .map(t -> Arguments.of(c, t)));
    }

    @ParameterizedTest
    @MethodSource("legacy")
    void legacyOpensslEncryptionReads(String cipher, KeyType type) throws Exception {
        KeyPair pair = pair(type);
        String pem = TestPkiPem.traditional(pair, new JcePEMEncryptorBuilder(cipher).setProvider(BC)
                .build(PASSWORD));
        assertTrue(pem.contains("DEK-Info: " + cipher), pem);
        assertReads(pair, pem);
    }

    @Test
    void anEncryptedKeyWithoutAPasswordSaysSoAndWhere() throws Exception {
        Path file = write("key.pem", "header\n" + TestPki.pem(new org.bouncycastle.util.io.pem.PemObject(
                "ENCRYPTED PRIVATE KEY", encryptedPkcs8(pair(KeyType.EC_P256).getPrivate(),
                        PKCS8Generator.AES_256_CBC, null))));
        PfxkitException e = assertThrows(PfxkitException.class, () -> MaterialReader.read(file, null));
        assertEquals(Problem.PASSWORD_REQUIRED, e.problem());
        assertEquals("private key in '" + file + "' block 1 (line 2) is encrypted and no password was given",
                e.getMessage());
        assertTrue(e.hint().contains("--key-password-file FILE"), e.hint());
    }

    @Test
    void aLegacyEncryptedKeyWithoutAPasswordSaysSo() throws Exception {
        Path file = write("key.pem", TestPkiPem.traditional(pair(KeyType.RSA_2048),
                new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC).build(PASSWORD)));
        PfxkitException e = assertThrows(PfxkitException.class, () -> MaterialReader.read(file, null));
        assertEquals(Problem.PASSWORD_REQUIRED, e.problem());
        assertTrue(e.getMessage().contains("block 1 (line 1)"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES_256_CBC", "AES_192_CBC", "PBE_SHA1_3DES", "PBE_SHA1_RC2_40"})
    void aWrongPasswordIsBadPasswordForPkcs8(String scheme) throws Exception {
        ASN1ObjectIdentifier oid = (ASN1ObjectIdentifier) PKCS8Generator.class.getField(scheme).get(null);
        Path file = write("key.pem", TestPki.pem(new org.bouncycastle.util.io.pem.PemObject(
                "ENCRYPTED PRIVATE KEY", encryptedPkcs8(pair(KeyType.EC_P256).getPrivate(), oid, null))));
        for (int attempt = 0; attempt < 20; attempt++) {
            PasswordSource wrong = PasswordSource.of(("wrong" + attempt).toCharArray());
            PfxkitException e = assertThrows(PfxkitException.class, () -> MaterialReader.read(file, wrong));
            assertEquals(Problem.BAD_PASSWORD, e.problem(), e.getMessage());
            assertTrue(e.getMessage().contains("'" + file + "' block 1 (line 1)"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES-256-CBC", "DES-EDE3-CBC"})
    void aWrongPasswordIsBadPasswordForLegacyPem(String cipher) throws Exception {
        for (KeyType type : new KeyType[] {KeyType.RSA_2048, KeyType.EC_P256}) {
            Path file = write("key.pem", TestPkiPem.traditional(pair(type),
                    new JcePEMEncryptorBuilder(cipher).setProvider(BC).build(PASSWORD)));
            // Many wrong passwords: some pass the padding check and must still be recognised as wrong.
            for (int attempt = 0; attempt < 300; attempt++) {
                PasswordSource wrong = PasswordSource.of(("nope" + attempt).toCharArray());
                PfxkitException e = assertThrows(PfxkitException.class, () -> MaterialReader.read(file, wrong));
                assertEquals(Problem.BAD_PASSWORD, e.problem(), e.getMessage());
            }
        }
    }

    @Test
    void aLegacyCipherBouncyCastleLacksIsUnsupportedNotAWrongPassword() throws Exception {
        // 'openssl rsa -camellia128 -traditional' writes this; BcPEMDecryptorProvider has no Camellia.
        Path file = write("key.pem", TestPkiPem.traditional(pair(KeyType.RSA_2048), new JcePEMEncryptorBuilder(
                "AES-128-CBC").setProvider(BC).build(PASSWORD)).replace("AES-128-CBC", "CAMELLIA-128-CBC"));
        PfxkitException e = assertThrows(PfxkitException.class, () -> MaterialReader.read(file,
                PasswordSource.of(PASSWORD)));
        assertEquals(Problem.UNSUPPORTED_ALGORITHM, e.problem(), e.getMessage());
        assertTrue(e.getMessage().contains("encrypted with CAMELLIA-128-CBC (DEK-Info)"), e.getMessage());
        assertTrue(e.hint().contains("openssl pkcs8 -topk8 -v2 aes256"), e.hint());
    }

    @Test
    void thePasswordIsReadOnlyWhenAnEncryptedKeyIsMet() throws Exception {
        PasswordSource exploding = new PasswordSource() {
            @Override
            public char[] read() {
                throw new AssertionError("the password was read for a plain key");
            }

            @Override
            public String describe() {
                return "a test source";
            }
        };
        KeyPair pair = pair(KeyType.EC_P256);
        Path file = write("plain.pem", TestPki.pem(pair.getPrivate()));
        assertTrue(KeyPairing.matches(MaterialReader.read(file, exploding).keys().get(0).value(), pair.getPublic()));
    }

    private void assertReads(KeyPair pair, String text) throws IOException, PfxkitException {
        Path file = write("key.pem", text);
        ParsedFile parsed = MaterialReader.read(file, PasswordSource.of(PASSWORD));
        assertEquals(1, parsed.keys().size());
        assertTrue(KeyPairing.matches(parsed.keys().get(0).value(), pair.getPublic()));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PBEWithMD5AndDES", "PBEWithSHA1AndDESede", "PBEWithSHA1AndRC2_40",
            "PBEWithSHA1AndRC4_128"})
    void keysEncryptedByTheJdksPbeSchemesRead(String jdkAlgorithm) throws Exception {
        KeyPair pair = pair(KeyType.EC_P384);
        byte[] salt = new byte[8];
        new java.security.SecureRandom().nextBytes(salt);
        javax.crypto.SecretKey secret = javax.crypto.SecretKeyFactory.getInstance(jdkAlgorithm)
                .generateSecret(new javax.crypto.spec.PBEKeySpec("jdk pass".toCharArray()));
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance(jdkAlgorithm);
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, secret, new javax.crypto.spec.PBEParameterSpec(salt, 1000));
        byte[] der = new javax.crypto.EncryptedPrivateKeyInfo(cipher.getParameters(),
                cipher.doFinal(pair.getPrivate().getEncoded())).getEncoded();
        Path file = Files.write(dir.resolve("jdk.der"), der);
        assertTrue(KeyPairing.matches(MaterialReader.read(file, PasswordSource.of("jdk pass".toCharArray())).keys()
                .get(0).value(), pair.getPublic()));
    }
}
