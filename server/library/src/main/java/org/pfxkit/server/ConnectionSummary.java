package org.pfxkit.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * One connection, told when it closes (for per-connection logs).
 *
 * @param protocol the negotiated protocol (e.g. TLSv1.3), or null when the handshake did not complete
 * @param cipher   the negotiated cipher suite, or null
 * @param sniName  the host name the client asked for (sanitised), or null
 * @param failure  the failure code when the connection failed, else null
 * @param clientSubject the subject of the client's verified certificate (RFC 2253), or null when it sent none
 */
public record ConnectionSummary(long connectionId, InetSocketAddress remote, InetSocketAddress local,
                                Instant acceptedAt, Duration duration, String protocol, String cipher,
                                String sniName, FailureCode failure, String clientSubject) {
}
