package org.pfxkit.convert;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * PEM text (RFC 7468) built as bytes, so that a private key's PEM can be zeroed after writing; a String cannot be.
 */
final class PemText {
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private PemText() {
    }

    /** One block; the DER is zeroed when {@code secret}, and so is every intermediate copy. */
    static byte[] block(String type, byte[] der, boolean secret) {
        byte[] body = BASE64.encode(der);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 80);
        out.writeBytes(("-----BEGIN " + type + "-----\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.writeBytes(("\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII));
        if (secret) {
            Arrays.fill(body, (byte) 0);
            Arrays.fill(der, (byte) 0);
        }
        // toByteArray copies; the stream's own buffer is dropped with it (ByteArrayOutputStream offers no wipe).
        return out.toByteArray();
    }
}
