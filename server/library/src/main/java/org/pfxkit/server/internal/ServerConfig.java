package org.pfxkit.server.internal;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.pfxkit.server.ConnectionListener;
import org.pfxkit.server.LineHandler;
import org.pfxkit.server.TlsEngine;
import org.pfxkit.server.TlsFailureListener;
import org.pfxkit.server.TlsProfile;
import org.pfxkit.shared.keys.KeyMaterial;

/**
 * Everything the builder collected, checked. Not API: the builder in {@code org.pfxkit.server} makes it.
 *
 * @param profile      cipher suites and versions offered (Mozilla's intermediate or modern)
 * @param defaultKey   served when the client sends no SNI name or one with no entry in {@code sniKeys}; may be null
 *                     when {@code sniKeys} is not empty (then an unknown name fails with NO_CERTIFICATE_FOR_SNI)
 * @param sniKeys      host name (lower case; "*.example.com" for one label) to key material
 * @param clientTrust  issuers trusted for client certificates; empty means no client authentication
 * @param clientCertificateRequired with {@code clientTrust}: refuse a client without a certificate (else it may
 *                     connect without one, and one it sends must still verify)
 * @param idleTimeout  zero for none
 * @param ioThreads    event-loop threads for connections
 * @param reusePort    set SO_REUSEPORT on the listening socket (epoll only)
 * @param proxyProtocol every connection starts with a PROXY protocol header (v1 or v2) naming the real client
 */
public record ServerConfig(TlsEngine engine, TlsProfile profile, List<String> protocols, KeyMaterial defaultKey,
                           Map<String, KeyMaterial> sniKeys, List<X509Certificate> clientTrust,
                           boolean clientCertificateRequired,
                           Duration handshakeTimeout, Duration idleTimeout, int maxLineLength, int maxConnections,
                           int ioThreads, Supplier<? extends LineHandler> handler,
                           TlsFailureListener failureListener, ConnectionListener connectionListener,
                           boolean reusePort, boolean proxyProtocol) {
    public ServerConfig {
        protocols = List.copyOf(protocols);
        sniKeys = Map.copyOf(sniKeys);
        clientTrust = List.copyOf(clientTrust);
    }
}
