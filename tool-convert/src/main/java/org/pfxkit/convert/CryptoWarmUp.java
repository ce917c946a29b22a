package org.pfxkit.convert;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

import org.pfxkit.cli.StartupWarmUp;

/**
 * The conversion's cryptography run once on throw-away input, on the second core, while the main thread is busy with
 * picocli (about a third of a conversion's time, single-threaded). Most of a conversion's own time is six
 * password-based key derivations of 2,048 iterations each, three with BouncyCastle (building) and three with the
 * JDK's SunJCE (the self-check), and in a fresh JVM the first derivation of each kind runs interpreted until the JIT
 * has compiled SHA-256: measured here, 39 ms for BouncyCastle's first PBKDF2-HMAC-SHA256 and 4 ms for the next; the
 * JDK's first 112 ms (with provider set-up) and 9 ms for the next. Done here first, the real ones find compiled code
 * and initialised providers.
 *
 * <p>Nothing here affects the result: the inputs are constants and the outputs are dropped. Run by
 * {@link org.pfxkit.cli.StartupWarmUp}, which ignores a failure (the real code meets it again and reports it).
 */
final class CryptoWarmUp {
    private static final int ITERATIONS = 256;
    private static final char[] PASSWORD = "warm-up".toCharArray();
    private static final byte[] SALT = new byte[8];
    private static final byte[] IV = new byte[16];

    private CryptoWarmUp() {
    }

    /** The step: reading's certificate and key factories, then the building's and the self-check's crypto. */
    static StartupWarmUp.Step step() {
        return new StartupWarmUp.Step() {
            @Override
            public void run() throws GeneralSecurityException {
                CertificateFactory.getInstance("X.509");
                KeyFactory.getInstance("RSA");
                jdk();
            }
        };
    }

    /**
     * What the JDK's PKCS12 KeyStore does in {@link JdkCheck} (sun.security.pkcs12.PKCS12KeyStore, engineLoad and
     * engineGetKey): PBES2 parameters, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC for both bags, the PKCS#12 key
     * derivation with SHA-256 for the MAC. Most of the first call's time is the SunJCE provider's set-up.
     */
    private static void jdk() throws GeneralSecurityException {
        KeyStore.getInstance("PKCS12");
        AlgorithmParameters.getInstance("PBES2");
        SecretKey pbeKey = SecretKeyFactory.getInstance("PBE").generateSecret(new PBEKeySpec(PASSWORD));
        Cipher pbes2 = Cipher.getInstance("PBEWithHmacSHA256AndAES_256");
        pbes2.init(Cipher.ENCRYPT_MODE, pbeKey, new PBEParameterSpec(SALT, ITERATIONS, new IvParameterSpec(IV)));
        pbes2.doFinal(new byte[16]);
        Mac mac = Mac.getInstance("HmacPBESHA256");
        mac.init(pbeKey, new PBEParameterSpec(SALT, ITERATIONS));
        mac.doFinal(SALT);
    }
}
