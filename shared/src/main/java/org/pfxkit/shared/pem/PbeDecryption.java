package org.pfxkit.shared.pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.util.io.Streams;
import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * Password-based decryption for encrypted keys and PKCS#12 contents, done by bcpkix: the PKCS#12 PBE schemes of RFC
 * 7292 appendix C (RC2-40 and 3DES included) by {@link BcPKCS12PBEInputDecryptorProviderBuilder} (lightweight, no
 * provider), PBES2 with PBKDF2 by the JDK's PBES2 cipher where SunJCE has the combination ({@link JdkPbes2}, below)
 * and else by {@link JcePKCSPBEInputDecryptorProviderBuilder}, PBES2 with scrypt and PBES1 by
 * {@link JceOpenSSLPKCS8DecryptorProviderBuilder}, both on {@link BouncyCastle#provider()}. What stays ours: which
 * password encodings to try, the work budget, and which of the two does PBES2.
 */
public final class PbeDecryption {
    private PbeDecryption() {
    }

    /**
     * Decrypts {@code data} and parses it, trying every encoding the password may have been written with; null when
     * none gives a parsable result (the password is wrong). Each attempt is charged to {@code budget} first.
     */
    public static <T> T decrypt(AlgorithmIdentifier scheme, byte[] data, char[] password, Function<byte[], T> parser,
                                WorkBudget budget, String what) throws PfxkitException {
        ASN1ObjectIdentifier oid = scheme.getAlgorithm();
        boolean pbes2 = PKCSObjectIdentifiers.id_PBES2.equals(oid);
        if (!pbes2 && !oid.on(PKCSObjectIdentifiers.pkcs_12PbeIds) && !oid.on(PKCSObjectIdentifiers.pkcs_5)) {
            throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, what + " is encrypted with "
                    + Oids.name(oid.getId()) + ", which pfxkit does not read",
                    "encrypt it again with AES-256 (openssl pkcs8 -topk8 -v2 aes256, or openssl pkcs12 -export "
                            + "without -legacy)");
        }
        for (Callable<byte[]> decryption : decryptions(scheme, pbes2, data, password)) {
            budget.spend(scheme, what);
            T result = attempt(decryption, parser);
            if (result != null) {
                return result;
            }
        }
        return null;
    }

    /**
     * One decryption and its parse; null when either fails (bad padding, or bytes that are no DER: not the key or
     * encoding the file was written with). The decrypted bytes are zeroed.
     */
    private static <T> T attempt(Callable<byte[]> decryption, Function<byte[], T> parser) {
        byte[] plain = null;
        try {
            plain = decryption.call();
            return parser.apply(plain);
        } catch (Exception notThisOne) {
            return null;
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * Most common first; each made only when tried, so BouncyCastle's provider is made only when needed. PKCS#12 PBE:
     * the empty password is the zero-length string (BouncyCastle, Windows) or the BMP 00 00 of RFC 7292 B.1 (openssl,
     * the JDK); bcpkix's "wrong PKCS#12 zero" option gives the latter. PBES2 with PBKDF2: openssl feeds PBKDF2 the
     * UTF-8 bytes (as the JDK and the PKCS builder do), BouncyCastle's and old Java writers one byte per character
     * with HMAC-SHA1 (as the OpenSSL builder does): only a password beyond ASCII tells them apart, so an ASCII one
     * gets the first alone, the one encoding openssl, keytool and Windows use.
     */
    private static List<Callable<byte[]>> decryptions(AlgorithmIdentifier scheme, boolean pbes2, byte[] data,
                                                      char[] pw) {
        if (scheme.getAlgorithm().on(PKCSObjectIdentifiers.pkcs_12PbeIds)) {
            return List.of(() -> bcpkix(new BcPKCS12PBEInputDecryptorProviderBuilder().build(pw), scheme, data),
                    () -> bcpkix(new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(BouncyCastle.provider())
                            .setTryWrongPKCS12Zero(pw.length == 0).build(pw), scheme, data));
        }
        Callable<byte[]> oneBytePerChar = () -> bcpkix(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                .setProvider(BouncyCastle.provider()).build(pw), scheme, data);
        if (!pbes2 || MiscObjectIdentifiers.id_scrypt.equals(
                PBES2Parameters.getInstance(scheme.getParameters()).getKeyDerivationFunc().getAlgorithm())) {
            return List.of(oneBytePerChar);
        }
        JdkPbes2 jdk = JdkPbes2.of(scheme);
        Callable<byte[]> utf8 = jdk != null ? () -> jdk.decrypt(data, pw)
                : () -> bcpkix(new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(BouncyCastle.provider())
                        .build(pw), scheme, data);
        return isAscii(pw) ? List.of(utf8) : List.of(utf8, oneBytePerChar);
    }

    private static byte[] bcpkix(InputDecryptorProvider decryptor, AlgorithmIdentifier scheme, byte[] data)
            throws Exception {
        return Streams.readAll(decryptor.get(scheme).getInputStream(new ByteArrayInputStream(data)));
    }

    private static boolean isAscii(char[] pw) {
        return StandardCharsets.US_ASCII.newEncoder().canEncode(CharBuffer.wrap(pw));
    }

    /**
     * PBES2 with PBKDF2 by the JDK's own PBES2 cipher (SunJCE names the combination, e.g.
     * PBEWithHmacSHA256AndAES_256), for what openssl, keytool and Windows write. Two reasons. BouncyCastle's provider,
     * which bcpkix's builder needs for PBES2, registers its whole catalogue when it is made: a certfind run on a keytool
     * store takes 16 % longer through it (docs/performance.md). And the empty password, which openssl writes
     * ('-passout pass:'), fails in BouncyCastle's PBKDF2 ("password empty"), while bcpkix's builder on the JDK's
     * provider cannot key its AES with the JDK's PBKDF2 key (OpensslInteropTest shows all three failing). A PRF or
     * cipher SunJCE lacks goes to bcpkix on BouncyCastle's provider.
     */
    private record JdkPbes2(AlgorithmParameters parameters, Cipher cipher, SecretKeyFactory keys) {
        /** The JDK's cipher for this scheme, or null when the JDK has no such combination. */
        static JdkPbes2 of(AlgorithmIdentifier scheme) {
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("PBES2");
                parameters.init(scheme.getParameters().toASN1Primitive().getEncoded());
                String name = parameters.toString();
                return new JdkPbes2(parameters, Cipher.getInstance(name), SecretKeyFactory.getInstance(name));
            } catch (IOException | GeneralSecurityException | RuntimeException notInTheJdk) {
                return null;
            }
        }

        /** Derives the key (the work the budget was charged for) and decrypts. */
        byte[] decrypt(byte[] data, char[] password) throws GeneralSecurityException {
            PBEKeySpec spec = new PBEKeySpec(password);
            try {
                cipher.init(Cipher.DECRYPT_MODE, keys.generateSecret(spec), parameters);
            } finally {
                spec.clearPassword();
            }
            return cipher.doFinal(data);
        }
    }
}
