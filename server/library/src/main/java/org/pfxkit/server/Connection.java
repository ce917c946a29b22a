package org.pfxkit.server;

import java.net.InetSocketAddress;

/** The application's side of one TLS connection whose handshake completed. Methods may be called from any thread. */
public interface Connection {
    /** The server's sequence number of this connection, as in failure events. */
    long id();

    /** The client's address and port; with the PROXY protocol on, the source its header names. */
    InetSocketAddress remote();

    /** Our address and port; with the PROXY protocol on, the destination the header names (the balancer's). */
    InetSocketAddress local();

    /** The negotiated protocol, e.g. {@code TLSv1.3}. */
    String protocol();

    /** The host name the client asked for (sanitised), or null. */
    String sniName();

    /** Sends one line (a newline is added), UTF-8. */
    void writeLine(String line);

    /**
     * Sends one line, then closes: TLS close_notify, then the socket. No line received after this call reaches the
     * handler, even one already buffered.
     */
    void writeLineAndClose(String line);

    /** Closes the connection (close_notify, then the socket); no further lines reach the handler. */
    void close();
}
