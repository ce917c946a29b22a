package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad record after the handshake gets a fatal alert, a close and exactly one PROTOCOL_ERROR event, on both engines
 * and both versions (tlsfuzzer: test-fuzzed-ciphertext.py, test-tls13-record-layer-limits.py).
 */
class CorruptRecordTest {
    @AutoClose
    private TestServer server;

    @ParameterizedTest
    @CsvSource({"OPENSSL,TLSv1.3", "OPENSSL,TLSv1.2", "JDK,TLSv1.3", "JDK,TLSv1.2"})
    void aRecordWithACorruptedTagGetsBadRecordMac(TlsEngine engine, String protocol) throws Exception {
        server = TestServer.start(engine, b -> b.handler(EchoProtocol.everyLine()));
        try (EngineClient client = EngineClient.handshake(server.port(), protocol)) {
            byte[] record = client.wrap(ByteBuffer.wrap("hello\n".getBytes(StandardCharsets.US_ASCII)));
            record[record.length - 1] ^= 0x01; // the last byte of the AEAD tag
            client.sendRaw(record);
            assertEquals("bad_record_mac", client.readUntilClosed());
        }
        FailureEvent event = Settled.oneEvent(server, FailureCode.PROTOCOL_ERROR);
        assertEquals(FailureEvent.Phase.AFTER_HANDSHAKE, event.phase());
    }

    /**
     * A record header announcing more than 2^14 + 2048 bytes: record_overflow (RFC 8446 section 5.2, RFC 5246 section
     * 6.2.3) from BoringSSL; the JDK answers unexpected_message (its SSLProtocolException "Input record too big"),
     * which docs/server.md lists as the JDK's.
     */
    @ParameterizedTest
    @CsvSource({"OPENSSL,TLSv1.3", "OPENSSL,TLSv1.2", "JDK,TLSv1.3", "JDK,TLSv1.2"})
    void anOversizedRecordGetsRecordOverflow(TlsEngine engine, String protocol) throws Exception {
        server = TestServer.start(engine, b -> b.handler(EchoProtocol.everyLine()));
        try (EngineClient client = EngineClient.handshake(server.port(), protocol)) {
            byte[] record = new byte[5 + (1 << 14) + 2048 + 1];
            record[0] = 23;
            record[1] = 3;
            record[2] = 3;
            int length = record.length - 5;
            record[3] = (byte) (length >> 8);
            record[4] = (byte) length;
            client.sendRaw(record);
            assertEquals(engine == TlsEngine.JDK ? "unexpected_message" : "record_overflow", client.readUntilClosed());
        }
        FailureEvent event = Settled.oneEvent(server, FailureCode.PROTOCOL_ERROR);
        assertEquals(FailureEvent.Phase.AFTER_HANDSHAKE, event.phase());
    }
}
