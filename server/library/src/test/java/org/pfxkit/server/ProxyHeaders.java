package org.pfxkit.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * PROXY protocol headers written by hand, byte by byte as HAProxy's doc/proxy-protocol.txt lays them out: version 1
 * (section 2.1, one text line) and version 2 (section 2.2: the 12-byte signature, version and command, family and
 * transport, the length of what follows, the addresses, then optional TLVs).
 */
final class ProxyHeaders {
    /** Section 2.2: "\r\n\r\n\0\r\nQUIT\n". */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Version 2 in the high nibble; command PROXY (1) or LOCAL (0) in the low one. */
    private static final int V2_PROXY = 0x21;
    private static final int V2_LOCAL = 0x20;
    /** Family in the high nibble (AF_INET 1, AF_INET6 2), transport in the low one (STREAM 1). */
    private static final int TCP_OVER_IPV4 = 0x11;
    private static final int TCP_OVER_IPV6 = 0x21;
    /** PP2_TYPE_AUTHORITY (section 2.2.1): the host name the client asked for, as HAProxy sends it. */
    private static final int PP2_TYPE_AUTHORITY = 0x02;

    private ProxyHeaders() {
    }

    /** "PROXY TCP4 192.0.2.7 198.51.100.1 49144 443\r\n" (or TCP6). */
    static byte[] v1(InetSocketAddress source, InetSocketAddress destination) {
        String family = source.getAddress() instanceof java.net.Inet6Address ? "TCP6" : "TCP4";
        return ("PROXY " + family + " " + source.getAddress().getHostAddress() + " "
                + destination.getAddress().getHostAddress() + " " + source.getPort() + " " + destination.getPort()
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A version 2 PROXY command over TCP, with an authority TLV when {@code authority} is not null. */
    static byte[] v2(InetSocketAddress source, InetSocketAddress destination, String authority) {
        byte[] src = source.getAddress().getAddress();
        byte[] dst = destination.getAddress().getAddress();
        byte[] tlv = authority == null ? new byte[0] : tlv(PP2_TYPE_AUTHORITY,
                authority.getBytes(StandardCharsets.US_ASCII));
        int length = src.length + dst.length + 4 + tlv.length;
        ByteBuffer header = ByteBuffer.allocate(16 + length);
        header.put(V2_SIGNATURE).put((byte) V2_PROXY).put((byte) (src.length == 4 ? TCP_OVER_IPV4 : TCP_OVER_IPV6))
                .putShort((short) length).put(src).put(dst).putShort((short) source.getPort())
                .putShort((short) destination.getPort()).put(tlv);
        return header.array();
    }

    /** A version 2 LOCAL command, family UNSPEC, no addresses: what HAProxy's check-send-proxy health checks send. */
    static byte[] v2Local() {
        ByteBuffer header = ByteBuffer.allocate(16);
        header.put(V2_SIGNATURE).put((byte) V2_LOCAL).put((byte) 0).putShort((short) 0);
        return header.array();
    }

    private static byte[] tlv(int type, byte[] value) {
        return ByteBuffer.allocate(3 + value.length).put((byte) type).putShort((short) value.length).put(value)
                .array();
    }
}
