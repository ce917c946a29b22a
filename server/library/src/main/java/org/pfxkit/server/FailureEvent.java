package org.pfxkit.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One failed connection, delivered exactly once to the listener of the server that accepted it.
 *
 * @param connectionId    the server's sequence number of the connection (1, 2, ...), the same as in
 *                        {@link Connection#id()} and {@link ConnectionSummary#connectionId()}
 * @param remote          the client's address and port (behind a balancer with the PROXY protocol on, the source
 *                        its header names; otherwise, and for a connection whose header was invalid, the socket's)
 * @param local           our address and port (with the PROXY protocol, the destination the header names)
 * @param at              when the failure was seen
 * @param sinceAccept     how long after the accept
 * @param phase           during or after the handshake
 * @param sniName         the host name the client asked for (sanitised: printable ASCII, bounded), or null
 * @param offeredVersions the protocol versions the client's ClientHello offered, best first, e.g. [TLSv1.3, TLSv1.2];
 *                        empty when no ClientHello was seen
 * @param offeredAlpn     the ALPN protocols the client offered (sanitised), empty when none
 * @param code            the stable code
 * @param message         the underlying message, for people (engines word it differently; rely on {@code code})
 * @param cause           the exception behind it, or null when the failure was seen without one (timeout, not TLS):
 *                        a JDK type ({@code SSLException} and its kinds, {@code IOException}, ...) or pfxkit's,
 *                        never one of the network library's
 */
public record FailureEvent(long connectionId, InetSocketAddress remote, InetSocketAddress local, Instant at,
                           Duration sinceAccept, Phase phase, String sniName, List<String> offeredVersions,
                           List<String> offeredAlpn, FailureCode code, String message, Throwable cause) {

    public enum Phase { HANDSHAKE, AFTER_HANDSHAKE }

    public FailureEvent {
        offeredVersions = List.copyOf(offeredVersions);
        offeredAlpn = List.copyOf(offeredAlpn);
    }
}
