package org.pfxkit.shared.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pfxkit.shared.pem.BouncyCastle;
import org.pfxkit.shared.pem.PbeDecryption;
import org.pfxkit.shared.pem.WorkBudget;

/**
 * PbeEncryption derives with SunJCE and lets bcpkix lay out the parameters. Why not bcpkix's own PBES2 encryptor:
 * on the JDK's providers its output does not decrypt, and on BouncyCastle's its PBKDF2 refuses the empty password.
 */
class PbeEncryptionTest {
    private static final byte[] DATA = "a private key's PKCS#8 bytes, say".getBytes(StandardCharsets.US_ASCII);

    private static byte[] encrypt(OutputEncryptor encryptor) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream stream = encryptor.getOutputStream(out)) {
            stream.write(DATA);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3cret", ""})
    void pbes2Aes256ReadsBackThroughTheReadersDecryption(String password) throws Exception {
        OutputEncryptor encryptor = PbeEncryption.pbes2Aes256(password.toCharArray(), 2048);
        byte[] plain = PbeDecryption.decrypt(encryptor.getAlgorithmIdentifier(), encrypt(encryptor),
                password.toCharArray(), bytes -> bytes.clone(), new WorkBudget("test"), "test data");
        assertArrayEquals(DATA, plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3cret", ""})
    void bcpkixsPbes2EncryptorCannotDoTheJob(String password) {
        AlgorithmIdentifier sha256 = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256,
                DERNull.INSTANCE);
        assertThrows(IOException.class, () -> encrypt(new JcePKCSPBEOutputEncryptorBuilder(
                NISTObjectIdentifiers.id_aes256_CBC).setPRF(sha256).setIterationCount(2048)
                .build(password.toCharArray())), "on the JDK's providers");
        if (password.isEmpty()) {
            assertThrows(Exception.class, () -> encrypt(new JcePKCSPBEOutputEncryptorBuilder(
                    NISTObjectIdentifiers.id_aes256_CBC).setProvider(BouncyCastle.provider()).setPRF(sha256)
                    .setIterationCount(2048).build(password.toCharArray())), "on BouncyCastle's, empty password");
        }
    }
}
