package org.pfxkit.shared.pem;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The password-to-key functions of the key formats, on the JDK's digests: PBKDF2 (RFC 8018 5.2), PBKDF1 (RFC 8018
 * 5.1, for PBES1), the PKCS#12 KDF (RFC 7292 appendix B.2) and OpenSSL's EVP_BytesToKey (crypto/evp/evp_key.c, used by
 * the "Proc-Type: 4,ENCRYPTED" PEM headers).
 */
final class PasswordKdf {
    /** RFC 7292 B.3: the ID byte selects key material (1), IV (2) or MAC key (3). */
    static final int PKCS12_KEY = 1;
    static final int PKCS12_IV = 2;

    private PasswordKdf() {
    }

    /**
     * PBKDF2 (RFC 8018 5.2) over the JDK's HMAC, on password bytes as given: openssl takes the bytes typed (UTF-8),
     * while BouncyCastle and Java's older writers use one byte per character with HMAC-SHA1, so the caller chooses.
     */
    static byte[] pbkdf2(String hmac, byte[] password, byte[] salt, int iterations, int keyLength)
            throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmac);
        // A SecretKeySpec cannot be empty, yet the empty password is legal: a bare SecretKey can.
        mac.init(new SecretKey() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getAlgorithm() {
                return hmac;
            }

            @Override
            public String getFormat() {
                return "RAW";
            }

            @Override
            public byte[] getEncoded() {
                return password.clone();
            }
        });
        int hLen = mac.getMacLength();
        byte[] out = new byte[keyLength];
        byte[] u = new byte[hLen];
        byte[] t = new byte[hLen];
        for (int block = 1, done = 0; done < keyLength; block++, done += hLen) {
            mac.update(salt);
            mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            mac.doFinal(u, 0);
            System.arraycopy(u, 0, t, 0, hLen);
            for (int i = 1; i < iterations; i++) {
                mac.update(u);
                mac.doFinal(u, 0);
                for (int k = 0; k < hLen; k++) {
                    t[k] ^= u[k];
                }
            }
            System.arraycopy(t, 0, out, done, Math.min(hLen, keyLength - done));
        }
        Arrays.fill(u, (byte) 0);
        Arrays.fill(t, (byte) 0);
        return out;
    }

    /** One byte per character (the low 8 bits), as PKCS5PasswordToBytes in BouncyCastle and old Java code. */
    static byte[] latin1(char[] password) {
        byte[] bytes = new byte[password.length];
        for (int i = 0; i < password.length; i++) {
            bytes[i] = (byte) password[i];
        }
        return bytes;
    }

    static boolean isAscii(char[] password) {
        for (char c : password) {
            if (c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** PBKDF1: T = Hash^c(P || S); PBES1 takes the DES/RC2 key from bytes 0-7 and the IV from bytes 8-15. */
    static byte[] pbkdf1(String digest, char[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance(digest);
        byte[] p = utf8(password);
        try {
            md.update(p);
            md.update(salt);
            byte[] t = md.digest();
            for (int i = 1; i < iterations; i++) {
                t = md.digest(t);
            }
            return t;
        } finally {
            Arrays.fill(p, (byte) 0);
        }
    }

    /**
     * The PKCS#12 KDF (RFC 7292 B.2) over SHA-1, the only hash the PKCS#12 PBE schemes (RFC 7292 appendix C) use. The
     * password is given as {@link #bmp BMPString bytes}.
     */
    static byte[] pkcs12(byte[] pw, byte[] salt, int iterations, int id, int length)
            throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        int u = 20;
        int v = 64;
        byte[] d = new byte[v];
        Arrays.fill(d, (byte) id);
        byte[] s = repeat(salt, v);
        byte[] p = repeat(pw, v);
        byte[] i = new byte[s.length + p.length];
        System.arraycopy(s, 0, i, 0, s.length);
        System.arraycopy(p, 0, i, s.length, p.length);
        byte[] out = new byte[length];
        byte[] b = new byte[v];
        for (int done = 0; done < length; done += u) {
            md.update(d);
            md.update(i);
            byte[] a = md.digest();
            for (int r = 1; r < iterations; r++) {
                a = md.digest(a);
            }
            System.arraycopy(a, 0, out, done, Math.min(u, length - done));
            for (int k = 0; k < v; k++) {
                b[k] = a[k % u];
            }
            for (int j = 0; j < i.length; j += v) {
                int carry = 1;
                for (int k = v - 1; k >= 0; k--) {
                    int sum = (i[j + k] & 0xff) + (b[k] & 0xff) + carry;
                    i[j + k] = (byte) sum;
                    carry = sum >>> 8;
                }
            }
        }
        Arrays.fill(p, (byte) 0);
        Arrays.fill(i, (byte) 0);
        return out;
    }

    /** EVP_BytesToKey with MD5 and one iteration: D_i = MD5(D_(i-1) || password || salt), as PEM_do_header uses it. */
    static byte[] evpBytesToKey(char[] password, byte[] salt, int length) throws GeneralSecurityException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] p = utf8(password);
        byte[] out = new byte[length];
        byte[] previous = new byte[0];
        try {
            for (int done = 0; done < length; done += previous.length) {
                md5.update(previous);
                md5.update(p);
                md5.update(salt, 0, 8);
                previous = md5.digest();
                System.arraycopy(previous, 0, out, done, Math.min(previous.length, length - done));
            }
            return out;
        } finally {
            Arrays.fill(p, (byte) 0);
        }
    }

    /**
     * The password as RFC 7292 B.1 wants it: big-endian UTF-16 with two zero bytes at the end. The empty password is
     * written two ways in the wild (openssl and the JDK: "00 00"; Windows and BouncyCastle: zero bytes), so callers
     * try both when it is empty.
     */
    static byte[] bmp(char[] password, boolean terminator) {
        if (password.length == 0 && !terminator) {
            return new byte[0];
        }
        byte[] pw = new byte[password.length * 2 + 2];
        for (int i = 0; i < password.length; i++) {
            pw[2 * i] = (byte) (password[i] >>> 8);
            pw[2 * i + 1] = (byte) password[i];
        }
        return pw;
    }

    static byte[] utf8(char[] password) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    /** RFC 7292 B.2 steps 2-3: the input repeated to fill a multiple of v bytes (empty stays empty). */
    private static byte[] repeat(byte[] input, int v) {
        if (input.length == 0) {
            return input;
        }
        byte[] out = new byte[v * ((input.length + v - 1) / v)];
        for (int k = 0; k < out.length; k++) {
            out[k] = input[k % input.length];
        }
        return out;
    }
}
