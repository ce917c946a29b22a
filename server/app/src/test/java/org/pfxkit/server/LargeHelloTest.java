package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The echo server's JDK engine takes a ClientHello far above JSSE's default 32 KiB bound, as OpenSSL does (tlsfuzzer
 * test-large-hello.py): the app raises jdk.tls.maxHandshakeMessageSize to the bound the toolkit's own parser checks.
 * A real process, since the property counts only before JSSE starts.
 */
class LargeHelloTest {

    @Test
    void theJdkEngineAnswersAHelloOf40KiBWithAServerHello() throws Exception {
        try (ServerProcess server = ServerProcess.start("--engine", "jdk", "--port", "0", "--bind", "127.0.0.1");
             Socket socket = new Socket("127.0.0.1", server.port())) {
            HandMadeHello hello = new HandMadeHello();
            hello.padding = 40_000;
            socket.getOutputStream().write(inRecordsOf16KiB(hello.record()));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[6];
            in.readFully(header);
            assertEquals("160303", HexFormat.of().formatHex(header, 0, 3),
                    () -> "a handshake record, not " + HexFormat.of().formatHex(header));
            assertEquals(2, header[5], "a ServerHello");
        }
    }

    /** The same handshake message re-cut into records of at most 2^14 bytes (RFC 8446 section 5.1). */
    private static byte[] inRecordsOf16KiB(byte[] oneRecord) {
        byte[] message = Arrays.copyOfRange(oneRecord, 5, oneRecord.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < message.length; at += 16384) {
            int n = Math.min(16384, message.length - at);
            out.writeBytes(new byte[] {0x16, 3, 1, (byte) (n >> 8), (byte) n});
            out.write(message, at, n);
        }
        return out.toByteArray();
    }
}
