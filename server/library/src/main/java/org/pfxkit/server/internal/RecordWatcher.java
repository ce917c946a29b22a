package org.pfxkit.server.internal;

import io.netty.buffer.ByteBuf;

/**
 * Follows the TLS record headers of the client's bytes during the handshake and notes a plaintext alert (RFC 8446
 * section 6: content type 21, two bytes: level, description). Engines cannot always read it: OpenSSL 3's s_client, on
 * refusing our certificate under TLS 1.3, sends its alert unencrypted, which BoringSSL reports as BAD_PACKET_LENGTH
 * and the JDK as an AEAD failure. The alert itself says what happened. A few ints of state; never buffers.
 */
final class RecordWatcher {
    private static final int ALERT = 0x15;
    private static final int HANDSHAKE = 0x16;

    private final byte[] header = new byte[7];
    private int headerLength;
    private int skip;
    private int alertDescription = -1;

    /** The last plaintext alert's description (e.g. 48 unknown_ca), or -1. */
    int alertDescription() {
        return alertDescription;
    }

    void scan(ByteBuf in) {
        scanUntilHandshake(in, false);
    }

    /**
     * Scans like {@link #scan} and returns the index of the first byte of the first handshake record (content type
     * 22) that starts in {@code in}, stopping there; -1 when none starts in it. After a TLS 1.2 handshake every such
     * record from the client is a renegotiation request (RFC 5246 section 7.4.1.2): its record header is plaintext.
     */
    int findHandshakeRecord(ByteBuf in) {
        return scanUntilHandshake(in, true);
    }

    private int scanUntilHandshake(ByteBuf in, boolean stopAtHandshake) {
        int pos = in.readerIndex();
        int end = in.writerIndex();
        while (pos < end) {
            if (stopAtHandshake && skip == 0 && headerLength == 0 && in.getUnsignedByte(pos) == HANDSHAKE) {
                return pos;
            }
            if (skip > 0) {
                int n = Math.min(skip, end - pos);
                pos += n;
                skip -= n;
                continue;
            }
            header[headerLength++] = in.getByte(pos++);
            if (headerLength == 5) {
                int type = header[0] & 0xff;
                int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                if (type != ALERT || length != 2) {
                    skip = length;
                    headerLength = 0;
                }
            } else if (headerLength == 7) {
                alertDescription = header[6] & 0xff;
                headerLength = 0;
            }
        }
        return -1;
    }
}
