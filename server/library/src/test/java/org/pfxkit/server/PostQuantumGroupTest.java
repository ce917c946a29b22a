package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.net.Socket;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The BoringSSL engine offers and takes the hybrid post-quantum group X25519MLKEM768 (0x11ec,
 * draft-ietf-tls-ecdhe-mlkem). OpenSSL 3.0's s_client cannot ask for it, so the client is a hand-made ClientHello
 * offering that group only, with a real ML-KEM-768 encapsulation key (the JDK's ML-KEM, JEP 496) and an X25519 share;
 * the ServerHello is plaintext in TLS 1.3, so its key_share names the group the server chose. JDK 25's JSSE has no
 * such group: the toolkit refuses the same hello for it with handshake_failure (JSSE itself would answer
 * unexpected_message).
 */
class PostQuantumGroupTest {
    private static final int X25519_MLKEM768 = 0x11ec;
    @AutoClose
    private TestServer server;

    private static HandMadeHello mlkemOnlyHello() throws Exception {
        byte[] spki = KeyPairGenerator.getInstance("ML-KEM-768").generateKeyPair().getPublic().getEncoded();
        byte[] encapsulationKey = Arrays.copyOfRange(spki, spki.length - 1184, spki.length); // after the SPKI header
        HandMadeHello hello = new HandMadeHello();
        hello.group = X25519_MLKEM768;
        byte[] share = Arrays.copyOf(encapsulationKey, 1184 + 32); // ML-KEM first, then X25519 (draft section 3)
        System.arraycopy(HandMadeHello.filled(32, 0x42), 0, share, 1184, 32);
        hello.x25519Share = share;
        return hello;
    }

    @Test
    void boringSslNegotiatesX25519Mlkem768WithAClientOfferingOnlyThat() throws Exception {
        server = TestServer.start(TlsEngine.OPENSSL);
        try (Socket socket = Clients.raw(server.port())) {
            socket.getOutputStream().write(mlkemOnlyHello().record());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[5];
            in.readFully(header);
            assertEquals(0x16, header[0], () -> "a handshake record, not " + HexFormat.of().formatHex(header));
            byte[] body = new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)];
            in.readFully(body);
            assertEquals(2, body[0], "a ServerHello");
            assertEquals(X25519_MLKEM768, serverKeyShareGroup(body));
        }
    }

    @Test
    void theJdkEngineHasNoSuchGroupAndRefusesTheHello() throws Exception {
        server = TestServer.start(TlsEngine.JDK);
        try (Socket socket = Clients.raw(server.port())) {
            socket.getOutputStream().write(mlkemOnlyHello().record());
            byte[] reply = socket.getInputStream().readNBytes(7);
            reply[2] = 3;
            assertArrayEquals(new byte[] {0x15, 3, 3, 0, 2, 2, 40}, reply, () -> HexFormat.of().formatHex(reply));
        }
        Settled.oneEvent(server, FailureCode.NO_COMMON_CIPHER);
    }

    /** The group of the ServerHello's key_share extension (RFC 8446 section 4.1.3), or -1. */
    private static int serverKeyShareGroup(byte[] hello) {
        int pos = 4 + 2 + 32; // handshake header, legacy_version, random
        pos += 1 + (hello[pos] & 0xff); // legacy_session_id_echo
        pos += 2 + 1; // cipher_suite, legacy_compression_method
        int end = pos + 2 + (((hello[pos] & 0xff) << 8) | (hello[pos + 1] & 0xff));
        pos += 2;
        while (pos + 4 <= end) {
            int type = ((hello[pos] & 0xff) << 8) | (hello[pos + 1] & 0xff);
            int length = ((hello[pos + 2] & 0xff) << 8) | (hello[pos + 3] & 0xff);
            if (type == 0x0033) {
                return ((hello[pos + 4] & 0xff) << 8) | (hello[pos + 5] & 0xff);
            }
            pos += 4 + length;
        }
        return -1;
    }
}
