package org.pfxkit.server;

/** Which TLS implementation serves the connections. */
public enum TlsEngine {
    /** BoringSSL (netty-tcnative) where its native library loads on this machine, otherwise the JDK's. */
    AUTO,
    /** BoringSSL through netty-tcnative; start-up fails where it cannot load. */
    OPENSSL,
    /** The JDK's own TLS (JSSE). */
    JDK
}
