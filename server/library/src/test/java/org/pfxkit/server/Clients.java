package org.pfxkit.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.pfxkit.server.internal.HelloBytes;

/** Test clients: the JDK's TLS client trusting the test root, and raw sockets for the fault scenarios. */
final class Clients {
    private Clients() {
    }

    static SSLContext trusting(X509Certificate root) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", root);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context that accepts any server certificate: only for the embedded self-signed default. */
    static SSLContext trustingAnything() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static SSLSocket connect(SSLContext context, int port, String sni) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        if (sni != null) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(sni)));
            socket.setSSLParameters(parameters);
        }
        return socket;
    }

    /** Sends one line over TLS and returns the first line of the reply (null at EOF). */
    static String exchange(int port, String line) throws IOException {
        try (SSLSocket socket = connect(trusting(TestServer.ROOT.certificate()), port, "localhost")) {
            return sendAndRead(socket, line);
        }
    }

    static String sendAndRead(Socket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    static Socket raw(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** The first TLS record a JDK client sends: a real ClientHello (TLS 1.3 and 1.2, SNI localhost). */
    static byte[] jdkClientHello(String sni) {
        return HelloBytes.jdkClientHello(null, sni, "pfx-echo");
    }

    /**
     * A hand-made TLS 1.0-only ClientHello (RFC 2246 section 7.4.1.2): legacy version 3.1, no supported_versions,
     * the TLS 1.0 ciphers TLS_RSA_WITH_AES_128_CBC_SHA and TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, SNI localhost.
     */
    static byte[] tls10ClientHello() {
        byte[] host = "localhost".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer sni = ByteBuffer.allocate(9 + host.length);
        sni.putShort((short) 0).putShort((short) (5 + host.length)).putShort((short) (3 + host.length))
                .put((byte) 0).putShort((short) host.length).put(host);
        ByteBuffer body = ByteBuffer.allocate(512);
        body.put((byte) 3).put((byte) 1).put(new byte[32]).put((byte) 0)
                .putShort((short) 4).putShort((short) 0x002f).putShort((short) 0xc013)
                .put((byte) 1).put((byte) 0)
                .putShort((short) sni.capacity()).put(sni.array());
        body.flip();
        ByteBuffer record = ByteBuffer.allocate(9 + body.remaining());
        record.put((byte) 0x16).put((byte) 3).put((byte) 1).putShort((short) (4 + body.remaining()))
                .put((byte) 1).put((byte) 0).putShort((short) body.remaining()).put(body);
        return record.array();
    }
}
