package org.pfxkit.cli;

import java.security.Security;
import java.util.concurrent.CountDownLatch;

/**
 * Moves SunJCE ahead of SunEC and SunJSSE in a short-lived tool's own JCA provider list, before the list is first
 * used. JDK 17's java.security lists SUN, SunRsaSign, SunEC, SunJSSE, SunJCE in that order, and the JCA instantiates
 * each provider in turn until one offers the algorithm asked for; a lookup without a provider name (the JDK's own
 * PKCS12 KeyStore asks for "PBES2", "PBE", "PBEWithHmacSHA256AndAES_256", "HmacPBESHA256" that way) therefore
 * sets up SunEC, whose table of named curves ({@code sun.security.util.CurveDB}) costs more than the PBE work, and
 * SunJSSE, and finds SunEC through a ServiceLoader walk that instantiates other providers on the way (SunPKCS11,
 * JdkSASL, XMLDSig). With SunJCE third, converting an RSA key never loads SunEC (docs/performance.md).
 *
 * <p>No algorithm changes provider: SunJCE offers none of SunEC's or SunJSSE's algorithms (EC, XDH, EdDSA; TLS
 * contexts and key managers), so every lookup finds the same implementation as before, only sooner or without the
 * others. A list other than the JDK's default (a FIPS set-up, a site's java.security) is left as it is.
 */
public final class ProviderOrder {
    private static final String[] JDK_DEFAULT_HEAD = {"SUN", "SunRsaSign", "SunEC", "SunJSSE", "SunJCE"};
    private static final String[] SUN_JCE_THIRD = {"SUN", "SunRsaSign", "SunJCE", "SunEC", "SunJSSE"};

    private static final CountDownLatch SETTLED = new CountDownLatch(1);
    private static volatile boolean settling;

    private ProviderOrder() {
    }

    /**
     * {@link #sunJceBeforeSunEc()} as the first step of a {@link StartupWarmUp} thread, for a main thread that calls
     * {@link #awaitSettled()} before its first use of the JCA. Setting a security property records a security event,
     * and the first one sets up the JDK's platform logging (a class-path scan for logger back-ends: 15 ms), which the
     * first certificate parsed would need anyway; on the warm-up thread it overlaps picocli's start on the main one.
     */
    public static StartupWarmUp.Step settleInBackground() {
        settling = true;
        return new StartupWarmUp.Step() {
            @Override
            public void run() {
                try {
                    sunJceBeforeSunEc();
                } finally {
                    SETTLED.countDown();
                }
            }
        };
    }

    /** Returns once the step of {@link #settleInBackground()} has run (at once when there is none). */
    public static void awaitSettled() {
        if (!settling) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                SETTLED.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Call first thing in {@code main}, before any thread uses the JCA: the list is read from the security properties
     * once, on first use, and never again. Returns whether the order was changed.
     */
    public static boolean sunJceBeforeSunEc() {
        for (int i = 0; i < JDK_DEFAULT_HEAD.length; i++) {
            if (!JDK_DEFAULT_HEAD[i].equals(Security.getProperty(key(i)))) {
                return false;
            }
        }
        for (int i = 0; i < SUN_JCE_THIRD.length; i++) {
            Security.setProperty(key(i), SUN_JCE_THIRD[i]);
        }
        return true;
    }

    private static String key(int index) {
        return "security.provider." + (index + 1);
    }
}
