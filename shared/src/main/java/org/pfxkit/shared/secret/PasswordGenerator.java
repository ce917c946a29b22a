package org.pfxkit.shared.secret;

import java.security.SecureRandom;

/** Strong random passwords for generated {@code .pwd} files. */
public final class PasswordGenerator {
    // No look-alike characters (0/O, 1/l/I) and nothing a shell or a Windows batch file would interpret.
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordGenerator() {
    }

    /** 24 characters from a 57-letter alphabet: about 140 bits of entropy. */
    public static char[] strong() {
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return password;
    }
}
