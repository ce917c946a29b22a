package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.util.HexFormat;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which signature schemes the server signs its TLS 1.3 handshake with (P-256 test certificate), on both engines
 * (tlsfuzzer: test-tls13-signature-algorithms.py). A P-256 key signs only with ecdsa_secp256r1_sha256 in TLS 1.3 (RFC
 * 8446 section 4.2.3) and never with SHA-1 (section 4.4.3): a client offering only other schemes gets handshake_failure
 * before any ServerHello, and the connection is one NO_COMMON_CIPHER event.
 */
class SignatureSchemeTest {
    @AutoClose
    private TestServer server;

    /** openssl s_client offering only ecdsa_secp384r1_sha384 and ecdsa_secp521r1_sha512. */
    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void onlyP384AndP521SchemesGetHandshakeFailure(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        String output = OpensslClient.start(server.port(), "-tls1_3", "-sigalgs", "ECDSA+SHA384:ECDSA+SHA512")
                .awaitExit();
        assertTrue(output.contains("<<< TLS 1.3, Alert [length 0002], fatal handshake_failure"), output);
        assertFalse(output.contains("ServerHello"), output);
        Settled.oneEvent(server, FailureCode.NO_COMMON_CIPHER);
    }

    /** A hand-made hello offering only ecdsa_sha1 (OpenSSL 3 will not send that in a TLS 1.3 hello). */
    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void onlyEcdsaSha1GetsHandshakeFailureNotASha1Signature(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        HandMadeHello hello = new HandMadeHello();
        hello.signatureAlgorithms = new byte[] {0, 2, 0x02, 0x03};
        try (Socket socket = Clients.raw(server.port())) {
            socket.getOutputStream().write(hello.record());
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            reply[2] = 3; // record version 3,1 or 3,3 before a version is agreed
            assertArrayEquals(new byte[] {0x15, 3, 3, 0, 2, 2, 40}, reply,
                    () -> "got " + HexFormat.of().formatHex(reply));
        }
        Settled.oneEvent(server, FailureCode.NO_COMMON_CIPHER);
    }

    /** The well-formed control: the one scheme a P-256 key signs with in TLS 1.3 gets a ServerHello. */
    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void ecdsaSecp256r1Sha256GetsAServerHello(TlsEngine engine) throws Exception {
        server = TestServer.start(engine);
        String output = OpensslClient.start(server.port(), "-tls1_3", "-sigalgs", "ECDSA+SHA256").awaitHandshake()
                .send("hi\n").awaitExit();
        assertTrue(output.contains("Peer signature type: ECDSA") && output.contains("Peer signing digest: SHA256"),
                output);
        assertEquals(0, Settled.events(server).size());
    }
}
