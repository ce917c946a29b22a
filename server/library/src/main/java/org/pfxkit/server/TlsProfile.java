package org.pfxkit.server;

/**
 * Which cipher suites and versions the server offers, after Mozilla's server-side TLS recommendations
 * (https://wiki.mozilla.org/Security/Server_Side_TLS, configuration version 5.7).
 */
public enum TlsProfile {
    /**
     * The default. TLS 1.3 with all its suites, and TLS 1.2 with ECDHE key exchange and AEAD ciphers only (AES-GCM,
     * ChaCha20-Poly1305): no static-RSA key exchange (no forward secrecy) and no CBC suites (Lucky13-style padding
     * oracles). Mozilla's "intermediate" without its DHE suites, which cost a large exponentiation per handshake and
     * which every client that has them also offers ECDHE for.
     */
    INTERMEDIATE,
    /** TLS 1.3 only, all its suites: Mozilla's "modern", for clients from 2019 on. */
    MODERN
}
