package org.pfxkit.shared.pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

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
 * provider), PBES2 with PBKDF2 (every PRF) by {@link JcePKCSPBEInputDecryptorProviderBuilder}, PBES2 with scrypt and
 * PBES1 by {@link JceOpenSSLPKCS8DecryptorProviderBuilder}, both on {@link BouncyCastle#provider()}. What stays ours:
 * which password encodings to try, the work budget, and one adapter (PBES2 with the empty password, below).
 */
public final class PbeDecryption {
    /** Turns decrypted bytes into the expected object; throws on bytes that are not one (a wrong password). */
    public interface Parser<T> {
        T parse(byte[] plain) throws IOException;
    }

    private PbeDecryption() {
    }

    /**
     * Decrypts {@code data} and parses it, trying every encoding the password may have been written with; null when
     * none gives a parsable result (the password is wrong). Each attempt is charged to {@code budget} first.
     */
    public static <T> T decrypt(AlgorithmIdentifier scheme, byte[] data, char[] password, Parser<T> parser,
                                WorkBudget budget, String what) throws PfxkitException {
        ASN1ObjectIdentifier oid = scheme.getAlgorithm();
        boolean pbes2 = PKCSObjectIdentifiers.id_PBES2.equals(oid);
        if (!pbes2 && !oid.on(PKCSObjectIdentifiers.pkcs_12PbeIds) && !oid.on(PKCSObjectIdentifiers.pkcs_5)) {
            throw new PfxkitException(Problem.UNSUPPORTED_ALGORITHM, what + " is encrypted with "
                    + Oids.name(oid.getId()) + ", which pfxkit does not read",
                    "encrypt it again with AES-256 (openssl pkcs8 -topk8 -v2 aes256, or openssl pkcs12 -export "
                            + "without -legacy)");
        }
        boolean scrypt = pbes2 && MiscObjectIdentifiers.id_scrypt.equals(
                PBES2Parameters.getInstance(scheme.getParameters()).getKeyDerivationFunc().getAlgorithm());
        if (pbes2 && !scrypt && password.length == 0) {
            budget.spend(scheme, what);
            try {
                return parser.parse(jdkEmptyPasswordPbes2(scheme, data));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                return null;
            }
        }
        for (InputDecryptorProvider decryptor : decryptors(oid, pbes2 && !scrypt, password)) {
            budget.spend(scheme, what);
            byte[] plain = null;
            try {
                plain = Streams.readAll(decryptor.get(scheme).getInputStream(new ByteArrayInputStream(data)));
                return parser.parse(plain);
            } catch (IOException | org.bouncycastle.operator.OperatorCreationException | RuntimeException e) {
                // Bad padding, or bytes that are no DER: not the encoding the file was written with.
            } finally {
                if (plain != null) {
                    java.util.Arrays.fill(plain, (byte) 0);
                }
            }
        }
        return null;
    }

    /**
     * Most common first. PKCS#12 PBE: the empty password is the zero-length string (BouncyCastle, Windows) or the BMP
     * 00 00 of RFC 7292 B.1 (openssl, the JDK); bcpkix's "wrong PKCS#12 zero" option gives the latter. PBES2: openssl
     * feeds PBKDF2 the UTF-8 bytes (as the PKCS builder does), BouncyCastle's and old Java writers one byte per
     * character with HMAC-SHA1 (as the OpenSSL builder does): only a password beyond ASCII tells them apart.
     */
    private static List<InputDecryptorProvider> decryptors(ASN1ObjectIdentifier oid, boolean pbkdf2, char[] pw) {
        List<InputDecryptorProvider> result = new ArrayList<>(2);
        if (oid.on(PKCSObjectIdentifiers.pkcs_12PbeIds)) {
            result.add(new BcPKCS12PBEInputDecryptorProviderBuilder().build(pw));
            result.add(new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(BouncyCastle.provider())
                    .setTryWrongPKCS12Zero(pw.length == 0).build(pw));
            return result;
        }
        if (pbkdf2) {
            result.add(new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(BouncyCastle.provider()).build(pw));
            if (StandardCharsets.US_ASCII.newEncoder().canEncode(CharBuffer.wrap(pw))) {
                return result;
            }
        }
        try {
            result.add(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.provider()).build(pw));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            // Not thrown by this builder (it only stores the password); nothing more to try.
        }
        return result;
    }

    /**
     * PBES2 with the empty password, which openssl writes ('-passout pass:'): BouncyCastle's PBKDF2 refuses an empty
     * password ("password empty") and bcpkix's builder on the JDK's provider cannot key its AES with the PBKDF2 key
     * (OpensslInteropTest shows all three failing), so this one case goes through the JDK's PBES2 cipher.
     */
    private static byte[] jdkEmptyPasswordPbes2(AlgorithmIdentifier scheme, byte[] data)
            throws IOException, GeneralSecurityException {
        AlgorithmParameters params = AlgorithmParameters.getInstance("PBES2");
        params.init(scheme.getParameters().toASN1Primitive().getEncoded());
        String name = params.toString(); // SunJCE names the combination, e.g. PBEWithHmacSHA256AndAES_256
        Cipher cipher = Cipher.getInstance(name);
        cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(name).generateSecret(new PBEKeySpec(new char[0])),
                params);
        return cipher.doFinal(data);
    }
}
