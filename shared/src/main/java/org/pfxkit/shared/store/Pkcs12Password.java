package org.pfxkit.shared.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One way of turning the user's password into the bytes a PKCS#12 file was protected with. RFC 7292 appendix B.1
 * feeds its KDF (MAC keys, pbeWithSHAAnd* ciphers) the password as a BMPString with two trailing zero bytes; PBES2 and
 * PBMAC1 (RFC 8018, RFC 9579) feed PBKDF2 the password's UTF-8 bytes.
 *
 * <p>The empty password has two encodings in the wild: openssl, the JDK and pyca write the BMP empty string {@code
 * 00 00}; Windows (the "NULL password" of {@code PFXExportCertStoreEx}) and BouncyCastle a zero-length one. A reader
 * must try both, as .NET's UnixPkcs12Reader.VerifyAndDecrypt does (dotnet/runtime, "try empty first, then null").
 * The holder zeroes its bytes on {@link #close()}.
 */
final class Pkcs12Password implements AutoCloseable {
    private final byte[] bmp;
    private final byte[] utf8;
    private final String form;

    private Pkcs12Password(byte[] bmp, byte[] utf8, String form) {
        this.bmp = bmp;
        this.utf8 = utf8;
        this.form = form;
    }

    /** The encodings to try for this password, most common first. The caller zeroes {@code password}. */
    static List<Pkcs12Password> candidates(char[] password) {
        if (password.length == 0) {
            return List.of(new Pkcs12Password(new byte[2], new byte[0], "the BMP empty string (00 00)"),
                    new Pkcs12Password(new byte[0], new byte[0], "the zero-length (NULL) password"));
        }
        byte[] bmp = new byte[password.length * 2 + 2];
        for (int i = 0; i < password.length; i++) {
            bmp[2 * i] = (byte) (password[i] >>> 8);
            bmp[2 * i + 1] = (byte) password[i];
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] utf8 = new byte[encoded.remaining()];
        encoded.get(utf8);
        Arrays.fill(encoded.array(), (byte) 0);
        return List.of(new Pkcs12Password(bmp, utf8, "the password"));
    }

    /** RFC 7292 B.1 input: BMPString plus 00 00, or zero bytes for the NULL form. */
    byte[] bmp() {
        return bmp;
    }

    /** PBKDF2 input (PBES2, PBMAC1). */
    byte[] utf8() {
        return utf8;
    }

    /** Which encoding this is, for messages; never the secret. */
    String form() {
        return form;
    }

    @Override
    public void close() {
        Arrays.fill(bmp, (byte) 0);
        Arrays.fill(utf8, (byte) 0);
    }

    static void closeAll(List<Pkcs12Password> passwords) {
        if (passwords != null) {
            passwords.forEach(Pkcs12Password::close);
        }
    }
}
