package org.pfxkit.server;

import java.net.InetAddress;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A JDK TLS client restricted to TLSv1, run in its own JVM (TlsLimitsTest starts it with a java.security override
 * that re-enables TLSv1 on the client side; the JDK disables it by default). Prints its local port, then tries.
 */
public final class Tls1OnlyJdkClient {
    private Tls1OnlyJdkClient() {
    }

    public static void main(String[] args) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]))) {
            socket.setEnabledProtocols(new String[] {"TLSv1"});
            System.out.println("port " + socket.getLocalPort());
            System.out.flush();
            socket.startHandshake();
            System.out.println("handshake completed: " + socket.getSession().getProtocol());
        } catch (java.io.IOException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
