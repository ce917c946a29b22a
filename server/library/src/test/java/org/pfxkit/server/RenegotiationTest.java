package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Client-initiated renegotiation is refused on both engines (testssl's "Secure Client-Initiated Renegotiation";
 * tlsfuzzer's test-renegotiation-disabled-client-cert / test-tls13-... do not apply: TLS 1.2 only): s_client's "R"
 * sends a new ClientHello over the established TLS 1.2 connection; the server answers with an alert and closes, and
 * the connection is one PROTOCOL_ERROR event.
 */
class RenegotiationTest {
    /** BoringSSL sends no_renegotiation; the JDK engine (session creation off) a fatal alert of its own. */
    private static final Pattern REFUSAL = Pattern.compile("<<< TLS 1\\.2, Alert \\[length 0002\\], "
            + "fatal (no_renegotiation|handshake_failure|unexpected_message|internal_error)");
    @AutoClose
    private TestServer server;

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void aClientInitiatedRenegotiationGetsAnAlertACloseAndOneEvent(TlsEngine engine) throws Exception {
        server = TestServer.start(engine, b -> b.handler(EchoProtocol.everyLine()));
        String output = OpensslClient.start(server.port(), "-tls1_2").awaitHandshake().send("R\n").awaitExit();
        assertTrue(output.contains("RENEGOTIATING"), output);
        assertTrue(REFUSAL.matcher(output).find(), output);
        FailureEvent event = Settled.oneEvent(server, FailureCode.PROTOCOL_ERROR);
        assertEquals(FailureEvent.Phase.AFTER_HANDSHAKE, event.phase());
        assertEquals(1, server.server.counters().handshakes(), "only the first handshake completed");
    }
}
