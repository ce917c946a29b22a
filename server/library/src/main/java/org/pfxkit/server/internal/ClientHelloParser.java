package org.pfxkit.server.internal;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;

/**
 * Reads the first bytes of a connection and says what they are, without consuming them: a TLS ClientHello (with its
 * SNI name, offered versions and ALPN), an SSL 2.0 hello, a plaintext HTTP request, or other bytes. Bounded and
 * defensive: it never reads past the buffer's readable bytes, reassembles a ClientHello split over several handshake
 * records (RFC 8446 section 5.1 allows any split; large post-quantum key shares make one common) up to
 * {@link #MAX_HELLO} bytes, trusts no length field, and never throws on hostile input. It also notes what makes a
 * parsed hello malformed ({@link ClientHello.Defect}) and its signature schemes. Formats: RFC 8446 section 4.1.2
 * (ClientHello), RFC 6066 section 3 (server_name), RFC 8446 section 4.2.1 (supported_versions), RFC 7301 section 3.1
 * (ALPN), RFC 5246 section 6.2.1 (record header), RFC 8446 sections 4.2.3 and 4.2.8 (signature_algorithms,
 * key_share).
 */
public final class ClientHelloParser {
    /** The largest TLSPlaintext record: 2^14 bytes (RFC 8446 section 5.1, RFC 5246 section 6.2.1). */
    static final int MAX_RECORD = 16384;
    /**
     * The largest ClientHello message reassembled, header included: OpenSSL's CLIENT_HELLO_MAX_LENGTH (131396,
     * ssl/statem/statem_local.h), the most its fields can hold (cipher suites and extensions of 2^16 bytes each). A
     * longer one is refused with illegal_parameter, as OpenSSL refuses it.
     */
    static final int MAX_HELLO = 131396;
    /** How many bytes may be buffered before a decision: the largest hello and room for many small records' headers. */
    public static final int MAX_BUFFERED = MAX_HELLO + 16384;

