package org.pfxkit.shared.store;

/**
 * How {@link PfxWriter} builds a file.
 *
 * @param profile      the encryption and MAC profile
 * @param iterations   the iteration count of every key derivation and of the MAC, or {@link #BY_PASSWORD}
 * @param friendlyName the alias on the key and the leaf; null means the leaf's CN (no name when it has none)
 * @param cspName      the Microsoft CSP name put on the key bag, or null for none
 * @param includeChain false writes only the leaf certificate
 */
public record PfxOptions(Profile profile, int iterations, String friendlyName, String cspName, boolean includeChain) {
    /** openssl 3's count, kept for the generated 140-bit password, which no guessing can reach anyway. */
    public static final int DEFAULT_ITERATIONS = 2048;
    /** The JDK keytool's PBKDF2 default: a password a person chose is guessable, so each guess costs more. */
    public static final int USER_PASSWORD_ITERATIONS = 10_000;
    /** No --iterations given: {@link #DEFAULT_ITERATIONS} or {@link #USER_PASSWORD_ITERATIONS} by the password. */
    public static final int BY_PASSWORD = 0;
    /**
     * What pfxkit's own readers can open again: their work budget per file covers the MAC twice (both encodings of
     * an empty password) and the two bags.
     */
    public static final int MAX_ITERATIONS = (int) (org.pfxkit.shared.pem.WorkBudget.MAX_ITERATIONS / 4);

    /**
     * The provider Schannel needs to sign TLS 1.2 handshakes with SHA-256 for an RSA key: the older "Microsoft
     * Strong/Base Cryptographic Provider" cannot make SHA-256 signatures (Microsoft, "Cryptographic Provider Types";
     * KB 2986948).
     */
    public static final String ENHANCED_RSA_AES_CSP = "Microsoft Enhanced RSA and AES Cryptographic Provider";

    public PfxOptions {
        java.util.Objects.requireNonNull(profile, "profile");
        if (iterations < BY_PASSWORD || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1.." + MAX_ITERATIONS + ", not " + iterations);
        }
    }

    /** These options with {@link #BY_PASSWORD} settled for a generated or a user-chosen password. */
    public PfxOptions forPassword(boolean generated) {
        return iterations != BY_PASSWORD ? this : new PfxOptions(profile,
                generated ? DEFAULT_ITERATIONS : USER_PASSWORD_ITERATIONS, friendlyName, cspName, includeChain);
    }

    /** openssl 3's defaults, a chain included, the leaf's CN as the name, no CSP name. */
    public static PfxOptions defaults() {
        return new PfxOptions(Profile.MODERN, DEFAULT_ITERATIONS, null, null, true);
    }

    /** "aes" (any case) stands for {@link #ENHANCED_RSA_AES_CSP}; anything else is taken as the provider's name. */
    public static String cspName(String shorthandOrName) {
        return "aes".equalsIgnoreCase(shorthandOrName.trim()) ? ENHANCED_RSA_AES_CSP : shorthandOrName;
    }
}
