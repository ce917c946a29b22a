package org.pfxkit.shared.pem;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Recognises content by its first bytes, for the key reader and the store sniffer. The outer DER header (X.690
 * 8.1.2-8.1.3) is read by hand because a file may be cut short or BER-encoded, and BouncyCastle's ASN1InputStream
 * then reports a parse error without the length the header declared.
 */
public final class ContentSniffer {
    private static final int SEQUENCE = 0x30;

    private ContentSniffer() {
    }

    /** True when {@code content} starts with the bytes {@code hex} spells, e.g. "feedfeed" for a JKS store. */
    public static boolean startsWith(byte[] content, String hex) {
        byte[] prefix = HexFormat.of().parseHex(hex);
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The text of a file: UTF-16 after a byte-order mark (PowerShell's '>' writes it), else byte for byte (ASCII). */
    public static String text(byte[] content) {
        if (startsWith(content, "fffe")) {
            return new String(content, 2, content.length - 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(content, "feff")) {
            return new String(content, 2, content.length - 2, StandardCharsets.UTF_16BE);
        }
        return new String(content, StandardCharsets.ISO_8859_1);
    }

    /**
     * The size the outer object's header declares, the header included: -1 for BER's indefinite length,
     * {@link Long#MAX_VALUE} for a length field of more than 4 bytes (invalid here), and the header's own size when the
     * content ends inside it.
     */
    public static long declaredLength(byte[] content) {
        int header = headerLength(content);
        if (header < 0) {
            return Long.MAX_VALUE;
        }
        if (header > content.length) {
            return header;
        }
        if ((content[1] & 0xff) == 0x80) {
            return -1;
        }
        return header + (header == 2 ? content[1] : new BigInteger(1, content, 2, header - 2).longValue());
    }

    /**
     * True for a PFX (RFC 7292 section 4: SEQUENCE { version INTEGER (3), authSafe ContentInfo, ... }), even when cut
     * short or BER-encoded with an indefinite length, as some Windows and Java exports are.
     */
    public static boolean isPkcs12(byte[] content) {
        int header = headerLength(content);
        return startsWith(content, "30") && header > 0 && header + 3 <= content.length && content[header] == 0x02
                && content[header + 1] == 0x01 && content[header + 2] == 0x03;
    }

    /**
     * A DER key or certificate starts with a SEQUENCE holding a SEQUENCE, an INTEGER or an OID: plain text and most
     * noise do not. A SEQUENCE header with a long-form length and nothing after it is DER cut short.
     */
    static boolean startsLikeDer(byte[] content) {
        int header = headerLength(content);
        if (!startsWith(content, "30") || content.length < 2 || header < 0 || (content[1] & 0xff) == 0x80) {
            return false;
        }
        if (header >= content.length) {
            return header > 2;
        }
        int inner = content[header] & 0xff;
        return inner == SEQUENCE || inner == 0x02 || inner == 0x06; // SEQUENCE, INTEGER, OID
    }

    /** Tag and length field: 2 bytes for a short or indefinite length, 2 + n for an n-byte one, -1 past 4 bytes. */
    private static int headerLength(byte[] content) {
        int first = content.length < 2 ? 0 : content[1] & 0xff;
        int count = first < 0x80 ? 0 : first & 0x7f;
        return count > 4 ? -1 : 2 + count;
    }
}
