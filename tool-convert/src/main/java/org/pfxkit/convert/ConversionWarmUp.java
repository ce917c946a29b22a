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

import org.bouncycastle.asn1.x500.X500Name;
import org.pfxkit.cli.StartupWarmUp;

/**
 * What a conversion initialises and compiles on first use, done once on throw-away input on the second core while the
 * main thread starts picocli and reads the files. A fresh JVM otherwise pays for each of these the first time, on the
 * main thread (measured with async-profiler, docs/performance.md; {@link #step()} says in which order they run): the
 * JDK's platform logging, which the first certificate parsed sets up ({@code CertificateFactory} records a security
 * event through {@code jdk.internal.event.EventHelper}, 11 ms); BouncyCastle's X.500 name styles (5 ms); the SunJCE
 * provider and the PBKDF2-HMAC-SHA256 code that building the PFX and the JDK's self-check both run, whose first
 * derivation otherwise runs interpreted (the JDK's first of 2,048 iterations: 112 ms with the provider's set-up; the
 * next: 9 ms); and the summary's date format.
 *
 * <p>Nothing here affects the result: the inputs are constants and the outputs are dropped. Run by
 * {@link org.pfxkit.cli.StartupWarmUp}, which ignores a failure (the real code meets it again and reports it).
 */
final class ConversionWarmUp {
    private static final int ITERATIONS = 256;
    private static final char[] PASSWORD = "warm-up".toCharArray();
    private static final byte[] SALT = new byte[8];
    private static final byte[] IV = new byte[16];

    private ConversionWarmUp() {
    }

    /**
     * The step. SunJCE first, although reading the files comes before building the PFX: it is the longest to set up,
     * and three threads need it at once when the build starts (measured: 7 to 11 ms less wall time than in the
     * conversion's own order, medians of 40 runs).
     */
    static StartupWarmUp.Step step() {
        return new StartupWarmUp.Step() {
            @Override
            public void run() throws GeneralSecurityException, ClassNotFoundException {
                jdk();
                System.getLogger("jdk.event.security").isLoggable(System.Logger.Level.DEBUG);
                CertificateFactory.getInstance("X.509");
                KeyFactory.getInstance("RSA");
                X500Name.getDefaultStyle();
                Class.forName(Summary.class.getName());
            }
        };
    }

    /**
     * What building the PFX ({@code PbeEncryption}, {@code PfxMac}) and the JDK's PKCS12 KeyStore in {@link JdkCheck}
     * (sun.security.pkcs12.PKCS12KeyStore, engineLoad and engineGetKey) both run in SunJCE: PBES2 parameters, PBES2
     * with PBKDF2-HMAC-SHA256 and AES-256-CBC, the PKCS#12 key derivation with SHA-256 for the MAC. Most of the first
     * call's time is the SunJCE provider's set-up.
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
