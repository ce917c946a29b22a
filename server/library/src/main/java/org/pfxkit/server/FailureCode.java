package org.pfxkit.server;

/**
 * Why a connection failed: a stable code that logs, dashboards and scripts may rely on. Codes are never renamed; new
 * ones are added at the end. {@link #quiet()} marks the ones that are normal background noise on a public port.
 */
public enum FailureCode {
    /** Connected and closed before sending a byte: port scanners, load-balancer health checks. */
    CONNECT_CLOSE_NO_HELLO(true),
    /** The client closed the connection during the handshake (the TWAPI recipe's "Unexpected EOF"). */
    HANDSHAKE_EOF(false),
    /** The client reset the connection (TCP RST) during the handshake. */
    HANDSHAKE_RESET(false),
    /** No complete handshake within the handshake timeout. */
    HANDSHAKE_TIMEOUT(false),
    /** The client sent a plaintext HTTP request to the TLS port; it was answered with a one-line hint. */
    NOT_TLS_HTTP(false),
    /** The client sent bytes that are not TLS. */
    NOT_TLS_OTHER(false),
    /** The client offers only protocol versions this server refuses (SSLv3, TLS 1.0, TLS 1.1). */
    NO_COMMON_PROTOCOL(false),
    /** No cipher suite, key-exchange group or signature algorithm in common with the client. */
    NO_COMMON_CIPHER(false),
    /** The client sent an alert rejecting our certificate (bad_certificate, unknown_ca, certificate_unknown...). */
    PEER_REJECTED_CERTIFICATE(false),
    /** Client authentication is required and the client sent no certificate. */
    CLIENT_CERT_MISSING(false),
    /** The client's certificate does not chain to a trusted issuer. */
    CLIENT_CERT_UNTRUSTED(false),
    /** The client's certificate has expired (or is not yet valid). */
    CLIENT_CERT_EXPIRED(false),
    /** The client asked (SNI) for a host name this server holds no certificate for, and there is no default. */
    NO_CERTIFICATE_FOR_SNI(false),
    /** The client broke the TLS protocol (malformed or unexpected message). */
    PROTOCOL_ERROR(false),
    /** A failure of ours that no other code describes. */
    INTERNAL(false),
    /**
     * Not a handshake failure: the handshake completed, then the client reset or closed the connection under our
     * write (a TLS 1.3 client that closes at once makes the server's session-ticket write fail).
     */
    PEER_RESET_AFTER_HANDSHAKE(true),
    /** After the handshake, the client sent a line longer than the limit; it got an error reply and a close. */
    LINE_TOO_LONG(false),
    /**
     * With the PROXY protocol on, the connection did not start with a valid PROXY header (version 1 or 2): a client
     * that reached the port directly, a balancer without {@code send-proxy}, or a header cut short or malformed.
     */
    PROXY_HEADER_INVALID(false);

    private final boolean quiet;

    FailureCode(boolean quiet) {
        this.quiet = quiet;
    }

    /** True for codes that are counted but logged only when asked (they are normal noise on an open port). */
    public boolean quiet() {
        return quiet;
    }
}
