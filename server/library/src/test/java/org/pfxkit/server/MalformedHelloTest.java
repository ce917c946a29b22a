package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.HexFormat;
import java.util.function.Consumer;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Malformed TLS 1.3 ClientHellos, sent as raw bytes, get a plaintext fatal alert (decode_error; illegal_parameter for
 * an X25519 share of the wrong length or all zero, as BoringSSL answers), a close, and exactly one PROTOCOL_ERROR event,
 * on both engines; a hello with no group in common gets handshake_failure and one NO_COMMON_CIPHER. tlsfuzzer:
 * test-tls13-crfg-curves.py (short, long, all-zero and small-order X25519 shares), test-extensions.py / test-truncating-of-client-
 * hello.py (trailing bytes), test-tls13-signature-algorithms.py (malformed signature_algorithms).
 */
class MalformedHelloTest {
    @AutoClose
    private TestServer server;

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aWellFormedHandMadeHelloGetsAServerHello(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        try (Socket socket = Clients.raw(server.port())) {
            socket.getOutputStream().write(new HandMadeHello().record());
            byte[] header = socket.getInputStream().readNBytes(6);
            assertEquals("160303", HexFormat.of().formatHex(header, 0, 3), "a handshake record");
            assertEquals(2, header[5], "a ServerHello");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void anX25519ShareOf31BytesIsIllegalParameter(TlsEngine engine) throws Exception {
        assertRefused(engine, h -> h.x25519Share = HandMadeHello.filled(31, 0x42), 47);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void anX25519ShareOf33BytesIsIllegalParameter(TlsEngine engine) throws Exception {
        assertRefused(engine, h -> h.x25519Share = HandMadeHello.filled(33, 0x42), 47);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void anAllZeroX25519ShareIsIllegalParameter(TlsEngine engine) throws Exception {
        assertRefused(engine, h -> h.x25519Share = new byte[32], 47);
    }

    /** u = 1 (tlsfuzzer test-tls13-crfg-curves.py, 'x25519 key share of "1"'): JDK 25 alone sends a ServerHello. */
    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void anX25519ShareOfOneIsIllegalParameter(TlsEngine engine) throws Exception {
        byte[] one = new byte[32];
        one[0] = 1;
        assertRefused(engine, h -> h.x25519Share = one, 47);
    }

    /** A point of order 8, its top bit set (X25519 ignores that bit, RFC 7748 section 5). */
    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void anX25519ShareOfOrder8IsIllegalParameter(TlsEngine engine) throws Exception {
        byte[] point = HexFormat.of().parseHex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7");
        assertRefused(engine, h -> h.x25519Share = point, 47);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void bytesAfterTheExtensionsAreDecodeError(TlsEngine engine) throws Exception {
        assertRefused(engine, h -> h.trailing = new byte[] {0, 0}, 50);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void anOddSignatureAlgorithmsListIsDecodeError(TlsEngine engine) throws Exception {
        assertRefused(engine, h -> h.signatureAlgorithms = new byte[] {0, 3, 0x04, 0x03, 0x08}, 50);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aSignatureAlgorithmsListLongerThanItsExtensionIsDecodeError(TlsEngine engine) throws Exception {
        assertRefused(engine, h -> h.signatureAlgorithms = new byte[] {0, 6, 0x04, 0x03, 0x08, 0x04}, 50);
    }

    /** A hello in a record above 2^14 bytes (tlsfuzzer test-tls13-record-layer-limits.py, "too big ClientHello msg"). */
    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aHelloRecordAbove16KiBIsRecordOverflow(TlsEngine engine) throws Exception {
        FailureEvent event = assertRefused(engine, h -> h.padding = 16_300, 22);
        assertTrue(event.message().contains("record_overflow"), event::message);
    }

    /**
     * A hello whose supported_groups names only groups the server does not offer (tlsfuzzer
     * test-tls13-unrecognised-groups.py, "only unknown supported_groups"): no handshake can follow, so handshake_failure
     * (RFC 8446 section 4.1.1) and one NO_COMMON_CIPHER, where JDK 25 alone would answer unexpected_message.
     */
    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aHelloWithNoGroupInCommonIsHandshakeFailure(TlsEngine engine) throws Exception {
        assertRefused(engine, h -> {
            h.group = 34; // unassigned, in the elliptic-curve range
            h.x25519Share = HandMadeHello.filled(64, 0xab);
        }, 40, FailureCode.NO_COMMON_CIPHER);
    }

    private FailureEvent assertRefused(TlsEngine engine, Consumer<HandMadeHello> breakIt, int alert)
            throws Exception {
        return assertRefused(engine, breakIt, alert, FailureCode.PROTOCOL_ERROR);
    }

    /** Sends the hello; expects the alert record (level fatal, the given description), EOF, one event of that code. */
    private FailureEvent assertRefused(TlsEngine engine, Consumer<HandMadeHello> breakIt, int alert,
                                       FailureCode code) throws Exception {
        server = TestServer.start(engine);
        HandMadeHello hello = new HandMadeHello();
        breakIt.accept(hello);
        try (Socket socket = Clients.raw(server.port())) {
            socket.getOutputStream().write(hello.record());
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            // The record version (bytes 1-2) is 3,1 or 3,3 before a version is agreed (RFC 8446 section 5.1).
            reply[2] = 3;
            assertArrayEquals(new byte[] {0x15, 3, 3, 0, 2, 2, (byte) alert}, reply,
                    () -> "got " + HexFormat.of().formatHex(reply));
            assertEquals(-1, readOrReset(in), "closed after the alert");
        }
        return Settled.oneEvent(server, code);
    }

    private static int readOrReset(InputStream in) throws java.io.IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }
}
