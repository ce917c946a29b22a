package org.pfxkit.convert;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.io.CipherOutputStream;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * The two password-based encryptions a PFX bag gets, built on BouncyCastle's lightweight API so that the password
 * bytes are ours to choose. BouncyCastle turns an empty password into zero bytes, while openssl, the JDK and pyca
 * encode it as the BMP empty string {@code 00 00} (RFC 7292 appendix B.1: a BMPString with its terminating NUL), so a
 * file written through BouncyCastle's own builders with an empty password does not open in them.
 */
final class PbeEncryption {
    /** openssl 3 uses an 8-byte salt for every PBE and for the MAC (PKCS5_SALT_LEN in crypto/evp/evp_local.h). */
    static final int SALT_LENGTH = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PbeEncryption() {
    }

    /**
     * The password as RFC 7292 appendix B.1 wants it for its key derivation: UTF-16 big-endian with a two-byte NUL
     * terminator, so the empty password is {@code 00 00}.
     */
    static byte[] bmpPassword(char[] password) {
        byte[] bytes = new byte[(password.length + 1) * 2];
        for (int i = 0; i < password.length; i++) {
            bytes[i * 2] = (byte) (password[i] >>> 8);
            bytes[i * 2 + 1] = (byte) password[i];
        }
        return bytes;
    }

    /** The password as PBKDF2 (RFC 8018) gets it from openssl and the JDK: its UTF-8 bytes, nothing for empty. */
    static byte[] utf8Password(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    static byte[] salt() {
        return random(SALT_LENGTH);
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC (RFC 8018 section 6.2), parameters laid out as openssl 3 writes
     * them: 8-byte salt, the iteration count, no key length, the PRF with NULL parameters, a 16-byte IV.
     */
    static OutputEncryptor pbes2Aes256(char[] password, int iterations) {
        byte[] salt = salt();
        byte[] iv = random(16);
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        byte[] passwordBytes = utf8Password(password);
        generator.init(passwordBytes, salt, iterations);
        KeyParameter key = (KeyParameter) generator.generateDerivedParameters(256);
        Arrays.fill(passwordBytes, (byte) 0);
        AlgorithmIdentifier prf = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
        KeyDerivationFunc kdf = new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2,
                new PBKDF2Params(salt, iterations, prf));
        EncryptionScheme scheme = new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv));
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2,
                new PBES2Parameters(kdf, scheme));
        return encryptor(algorithm, CBCBlockCipher.newInstance(AESEngine.newInstance()), new ParametersWithIV(key, iv));
    }

    /**
     * pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292 appendix C): key and IV from the PKCS#12 key derivation (appendix B)
     * with SHA-1, over the BMP password.
     */
    static OutputEncryptor pkcs12TripleDes(char[] password, int iterations) {
        byte[] salt = salt();
        PKCS12ParametersGenerator generator = new PKCS12ParametersGenerator(new SHA1Digest());
        byte[] passwordBytes = bmpPassword(password);
        generator.init(passwordBytes, salt, iterations);
        CipherParameters keyAndIv = generator.generateDerivedParameters(192, 64);
        Arrays.fill(passwordBytes, (byte) 0);
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                new PKCS12PBEParams(salt, iterations));
        return encryptor(algorithm, CBCBlockCipher.newInstance(new DESedeEngine()), keyAndIv);
    }

    private static OutputEncryptor encryptor(AlgorithmIdentifier algorithm,
                                             BlockCipher cbc, CipherParameters parameters) {
        return new OutputEncryptor() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream(OutputStream out) {
                BufferedBlockCipher cipher = new PaddedBufferedBlockCipher(cbc, new PKCS7Padding());
                cipher.init(true, parameters);
                return new CipherOutputStream(out, cipher);
            }

            @Override
            public GenericKey getKey() {
                return new GenericKey(algorithm, keyBytes(parameters));
            }
        };
    }

    private static byte[] keyBytes(CipherParameters parameters) {
        CipherParameters inner = parameters instanceof ParametersWithIV withIv ? withIv.getParameters() : parameters;
        return ((KeyParameter) inner).getKey();
    }
}
