package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import org.pfxkit.server.internal.HelloBytes;

/**
 * A TLS client whose records the test can touch: a JDK SSLEngine driven over a plain socket. The test gets each
 * record it would send as bytes (to corrupt, split or replace) and reads the server's answer through the same engine,
 * so an encrypted alert is seen by name ("Received fatal alert: bad_record_mac") and a close_notify as the engine's
 * inbound end.
 */
final class EngineClient implements AutoCloseable {
    private final Socket socket;
    private final SSLEngine engine;
    private final InputStream in;
    private final OutputStream out;
    private ByteBuffer inbound = ByteBuffer.allocate(1 << 17).flip();
    private int splitSize;

    private EngineClient(Socket socket, SSLEngine engine) throws IOException {
        this.socket = socket;
        this.engine = engine;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects and completes a handshake with the given version only (TLSv1.3 or TLSv1.2). */
    static EngineClient handshake(int port, String protocol) throws Exception {
        EngineClient client = connect(port, protocol, "localhost", 0);
        client.runHandshake();
        assertEquals(protocol, client.engine.getSession().getProtocol());
        return client;
    }

    /**
     * Connects without handshaking; the ClientHello will be cut into handshake records of {@code splitSize} bytes
     * (0: as the engine made it).
     */
    static EngineClient connect(int port, String protocol, String sni, int splitSize) throws Exception {
        SSLEngine engine = Clients.trustingAnything().createSSLEngine("localhost", port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(sni)));
        parameters.setProtocols(protocol.split(","));
        engine.setSSLParameters(parameters);
        EngineClient client = new EngineClient(Clients.raw(port), engine);
        client.splitSize = splitSize;
        return client;
    }

    /** Runs the handshake; an alert from the server ends it with an SSLException. */
    void runHandshake() throws Exception {
        engine.beginHandshake();
        ByteBuffer empty = ByteBuffer.allocate(0);
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + 64);
        boolean first = true;
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> {
                    byte[] records = wrap(empty);
                    sendRaw(first && splitSize > 0 ? HelloBytes.split(records, splitSize) : records);
                    first = false;
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    app.clear();
                    if (!unwrapOnce(app)) {
                        throw new SSLException("the server closed the connection during the handshake");
                    }
                }
                case NEED_TASK -> engine.getDelegatedTask().run();
                default -> {
                    return;
                }
            }
        }
    }

    SSLEngine engine() {
        return engine;
    }
    /** The records the engine makes for this data (application data after the handshake), as bytes. */
    byte[] wrap(ByteBuffer data) throws SSLException {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
        do {
            SSLEngineResult r = engine.wrap(data, net);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0) {
                break;
            }
        } while (data.hasRemaining());
        net.flip();
        byte[] bytes = new byte[net.remaining()];
        net.get(bytes);
        return bytes;
    }

    /** The close_notify alert record, as bytes (the engine's outbound side is closed). */
    byte[] closeNotify() throws SSLException {
        engine.closeOutbound();
        return wrap(ByteBuffer.allocate(0));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads the server's records until it closes (at most the socket's 20 s timeout): "close_notify" when the server
     * sent one, the alert's name when it sent a fatal one ("bad_record_mac"), "" when it closed without an alert;
     * the application data before that is skipped.
     */
    String readUntilClosed() throws IOException {
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + 64);
        try {
            while (true) {
                app.clear();
                if (!unwrapOnce(app)) {
                    return "";
                }
                if (engine.isInboundDone()) {
                    assertEquals(-1, readMore(), "the server closes after its close_notify");
                    return "close_notify";
                }
            }
        } catch (SSLException e) {
            // "(bad_record_mac) Received fatal alert: bad_record_mac"
            String message = String.valueOf(e.getMessage());
            int at = message.indexOf("Received fatal alert: ");
            assertTrue(at >= 0, message);
            return message.substring(at + "Received fatal alert: ".length());
        }
    }

    /** Unwraps one record; false at EOF. */
    private boolean unwrapOnce(ByteBuffer app) throws IOException {
        while (true) {
            SSLEngineResult r = engine.unwrap(inbound, app);
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    if (readMore() < 0) {
                        return false;
                    }
                }
                case BUFFER_OVERFLOW -> app = ByteBuffer.allocate(app.capacity() * 2);
                default -> {
                    return true;
                }
            }
        }
    }

    private int readMore() throws IOException {
        inbound.compact();
        byte[] buf = new byte[inbound.remaining()];
        int n;
        try {
            n = in.read(buf);
        } catch (SocketException reset) {
            n = -1;
        }
        if (n > 0) {
            inbound.put(buf, 0, n);
        }
        inbound.flip();
        return n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
