package org.pfxkit.shared.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * How a PFX is protected. The two profiles are the two that importers in the field accept: openssl 3's defaults, and
 * the older scheme that Windows Server 2016 and Java 8 before 8u301 still need.
 */
public enum Profile {
    /**
     * openssl 3's {@code pkcs12 -export} defaults: key and certificates PBES2 (RFC 8018) with AES-256-CBC and
     * PBKDF2-HMAC-SHA256, MAC HMAC-SHA256 (RFC 7292 appendix B key derivation).
     */
    MODERN("AES-256-CBC, PBKDF2-HMAC-SHA256", "SHA-256"),
    /**
     * pbeWithSHA1And3-KeyTripleDES-CBC (RFC 7292 appendix C) for the key and the certificates, MAC HMAC-SHA1: what
     * Windows Server 2016 and older and Java 8 before 8u301 can open.
     */
    LEGACY("pbeWithSHA1And3-KeyTripleDES-CBC", "SHA-1");

    private final String encryption;
    private final String mac;

    Profile(String encryption, String mac) {
        this.encryption = encryption;
        this.mac = mac;
    }

    /** The encryption of the key and certificate bags, as a person reads it. */
    public String encryption() {
        return encryption;
    }

    /** The MAC's digest, as a person reads it. */
    public String mac() {
        return mac;
    }

    /** The name used on the command line and in JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every profile's {@link #label()} as picocli's completion candidates: lowercase, as the docs write them. */
    public static final class Labels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(Profile::label).iterator();
        }
    }
}
