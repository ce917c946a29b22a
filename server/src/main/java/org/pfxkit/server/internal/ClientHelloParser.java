package org.pfxkit.server.internal;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;

/**
 * Reads the first bytes of a connection and says what they are, without consuming them: a TLS ClientHello (with its
 * SNI name, offered versions and ALPN), an SSL 2.0 hello, a plaintext HTTP request, or other bytes. Bounded and
 * defensive: it never reads past the buffer's readable bytes nor past one TLS record, trusts no length field, and
 * never throws on hostile input. Formats: RFC 8446 section 4.1.2 (ClientHello), RFC 6066 section 3 (server_name),
 * RFC 8446 section 4.2.1 (supported_versions), RFC 7301 section 3.1 (ALPN), RFC 5246 section 6.2.1 (record header).
 */
public final class ClientHelloParser {
    /** The largest TLSPlaintext record (2^14) plus what old stacks add; bigger is not a hello. */
    static final int MAX_RECORD = 16384 + 2048;
    /** How many bytes may be buffered before a decision: one record and its header. */
    public static final int MAX_BUFFERED = 5 + MAX_RECORD;

    private static final String[] HTTP_METHODS = {
        "GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE ", "PRI "
    };

    private ClientHelloParser() {
    }

    /** What the bytes are, or null when more bytes are needed to decide. */
    public static ClientHello classify(ByteBuf in) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (readable < 1) {
            return null;
        }
        int first = in.getUnsignedByte(start);
        if (first == 0x16) {
            if (readable < 5) {
                return readable >= 2 && in.getUnsignedByte(start + 1) != 0x03 ? ClientHello.MALFORMED : null;
            }
            int length = in.getUnsignedShort(start + 3);
            if (in.getUnsignedByte(start + 1) != 0x03 || length == 0 || length > MAX_RECORD) {
                return ClientHello.MALFORMED;
            }
            if (readable < 5 + length) {
                return null;
            }
            return parseHandshake(in, start + 5, length);
        }
        if ((first & 0x80) != 0) {
            // SSL 2.0 record: 2-byte header with the high bit set, then msg type 1 (CLIENT-HELLO).
            if (readable < 3) {
                return null;
            }
            return in.getUnsignedByte(start + 2) == 0x01 ? ClientHello.SSL2 : ClientHello.NOT_TLS;
        }
        return classifyPlaintext(in, start, readable);
    }

    private static ClientHello classifyPlaintext(ByteBuf in, int start, int readable) {
        boolean couldStillBeHttp = false;
        for (String method : HTTP_METHODS) {
            int n = Math.min(method.length(), readable);
            boolean prefix = true;
            for (int i = 0; i < n && prefix; i++) {
                prefix = in.getByte(start + i) == method.charAt(i);
            }
            if (prefix && n == method.length()) {
                return ClientHello.HTTP_REQUEST;
            }
            couldStillBeHttp |= prefix;
        }
        return couldStillBeHttp ? null : ClientHello.NOT_TLS;
    }

    private static ClientHello parseHandshake(ByteBuf in, int from, int recordLength) {
        Reader r = new Reader(in, from, from + recordLength);
        if (r.u8() != 0x01) { // msg_type client_hello
            return ClientHello.MALFORMED;
        }
        r.u24(); // the message may continue in a later record: parse what this one holds
        int legacyVersion = r.u16();
        r.skip(32); // random
        r.skip(r.u8()); // legacy_session_id
        r.skip(r.u16()); // cipher_suites
        r.skip(r.u8()); // legacy_compression_methods
        if (r.failed) {
            return ClientHello.MALFORMED;
        }
        String sni = null;
        List<String> versions = null;
        List<String> alpn = List.of();
        if (r.remaining() >= 2) {
            int extensionsEnd = Math.min(r.limit, r.pos + 2 + r.u16());
            while (!r.failed && extensionsEnd - r.pos >= 4) {
                int type = r.u16();
                int length = r.u16();
                int end = r.pos + length;
                if (end > extensionsEnd) {
                    break; // truncated by the record boundary: keep what was read
                }
                Reader ext = new Reader(in, r.pos, end);
                switch (type) {
                    case 0x0000 -> sni = serverName(ext);
                    case 0x0010 -> alpn = alpn(ext);
                    case 0x002b -> versions = supportedVersions(ext);
                    default -> { }
                }
                r.pos = end;
            }
        }
        if (versions == null || versions.isEmpty()) {
            versions = legacyVersions(legacyVersion);
        }
        return new ClientHello(ClientHello.Kind.TLS_HELLO, sni, versions, alpn);
    }

    private static String serverName(Reader r) {
        int listEnd = Math.min(r.limit, r.pos + 2 + r.u16());
        while (!r.failed && r.pos + 3 <= listEnd) {
            int nameType = r.u8();
            int length = r.u16();
            if (nameType == 0 && !r.failed && r.pos + length <= listEnd) {
                return Sanitizer.printable(r.ascii(length));
            }
            r.skip(length);
        }
        return null;
    }

    private static List<String> alpn(Reader r) {
        List<String> names = new ArrayList<>(2);
        int listEnd = Math.min(r.limit, r.pos + 2 + r.u16());
        while (!r.failed && r.pos < listEnd && names.size() < 16) {
            int length = r.u8();
            if (r.pos + length > listEnd) {
                break;
            }
            names.add(Sanitizer.printable(r.ascii(length)));
        }
        return names;
    }

    private static List<String> supportedVersions(Reader r) {
        List<String> versions = new ArrayList<>(4);
        int length = r.u8();
        int end = Math.min(r.limit, r.pos + length);
        while (!r.failed && r.pos + 2 <= end) {
            int v = r.u16();
            // GREASE values (RFC 8701) are 0x?A?A: skip them, they are not versions.
            if ((v & 0x0f0f) != 0x0a0a) {
                String name = versionName(v);
                if (!versions.contains(name)) {
                    versions.add(name);
                }
            }
        }
        return versions;
    }

    /**
     * Before supported_versions, a client offers its highest version and, implicitly, the older TLS ones (RFC 5246
     * appendix E.1); SSLv3 is listed only when it is the highest.
     */
    private static List<String> legacyVersions(int highest) {
        List<String> versions = new ArrayList<>(4);
        for (int v = Math.min(highest, 0x0303); v >= 0x0301; v--) {
            versions.add(versionName(v));
        }
        if (versions.isEmpty()) {
            versions.add(versionName(highest));
        }
        return versions;
    }

    static String versionName(int v) {
        return switch (v) {
            case 0x0304 -> "TLSv1.3";
            case 0x0303 -> "TLSv1.2";
            case 0x0302 -> "TLSv1.1";
            case 0x0301 -> "TLSv1";
            case 0x0300 -> "SSLv3";
            case 0x0002 -> "SSLv2";
            default -> String.format("0x%04x", v);
        };
    }

    /** A cursor that records overruns instead of throwing. */
    private static final class Reader {
        final ByteBuf in;
        int pos;
        final int limit;
        boolean failed;

        Reader(ByteBuf in, int pos, int limit) {
            this.in = in;
            this.pos = pos;
            this.limit = limit;
        }

        int remaining() {
            return failed ? 0 : limit - pos;
        }

        private boolean take(int n) {
            if (failed || n < 0 || pos + n > limit) {
                failed = true;
                return false;
            }
            return true;
        }

        int u8() {
            if (!take(1)) {
                return 0;
            }
            return in.getUnsignedByte(pos++);
        }

        int u16() {
            if (!take(2)) {
                return 0;
            }
            int v = in.getUnsignedShort(pos);
            pos += 2;
            return v;
        }

        int u24() {
            if (!take(3)) {
                return 0;
            }
            int v = in.getUnsignedMedium(pos);
            pos += 3;
            return v;
        }

        void skip(int n) {
            if (take(n)) {
                pos += n;
            }
        }

        String ascii(int n) {
            if (!take(n)) {
                return "";
            }
            byte[] bytes = new byte[n];
            in.getBytes(pos, bytes);
            pos += n;
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