    /**
     * The X25519 public values whose shared secret is all zero with every private key (the points of order 1, 2, 4 and
     * 8, and their encodings above p), little-endian as on the wire: libsodium's list (x25519_ref10.c). RFC 8446
     * section 7.4.2 and RFC 7748 section 6.1 want such a handshake aborted; BoringSSL does so at once, JDK 25 answers
     * with a ServerHello and then fails ("Could not generate secret"). Each was checked against the JDK's X25519.
     */
    private static final List<byte[]> X25519_SMALL_ORDER = Stream.of(
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
            .map(HexFormat.of()::parseHex).toList();

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
            return reassemble(in, start, start + readable);
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

    /**
     * Gathers the first handshake message from consecutive handshake records (RFC 8446 section 5.1: a message may span
     * records, and no other record type may come between its fragments), then parses it; null while it is incomplete.
     */
    private static ClientHello reassemble(ByteBuf in, int start, int end) {
        ByteBuf message = null;
        int needed = -1; // the message's length with its 4-byte header, once known
        int pos = start;
        try {
            while (true) {
                if (end - pos < 5) {
                    return end - pos >= 2 && in.getUnsignedByte(pos + 1) != 0x03 ? ClientHello.MALFORMED : null;
                }
                int length = in.getUnsignedShort(pos + 3);
                if (in.getUnsignedByte(pos) != 0x16 || in.getUnsignedByte(pos + 1) != 0x03 || length == 0) {
                    return ClientHello.MALFORMED;
                }
                if (length > MAX_RECORD) {
                    // RFC 8446 section 5.1: a longer record "MUST" end the connection with record_overflow. JDK 25
                    // takes such a hello; the toolkit answers it for both engines.
                    return ClientHello.refused(new ClientHello.Defect(22, "a handshake record of " + length
                            + " bytes, above the 16384 a record may hold"));
                }
                if (pos == start && end - pos >= 5 + length && length >= 4
                        && 4 + in.getUnsignedMedium(pos + 6) <= length) {
                    return parseHandshake(in, pos + 5, length); // the common case: the hello in one record
                }
                if (end - pos < 5 + length) {
                    return null;
                }
                if (message == null) {
                    message = in.alloc().heapBuffer(Math.min(MAX_HELLO, 4 * length));
                }
                message.writeBytes(in, pos + 5, length);
                pos += 5 + length;
                if (needed < 0 && message.readableBytes() >= 4) {
                    needed = 4 + message.getUnsignedMedium(1);
                    if (needed > MAX_HELLO) {
                        return ClientHello.refused(new ClientHello.Defect(47, "a ClientHello of " + needed
                                + " bytes, above the " + MAX_HELLO + " one can hold"));
                    }
                }
                if (needed >= 0 && message.readableBytes() >= needed) {
                    return parseHandshake(message, 0, needed);
                }
            }
        } finally {
            if (message != null) {
                message.release();
            }
        }
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

    private static ClientHello parseHandshake(ByteBuf in, int from, int available) {
        Reader r = new Reader(in, from, from + available);
        if (r.u8() != 0x01) { // msg_type client_hello
            return ClientHello.MALFORMED;
        }
        int messageLength = r.u24(); // the caller passes the whole message (reassembled when it spans records)
        if (r.failed || 4 + messageLength > available) {
            return ClientHello.MALFORMED;
        }
        r = new Reader(in, r.pos, r.pos + messageLength);
        int legacyVersion = r.u16();
        r.skip(32); // random
        r.skip(r.u8()); // legacy_session_id
        r.skip(r.u16()); // cipher_suites
        r.skip(r.u8()); // legacy_compression_methods
        if (r.failed) {
            // The whole message is here but ends inside its fixed fields: decode_error (RFC 8446 section 6.2), as
            // OpenSSL and BoringSSL answer; JDK 25 answers internal_error.
            return ClientHello.refused(ClientHello.Defect.decode("the hello ends inside its fixed fields"));
        }
        String sni = null;
        List<String> versions = null;
        List<String> alpn = List.of();
        ClientHello.Defect defect = null;
        ClientHello.Defect shareDefect = null;
        List<Integer> schemes = null;
        List<Integer> groups = null;
        if (r.remaining() > 0) {
            int extensionsEnd = r.pos + 2 + r.u16();
            if (r.failed || extensionsEnd != r.limit) {
                // RFC 8446 section 4.1.2 / RFC 5246 section 7.4.1.2: nothing may follow the extensions.
                defect = ClientHello.Defect.decode("the extensions' length does not match the message's");
                extensionsEnd = Math.min(r.limit, Math.max(r.pos, extensionsEnd));
            }
            while (!r.failed && extensionsEnd - r.pos >= 4) {
                int type = r.u16();
                int length = r.u16();
                int end = r.pos + length;
                if (end > extensionsEnd) {
                    defect = ClientHello.Defect.decode("extension " + type + " runs past the extensions");
                    break; // keep what was read for the event
                }
                Reader ext = new Reader(in, r.pos, end);
                switch (type) {
                    case 0x0000 -> sni = serverName(ext);
                    case 0x0010 -> alpn = alpn(ext);
                    case 0x002b -> versions = supportedVersions(ext);
                    case 0x000d -> {
                        defect = first(defect, signatureAlgorithmsDefect(ext));
                        schemes = defect == null ? codePoints(new Reader(in, r.pos, end)) : null;
                    }
                    case 0x000a -> groups = wellFormedList(ext);
                    case 0x0033 -> shareDefect = keyShareDefect(ext);
                    default -> { }
                }
                r.pos = end;
            }
            if (defect == null && extensionsEnd != r.pos) {
                defect = ClientHello.Defect.decode("bytes after the last extension");
            }
        }
        if (versions == null || versions.isEmpty()) {
            versions = legacyVersions(legacyVersion);
        }
        if (versions.contains("TLSv1.3")) {
            // key_share means something only in TLS 1.3; a TLS 1.2 server ignores it (RFC 8446 section 4.2.8).
            defect = first(defect, shareDefect);
        }
        return new ClientHello(ClientHello.Kind.TLS_HELLO, sni, versions, alpn, defect, schemes, groups);
    }

    private static ClientHello.Defect first(ClientHello.Defect a, ClientHello.Defect b) {
        return a != null ? a : b;
    }

    /** A list of 2-byte code points behind a 2-byte length that fills the extension (checked by the caller). */
    private static List<Integer> codePoints(Reader r) {
        int length = r.u16();
        List<Integer> points = new ArrayList<>(length / 2);
        for (int i = 0; i + 2 <= length && !r.failed; i += 2) {
            points.add(r.u16());
        }
        return List.copyOf(points);
    }

    /**
     * supported_groups' code points, or null when the extension is not a well-formed non-empty list: the engine
     * judges a malformed one (RFC 8446 section 4.2.7, RFC 8422 section 5.1.1).
     */
    private static List<Integer> wellFormedList(Reader r) {
        int size = r.remaining();
        int length = r.u16();
        if (r.failed || length == 0 || length % 2 != 0 || length + 2 != size) {
            return null;
        }
        return codePoints(new Reader(r.in, r.pos - 2, r.limit));
    }

    /** RFC 8446 section 4.2.3: a 2-byte length, then 2-byte schemes, at least one, filling the extension. */
    private static ClientHello.Defect signatureAlgorithmsDefect(Reader r) {
        int length = r.u16();
        if (r.failed || length != r.remaining() || length < 2 || length % 2 != 0) {
            return ClientHello.Defect.decode("a malformed signature_algorithms extension");
        }
        return null;
    }

    /**
     * RFC 8446 section 4.2.8: KeyShareEntry list filling the extension; for the groups we know, the share's length
     * (section 4.2.8.2: X25519 32 bytes, NIST curves uncompressed points; draft-ietf-tls-ecdhe-mlkem: X25519MLKEM768
     * 1216) and an X25519 share that is not all zero (section 7.4.2 forbids the all-zero shared secret it gives).
     */
    private static ClientHello.Defect keyShareDefect(Reader r) {
        int length = r.u16();
        if (r.failed || length != r.remaining()) {
            return ClientHello.Defect.decode("a malformed key_share extension");
        }
        while (r.remaining() > 0) {
            int group = r.u16();
            int shareLength = r.u16();
            int start = r.pos;
            r.skip(shareLength);
            if (r.failed || shareLength == 0) {
                return ClientHello.Defect.decode("a malformed key_share entry");
            }
            int expected = switch (group) {
                case 0x001d -> 32; // x25519
                case 0x0017 -> 65; // secp256r1
                case 0x0018 -> 97; // secp384r1
                case 0x0019 -> 133; // secp521r1
                case 0x11ec -> 1216; // X25519MLKEM768
                default -> -1;
            };
            if (expected >= 0 && shareLength != expected) {
                // illegal_parameter, as BoringSSL answers and tlsfuzzer's test-tls13-crfg-curves.py expects.
                return new ClientHello.Defect(47, "a key share of " + shareLength + " bytes for group 0x"
                        + Integer.toHexString(group) + " (" + expected + " expected)");
            }
            if (group == 0x001d && ofSmallOrder(r.in, start)) {
                return new ClientHello.Defect(47, "an X25519 key share of small order (the shared secret would be all "
                        + "zero)");
            }
        }
        return null;
    }

    /** Whether the 32-byte X25519 share at {@code from} is of small order; its top bit is ignored (RFC 7748 5). */
    private static boolean ofSmallOrder(ByteBuf in, int from) {
        for (byte[] point : X25519_SMALL_ORDER) {
            boolean same = true;
            for (int i = 0; i < 32 && same; i++) {
                int b = in.getByte(from + i) & (i == 31 ? 0x7f : 0xff);
                same = b == (point[i] & 0xff);
            }
            if (same) {
                return true;
            }
        }
        return false;
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
