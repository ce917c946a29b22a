package org.pfxkit.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A TLS 1.3 ClientHello built byte by byte (RFC 8446 section 4.1.2), with a say in each part a malformed-hello test
 * breaks: the X25519 key share, the signature_algorithms extension, bytes after the extensions.
 */
final class HandMadeHello {
    /** The one group offered (supported_groups and key_share): x25519 unless a test says otherwise. */
    int group = 0x001d;
    byte[] x25519Share = filled(32, 0x42);
    /** The signature_algorithms extension's body: a 2-byte list length, then 2-byte schemes. */
    byte[] signatureAlgorithms = {0, 4, 0x04, 0x03, 0x08, 0x04};
    byte[] trailing = new byte[0];
    /** The length of a padding extension (RFC 7685) of zero bytes; none when 0. */
    int padding;

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    /** The whole record: header, handshake header, body. */
    byte[] record() {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        byte[] host = "localhost".getBytes(StandardCharsets.US_ASCII);
        extension(ext, 0x0000, concat(u16(host.length + 3), new byte[] {0}, u16(host.length), host));
        extension(ext, 0x002b, new byte[] {2, 0x03, 0x04}); // supported_versions: TLS 1.3
        extension(ext, 0x000a, concat(u16(2), u16(group))); // supported_groups
        extension(ext, 0x000d, signatureAlgorithms);
        byte[] entry = concat(u16(group), u16(x25519Share.length), x25519Share);
        extension(ext, 0x0033, concat(u16(entry.length), entry)); // key_share
        if (padding > 0) {
            extension(ext, 0x0015, new byte[padding]);
        }
        byte[] extensions = ext.toByteArray();
        byte[] body = concat(new byte[] {3, 3}, filled(32, 7), new byte[] {32}, filled(32, 9),
                u16(6), new byte[] {0x13, 0x01, 0x13, 0x02, 0x13, 0x03}, new byte[] {1, 0},
                u16(extensions.length), extensions, trailing);
        byte[] handshake = concat(new byte[] {1, (byte) (body.length >> 16), (byte) (body.length >> 8),
            (byte) body.length}, body);
        return concat(new byte[] {0x16, 3, 1}, u16(handshake.length), handshake);
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] body) {
        out.writeBytes(u16(type));
        out.writeBytes(u16(body.length));
        out.writeBytes(body);
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
