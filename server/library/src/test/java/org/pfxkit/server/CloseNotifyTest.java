package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A client's close_notify is answered with close_notify and the connection is closed (RFC 8446 section 6.1, RFC 5246
 * section 7.2.1), on both engines and versions; it is an orderly close, not a failure (tlsfuzzer:
 * test-tls13-connection-abort.py's close_notify cases, test-close-notify... in the conversation scripts).
 */
class CloseNotifyTest {
    @AutoClose
    private TestServer server;

    @ParameterizedTest
    @CsvSource({"OPENSSL,TLSv1.3", "OPENSSL,TLSv1.2", "JDK,TLSv1.3", "JDK,TLSv1.2"})
    void aCloseNotifyIsAnsweredWithCloseNotifyAndAClose(TlsEngine engine, String protocol) throws Exception {
        server = TestServer.start(engine, b -> b.handler(EchoProtocol.everyLine()));
        try (EngineClient client = EngineClient.handshake(server.port(), protocol)) {
            client.sendRaw(client.closeNotify());
            assertEquals("close_notify", client.readUntilClosed());
        }
        assertEquals(0, Settled.events(server).size());
        assertEquals(1, server.server.counters().handshakes());
    }

    @ParameterizedTest
    @CsvSource({"OPENSSL,TLSv1.3", "JDK,TLSv1.3", "JDK,TLSv1.2"})
    void aLineThenCloseNotifyInOneFlightGetsItsReplyFirst(TlsEngine engine, String protocol) throws Exception {
        server = TestServer.start(engine, b -> b.handler(EchoProtocol.everyLine()));
        try (EngineClient client = EngineClient.handshake(server.port(), protocol)) {
            byte[] line = client.wrap(ByteBuffer.wrap("hello\n".getBytes(StandardCharsets.US_ASCII)));
            byte[] close = client.closeNotify();
            byte[] both = new byte[line.length + close.length];
            System.arraycopy(line, 0, both, 0, line.length);
            System.arraycopy(close, 0, both, line.length, close.length);
            client.sendRaw(both);
            assertEquals("close_notify", client.readUntilClosed());
        }
        assertEquals(0, Settled.events(server).size());
    }
}
