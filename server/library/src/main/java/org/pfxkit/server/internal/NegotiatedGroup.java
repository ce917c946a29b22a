package org.pfxkit.server.internal;

import javax.net.ssl.SSLEngine;

import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.SSL;

/**
 * The key-exchange group a handshake agreed on, for the metrics: BoringSSL names it (SSL_get_group_name through
 * netty-tcnative's {@code SSL.getGroupName}); the JDK's SSLSession does not say, so there it is "unknown".
 */
final class NegotiatedGroup {
    static final String UNKNOWN = "unknown";

    private NegotiatedGroup() {
    }

    /** Called on the connection's event loop after its handshake, while its engine is alive. */
    static String of(SSLEngine engine) {
        if (engine instanceof ReferenceCountedOpenSslEngine openssl) {
            try {
                long ssl = openssl.sslPointer();
                String name = ssl == 0 ? null : SSL.getGroupName(ssl);
                return name == null || name.isEmpty() ? UNKNOWN : name;
            } catch (Exception e) {
                return UNKNOWN;
            }
        }
        return UNKNOWN;
    }
}
