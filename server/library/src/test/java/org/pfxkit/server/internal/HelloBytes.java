package org.pfxkit.server.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/** ClientHello bytes for tests: the JDK's own hello, and one re-cut into several handshake records. */
public final class HelloBytes {
    private HelloBytes() {
    }

    /**
     * The first flight of a JDK client: one handshake record holding its ClientHello.
     *
     * @param protocol the one protocol to offer ("TLSv1.2"), or null for the JDK's default set
     * @param sni      the server name to send, or null for none
     */
    public static byte[] jdkClientHello(String protocol, String sni, String... alpn) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            SSLEngine engine = context.createSSLEngine("localhost", 443);
            engine.setUseClientMode(true);
            SSLParameters p = engine.getSSLParameters();
            if (sni != null) {
                p.setServerNames(List.of(new SNIHostName(sni)));
            }
            p.setApplicationProtocols(alpn);
            if (protocol != null) {
                p.setProtocols(new String[] {protocol});
            }
            engine.setSSLParameters(p);
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            return Arrays.copyOf(out.array(), out.position());
        } catch (SSLException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not make a ClientHello", e);
        }
    }

    /** The handshake bytes of a one-record message, re-cut into handshake records of {@code size} bytes. */
    public static byte[] split(byte[] record, int size) {
        int length = record.length - 5;
        ByteBuffer out = ByteBuffer.allocate(length + 5 * ((length + size - 1) / size));
        for (int at = 0; at < length; at += size) {
            int n = Math.min(size, length - at);
            out.put((byte) 0x16).put(record[1]).put(record[2]).putShort((short) n).put(record, 5 + at, n);
        }
        return out.array();
    }
}
