package org.pfxkit.shared.store;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JceGenericKey;

/**
 * The two password-based encryptions a PFX bag gets, computed by the JDK's SunJCE provider and laid out (ASN.1) by
 * BouncyCastle. The JDK rather than BouncyCastle's lightweight classes because the self-check (pfxconvert's JdkCheck)
 * runs the same derivations in SunJCE right after: one set of classes to load and one SHA-256 to compile instead of
 * two, and BouncyCastle's crypto registry, which sets up java.util.logging when first touched, is never loaded
 * (docs/performance.md). The password bytes are the ones openssl uses: UTF-8 for PBKDF2 (RFC 8018), and for the
 * PKCS#12 derivation the BMP string with its two-byte terminator (RFC 7292 appendix B.1), so the empty password is
 * {@code 00 00}, as SunJCE's {@code PKCS12PBECipherCore.derive} encodes it.
 */
public final class PbeEncryption {
    /** openssl 3 uses an 8-byte salt for every PBE and for the MAC (PKCS5_SALT_LEN in crypto/evp/evp_local.h). */
    static final int SALT_LENGTH = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PbeEncryption() {
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
    public static OutputEncryptor pbes2Aes256(char[] password, int iterations) {
        byte[] salt = salt();
        byte[] iv = random(16);
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            AlgorithmIdentifier prf = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256,
                    DERNull.INSTANCE);
            KeyDerivationFunc kdf = new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2,
                    new PBKDF2Params(salt, iterations, prf));
            EncryptionScheme scheme = new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC,
                    new DEROctetString(iv));
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2,
                    new PBES2Parameters(kdf, scheme));
            SecretKeySpec key = new SecretKeySpec(derived, "AES");
            Arrays.fill(derived, (byte) 0); // the spec holds its own copy
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            return new JdkEncryptor(algorithm, cipher, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2-HMAC-SHA256 or AES-256-CBC is not available in this Java runtime",
                    e);
        }
    }

    /**
     * pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292 appendix C): key and IV from the PKCS#12 key derivation (appendix B)
     * with SHA-1, over the BMP password. The password must be ASCII, which the caller has checked.
     */
    static OutputEncryptor pkcs12TripleDes(char[] password, int iterations) {
        byte[] salt = salt();
        try {
            PBEKeySpec spec = new PBEKeySpec(password);
            SecretKey key = SecretKeyFactory.getInstance("PBEWithSHA1AndDESede").generateSecret(spec);
            spec.clearPassword();
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(
                    PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC, new PKCS12PBEParams(salt, iterations));
            Cipher cipher = Cipher.getInstance("PBEWithSHA1AndDESede");
            cipher.init(Cipher.ENCRYPT_MODE, key, new PBEParameterSpec(salt, iterations));
            return new JdkEncryptor(algorithm, cipher, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBE with SHA-1 and 3DES is not available in this Java runtime", e);
        }
    }

    /**
     * bcpkix's encryptor interface over a JDK cipher initialised at once, so that the key derivation happens where
     * the encryptor is made (on the derivation threads of {@link PfxWriter}), not where its stream is opened.
     */
    private record JdkEncryptor(AlgorithmIdentifier algorithm, Cipher cipher, SecretKey key)
            implements OutputEncryptor {
        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public OutputStream getOutputStream(OutputStream out) {
            return new CipherOutputStream(out, cipher);
        }

        /** The JDK key the cipher was made with (the derived AES key; for 3DES, the password-based key). */
        @Override
        public GenericKey getKey() {
            return new JceGenericKey(algorithm, key);
        }
    }
}
